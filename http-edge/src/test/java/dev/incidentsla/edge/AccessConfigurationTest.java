package dev.incidentsla.edge;

import dev.incidentsla.edge.access.AccessRules;
import dev.incidentsla.edge.access.Roles;
import dev.incidentsla.edge.access.TestTokens;
import dev.incidentsla.edge.input.HeapBodyConnector;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** When a service may start at all: never open to the network without access control, never on with nothing to check tokens against. */
class AccessConfigurationTest {

    @ServiceBehindTheEdge
    static class Service {

        @Bean
        AccessRules rules() {
            return exchanges -> exchanges.pathMatchers("/hello").hasRole(Roles.SLA_READER);
        }

        @RestController
        static class Hello {

            @GetMapping(value = "/hello", produces = MediaType.TEXT_PLAIN_VALUE)
            String hello() {
                return "hello";
            }
        }
    }

    private static ConfigurableApplicationContext start(String... arguments) {
        List<String> all = new ArrayList<>(List.of("--server.port=0", "--spring.main.banner-mode=off"));
        all.addAll(List.of(arguments));
        return new SpringApplicationBuilder(Service.class, Service.Hello.class).run(all.toArray(String[]::new));
    }

    private static WebTestClient clientOf(ConfigurableApplicationContext context) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return HeapBodyConnector.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
    }

    @Test
    void with_access_control_on_it_refuses_to_start_without_an_issuer_or_key() {
        assertThatThrownBy(() -> start("--incident-sla.access.enabled=true", "--server.address=0.0.0.0"))
                .hasStackTraceContaining("no token issuer is configured");
    }

    @Test
    void without_access_control_it_refuses_to_listen_beyond_loopback() {
        assertThatThrownBy(() -> start("--incident-sla.access.enabled=false", "--server.address=0.0.0.0"))
                .hasStackTraceContaining("may listen on loopback only");
        assertThatThrownBy(() -> start("--incident-sla.access.enabled=false"))
                .hasStackTraceContaining("may listen on loopback only");
    }

    @Test
    void without_access_control_on_loopback_it_serves_anyone() {
        try (ConfigurableApplicationContext context = start("--incident-sla.access.enabled=false", "--server.address=127.0.0.1")) {
            clientOf(context).get().uri("/hello").exchange().expectStatus().isOk();
        }
    }

    @Test
    void with_an_issuer_key_it_checks_tokens_and_roles() {
        List<String> arguments = new ArrayList<>(List.of("--server.address=127.0.0.1"));
        TestTokens.accessProperties().forEach((name, value) -> arguments.add("--" + name + "=" + value));
        try (ConfigurableApplicationContext context = start(arguments.toArray(String[]::new))) {
            WebTestClient client = clientOf(context);
            client.get().uri("/hello").exchange().expectStatus().isUnauthorized()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
            client.get().uri("/hello").header(HttpHeaders.AUTHORIZATION,
                            "Bearer " + TestTokens.token("reader", List.of(Roles.SLA_READER), null))
                    .exchange().expectStatus().isOk();
            client.get().uri("/hello").header(HttpHeaders.AUTHORIZATION,
                            "Bearer " + TestTokens.token("writer", List.of(Roles.INCIDENT_WRITER), null))
                    .exchange().expectStatus().isForbidden().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
            client.get().uri("/not-in-any-rule").header(HttpHeaders.AUTHORIZATION,
                            "Bearer " + TestTokens.token("reader", List.of(Roles.SLA_READER), null))
                    .exchange().expectStatus().isForbidden();
            client.get().uri("/actuator/health").exchange().expectStatus().value(status -> assertThat(status).isNotIn(401, 403));
        }
    }
}
