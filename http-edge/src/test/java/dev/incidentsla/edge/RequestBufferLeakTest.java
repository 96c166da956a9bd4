package dev.incidentsla.edge;

import dev.incidentsla.edge.access.AccessRules;
import dev.incidentsla.edge.access.Roles;
import dev.incidentsla.edge.access.TestTokens;
import dev.incidentsla.edge.input.BufferLeaks;
import dev.incidentsla.edge.input.HeapBodyConnector;
import dev.incidentsla.edge.input.KeepAliveConnection;
import dev.incidentsla.edge.input.RawHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server that kept a buffer of each request it refuses, or of each client that hangs up mid-body, would run out of
 * direct memory under a stream of them. Each kind is sent repeatedly with every buffer tracked, and Netty must report
 * no leak. Bodies are larger than one socket read, so that part of each arrives after the refusal was written.
 */
class RequestBufferLeakTest {

    private static final int ROUNDS = 10;
    private static final String WRITER = "Bearer " + TestTokens.token("writer", List.of(Roles.INCIDENT_WRITER), null);
    private static final String READER = "Bearer " + TestTokens.token("reader", List.of(Roles.SLA_READER), null);

    @ServiceBehindTheEdge
    static class Service {

        @Bean
        AccessRules rules() {
            return exchanges -> exchanges.pathMatchers(HttpMethod.POST, "/orders").hasRole(Roles.INCIDENT_WRITER);
        }

        record Order(String item, int quantity) {
        }

        @RestController
        static class Orders {

            @PostMapping(value = "/orders", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
            Order accept(@RequestBody Order order) {
                return order;
            }
        }
    }

    private static ConfigurableApplicationContext service;
    private static int port;

    @BeforeAll
    static void start() {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
                "--spring.main.banner-mode=off", "--spring.http.codecs.max-in-memory-size=16KB"));
        TestTokens.accessProperties().forEach((name, value) -> arguments.add("--" + name + "=" + value));
        service = new SpringApplicationBuilder(Service.class, Service.Orders.class).run(arguments.toArray(String[]::new));
        port = ((WebServerApplicationContext) service).getWebServer().getPort();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static byte[] order(int bytes) {
        return ("{\"item\": \"" + "x".repeat(bytes - 30) + "\", \"quantity\": 1}").getBytes(StandardCharsets.UTF_8);
    }

    /** An order whose item holds an overlong '/' (C0 AF), which the strict UTF-8 decoder refuses. */
    private static byte[] overlongOrder() {
        byte[] body = order(1024);
        body[11] = (byte) 0xC0;
        body[12] = (byte) 0xAF;
        return body;
    }

    private static Map<String, String> json(String authorization) {
        Map<String, String> headers = new HashMap<>(Map.of("Content-Type", "application/json"));
        if (authorization != null) {
            headers.put("Authorization", authorization);
        }
        return headers;
    }

    private static int post(String target, Map<String, String> headers, byte[] body) {
        return RawHttp.send(port, "POST", target, headers, body).status();
    }

    /** Sends the head and a sixth of the body it announces, then closes the connection. */
    private static void hangUpMidBody(String authorization) throws IOException {
        byte[] body = order(48 * 1024);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /orders HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                    + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, body.length / 6);
            out.flush();
        }
    }

    @Test
    void refused_requests_and_clients_hanging_up_mid_body_leave_no_buffer_unreleased() throws Exception {
        byte[] large = order(48 * 1024);
        String unauthorized = "POST /orders HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + large.length + "\r\n\r\n" + new String(large, StandardCharsets.UTF_8);
        try (BufferLeaks leaks = BufferLeaks.watch()) {
            for (int round = 0; round < ROUNDS; round++) {
                assertThat(post("/orders", json(null), large)).isEqualTo(401);
                assertThat(post("/orders", json("Bearer not-a-token"), large)).isEqualTo(401);
                assertThat(post("/orders", json(READER), large)).isEqualTo(403);
                assertThat(post("/orders", json(WRITER), large)).isEqualTo(413);
                assertThat(post("/orders", json(WRITER), overlongOrder())).isEqualTo(400);
                assertThat(post("/orders", json(WRITER), "{\"item\": ".getBytes(StandardCharsets.UTF_8))).isEqualTo(400);
                assertThat(post("/orders", Map.of("Content-Type", "text/plain", "Authorization", WRITER), large)).isEqualTo(415);
                assertThat(post("/orders;v=1", json(WRITER), large)).isEqualTo(400);
                assertThat(post("/orders?v=1&v=2", json(WRITER), large)).isEqualTo(400);
                assertThat(post("/" + "o".repeat(5000), json(WRITER), large)).isEqualTo(414);
                assertThat(post("/orders", json(WRITER), order(1024))).isEqualTo(200);
                hangUpMidBody(null);
                hangUpMidBody(WRITER);
                try (KeepAliveConnection connection = KeepAliveConnection.open(port, Duration.ofSeconds(10))) {
                    connection.write(unauthorized + unauthorized);
                    assertThat(List.of(connection.readStatus(), connection.readStatus())).containsExactly(401, 401);
                }
            }
            assertThat(leaks.reported()).isEmpty();
        }
    }

    /** WebTestClient alone would leave these answers' bodies unreleased: the tests' client must not. */
    @Test
    void the_tests_client_releases_the_bodies_of_answers_checked_only_for_their_status() throws Exception {
        WebTestClient client = HeapBodyConnector.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
        String accepted = new String(order(1024), StandardCharsets.UTF_8);
        try (BufferLeaks leaks = BufferLeaks.watch()) {
            for (int round = 0; round < ROUNDS; round++) {
                client.post().uri("/orders").header(HttpHeaders.AUTHORIZATION, WRITER).contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(accepted).exchange().expectStatus().isOk();
                client.post().uri("/orders").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                        .expectStatus().isUnauthorized();
                client.post().uri("/orders").header(HttpHeaders.AUTHORIZATION, WRITER).contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(accepted).exchange().returnResult(String.class).getStatus();
            }
            assertThat(leaks.reported()).isEmpty();
        }
    }
}
