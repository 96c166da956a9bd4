package dev.incidentsla.service.web;

import dev.incidentsla.edge.access.AccessRules;
import dev.incidentsla.edge.access.Roles;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.stereotype.Component;

/**
 * Each role's part of the incident service (API.md, "Access"). The product catalog is no customer's data: any valid
 * token reads it. Contract terms are read by their admins and by auditors, who must see why a deadline is what it is.
 */
@Component
class IncidentServiceAccess implements AccessRules {

    @Override
    public void authorize(ServerHttpSecurity.AuthorizeExchangeSpec exchanges) {
        exchanges
                .pathMatchers(HttpMethod.GET, "/api/v1/products").authenticated()
                .pathMatchers(HttpMethod.PUT, "/api/v1/contracts/*").hasRole(Roles.CONTRACT_ADMIN)
                .pathMatchers(HttpMethod.GET, "/api/v1/contracts/*").hasAnyRole(Roles.CONTRACT_ADMIN, Roles.AUDITOR)
                .pathMatchers(HttpMethod.POST, "/api/v1/incidents", "/api/v1/incidents/*/*").hasRole(Roles.INCIDENT_WRITER)
                .pathMatchers(HttpMethod.GET, "/api/v1/incidents/*/events", "/api/v1/incidents/*/sla").hasRole(Roles.AUDITOR)
                .pathMatchers(HttpMethod.GET, "/api/v1/incidents", "/api/v1/incidents/*")
                .hasAnyRole(Roles.INCIDENT_WRITER, Roles.SLA_READER, Roles.AUDITOR)
                .pathMatchers(HttpMethod.GET, "/api/v1/audit/events").hasRole(Roles.AUDITOR);
    }
}
