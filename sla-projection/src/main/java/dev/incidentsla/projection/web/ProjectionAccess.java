package dev.incidentsla.projection.web;

import dev.incidentsla.edge.access.AccessRules;
import dev.incidentsla.edge.access.Roles;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.stereotype.Component;

/**
 * The dashboards' reads (pending SLAs, breaches, and what follows them: stream, reports) are the SLA readers' part. The
 * operations page itself (its HTML, CSS and script) holds no data and is public: the data it shows comes from those
 * reads, with the bearer token the operator gives it.
 */
@Component
class ProjectionAccess implements AccessRules {

    @Override
    public void authorize(ServerHttpSecurity.AuthorizeExchangeSpec exchanges) {
        exchanges.pathMatchers(HttpMethod.GET, "/api/v1/sla/**", "/api/v1/reports/**").hasRole(Roles.SLA_READER);
        exchanges.pathMatchers(HttpMethod.GET, "/", "/index.html", "/live/**").permitAll();
    }
}
