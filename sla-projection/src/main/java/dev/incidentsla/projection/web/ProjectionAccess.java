package dev.incidentsla.projection.web;

import dev.incidentsla.edge.access.AccessRules;
import dev.incidentsla.edge.access.Roles;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.stereotype.Component;

/** The dashboards' reads (pending SLAs, breaches, and what follows them: stream, reports) are the SLA readers' part. */
@Component
class ProjectionAccess implements AccessRules {

    @Override
    public void authorize(ServerHttpSecurity.AuthorizeExchangeSpec exchanges) {
        exchanges.pathMatchers(HttpMethod.GET, "/api/v1/sla/**", "/api/v1/reports/**").hasRole(Roles.SLA_READER);
    }
}
