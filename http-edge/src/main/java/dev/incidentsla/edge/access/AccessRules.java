package dev.incidentsla.edge.access;

import org.springframework.security.config.web.server.ServerHttpSecurity;

/**
 * Which role may call which of a service's endpoints. A path no rule names is refused to everyone, so a new
 * endpoint stays closed until its rule is written.
 */
@FunctionalInterface
public interface AccessRules {

    void authorize(ServerHttpSecurity.AuthorizeExchangeSpec exchanges);
}
