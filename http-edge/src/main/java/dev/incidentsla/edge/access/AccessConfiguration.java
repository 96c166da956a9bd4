package dev.incidentsla.edge.access;

import dev.incidentsla.edge.problem.InputDescriptions;
import dev.incidentsla.edge.problem.Problem;
import dev.incidentsla.edge.problem.ProblemResponses;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Who may call what. With {@code incident-sla.access.enabled} (the production profile) every request but health,
 * metrics and the API description needs a bearer JWT from the configured issuer, and each path a role
 * ({@link AccessRules}); the service refuses to start without an issuer or key set to check tokens against. Without
 * it (the local run) nothing is checked, and the service refuses to start unless it listens on loopback only.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
@EnableConfigurationProperties(AccessProperties.class)
public class AccessConfiguration {

    private static final System.Logger LOG = System.getLogger(AccessConfiguration.class.getName());

    static final String[] PUBLIC_PATHS = {"/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus",
            "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html", "/swagger-ui/**", "/webjars/**"};

    @Bean
    SecurityWebFilterChain accessControl(ServerHttpSecurity http, AccessProperties properties, AccessRules rules,
                                         ObjectProvider<ReactiveJwtDecoder> decoders, Environment environment) {
        http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .exceptionHandling(handling -> handling.authenticationEntryPoint(unauthorized()).accessDeniedHandler(forbidden()));
        if (!properties.enabled()) {
            requireLoopback(environment);
            return http.authorizeExchange(exchanges -> exchanges.anyExchange().permitAll()).build();
        }
        ReactiveJwtDecoder decoder = decoders.getIfAvailable();
        if (decoder == null) {
            throw new IllegalStateException("incident-sla.access.enabled is true but no token issuer is configured: set "
                    + "spring.security.oauth2.resourceserver.jwt.issuer-uri or jwk-set-uri (or public-key-location)");
        }
        return http
                .authorizeExchange(exchanges -> {
                    exchanges.pathMatchers(PUBLIC_PATHS).permitAll();
                    rules.authorize(exchanges);
                    exchanges.anyExchange().denyAll();
                })
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.jwtDecoder(decoder).jwtAuthenticationConverter(CallerAuthentication.converter(properties)))
                        .authenticationEntryPoint(unauthorized())
                        .accessDeniedHandler(forbidden()))
                .build();
    }

    private static void requireLoopback(Environment environment) {
        String address = environment.getProperty("server.address");
        if (!isLoopback(address)) {
            throw new IllegalStateException("access control is off (incident-sla.access.enabled=false), so this service "
                    + "may listen on loopback only, but server.address is " + (address == null ? "every interface" : address)
                    + ": set server.address=127.0.0.1, or turn access control on with a token issuer (the production profile)");
        }
        LOG.log(System.Logger.Level.WARNING, "Access control is OFF: listening on " + address + " only, anyone on this "
                + "machine may read and change every contract and incident. The production profile turns it on.");
    }

    private static boolean isLoopback(String address) {
        if (address == null || address.isBlank()) {
            return false;
        }
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static ServerAuthenticationEntryPoint unauthorized() {
        return (exchange, failure) -> {
            String challenge = "Bearer";
            String detail = "this request needs a bearer token: Authorization: Bearer <JWT>";
            if (failure instanceof OAuth2AuthenticationException refused) {
                challenge = "Bearer error=\"invalid_token\"";
                detail = "the bearer token was refused: " + InputDescriptions.safe(refused.getError().getDescription(),
                        "it is malformed, expired, or not signed by the configured issuer");
            }
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, challenge);
            return ProblemResponses.write(exchange, new Problem(HttpStatus.UNAUTHORIZED, "Unauthorized", detail));
        };
    }

    private static ServerAccessDeniedHandler forbidden() {
        return (exchange, denied) -> ProblemResponses.write(exchange, new Problem(HttpStatus.FORBIDDEN, "Forbidden",
                "this token's roles do not allow " + exchange.getRequest().getMethod() + " "
                        + exchange.getRequest().getPath().value()));
    }
}
