package dev.incidentsla.edge.access;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param enabled        bearer tokens required (the production profile); off, the service must listen on loopback only
 * @param rolesClaim     the token claim that lists the caller's roles
 * @param contractsClaim the token claim that, when present, limits the caller to those contract ids
 */
@ConfigurationProperties("incident-sla.access")
public record AccessProperties(boolean enabled, String rolesClaim, String contractsClaim) {

    public AccessProperties {
        rolesClaim = rolesClaim == null ? "roles" : rolesClaim;
        contractsClaim = contractsClaim == null ? "contracts" : contractsClaim;
    }
}
