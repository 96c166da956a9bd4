package dev.incidentsla.edge.access;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import reactor.core.publisher.Mono;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/** A verified token as the services see it: its roles as authorities ({@code ROLE_<role>}) and the {@link Caller}. */
final class CallerAuthentication extends JwtAuthenticationToken {

    private final transient Caller caller;

    private CallerAuthentication(Jwt token, Collection<? extends GrantedAuthority> authorities, Caller caller) {
        super(token, authorities, token.getSubject());
        this.caller = caller;
    }

    Caller caller() {
        return caller;
    }

    /** Reads the roles and contracts claims a deployment names; a claim that is a single string counts as a list of one. */
    static Converter<Jwt, Mono<AbstractAuthenticationToken>> converter(AccessProperties properties) {
        return token -> {
            if (token.getSubject() == null || token.getSubject().isBlank()) {
                return Mono.error(new InvalidBearerTokenException("the token names no subject (sub): the history "
                        + "records who acted"));
            }
            List<String> roles = strings(token.getClaims().get(properties.rolesClaim()));
            Object contracts = token.getClaims().get(properties.contractsClaim());
            Caller caller = new Caller(token.getSubject(), contracts == null ? null : Set.copyOf(strings(contracts)));
            List<GrantedAuthority> authorities = roles.stream()
                    .<GrantedAuthority>map(role -> new SimpleGrantedAuthority("ROLE_" + role))
                    .toList();
            return Mono.just(new CallerAuthentication(token, authorities, caller));
        };
    }

    private static List<String> strings(Object claim) {
        if (claim == null) {
            return List.of();
        }
        if (claim instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(claim));
    }
}
