package dev.incidentsla.service.web;

import com.zaxxer.hikari.HikariDataSource;
import org.axonframework.messaging.timeout.TaskTimeoutSettings;
import org.axonframework.springboot.TimeoutProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /actuator/prometheus}: commands by type and outcome, SLA decisions by program and rule, event-store appends; and
 * the settings the service runs with.
 */
class MetricsApiTest extends ApiTestSupport {

    private static final String FRIDAY_1700 = "2026-11-20T10:00:00Z";

    @Test
    void commands_decisions_and_appends_are_counted_as_they_happen() {
        String contract = jakartaContract("{\"program\": \"UER\"}");
        String incident = "INC-METRICS-" + suffix;
        String before = scrape();

        Map<?, ?> opened = openIncident(incident, contract, "B", FRIDAY_1700).expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
        openIncident(incident, contract, "B", FRIDAY_1700).expectStatus().isOk();
        post("/api/v1/incidents/{id}/regrade", "{\"severity\": \"A\"}", incident).expectStatus().isOk();
        post("/api/v1/incidents/{id}/first-response", "{\"channel\": \"PHONE\"}", "INC-NOBODY-" + suffix)
                .expectStatus().isNotFound();
        assertProblem(post("/api/v1/incidents/{id}/close", "{\"closedAt\": \"2026-11-19T00:00:00Z\"}", incident), 422,
                "precedes");
        String after = scrape();

        String commands = "incident_sla_commands_seconds_count";
        assertThat(increase(before, after, commands, "command=\"OpenIncident\",outcome=\"accepted\"")).isEqualTo(1);
        assertThat(increase(before, after, commands, "command=\"OpenIncident\",outcome=\"exists\"")).isEqualTo(1);
        assertThat(increase(before, after, commands, "command=\"RegradeIncident\",outcome=\"accepted\"")).isEqualTo(1);
        assertThat(increase(before, after, commands, "command=\"RecordFirstResponse\",outcome=\"not_found\"")).isEqualTo(1);
        assertThat(increase(before, after, commands, "command=\"CloseIncident\",outcome=\"rule_violation\"")).isEqualTo(1);
        assertThat(after).containsPattern("incident_sla_commands_seconds_bucket\\{command=\"OpenIncident\","
                + "outcome=\"accepted\",le=\"[0-9.]+\"}");

        Map<?, ?> firstResponse = (Map<?, ?>) opened.get("firstResponse");
        assertThat(increase(before, after, "incident_sla_decisions_total", "kind=\"open\",program=\""
                + firstResponse.get("program") + "\",rule=\"" + firstResponse.get("rule") + "\"")).isEqualTo(1);
        assertThat(increase(before, after, "incident_sla_decisions_total", "kind=\"regrade\",program=\"")).isEqualTo(1);
        assertThat(increase(before, after, "incident_sla_event_store_append_seconds_count", "")).isGreaterThanOrEqualTo(2);
        assertThat(after).as("requests are timed once, not again for each filter of Spring Security's chain")
                .contains("http_server_requests_seconds_count").doesNotContain("spring_security_");
    }

    @Test
    void handlers_run_without_a_time_limit_of_their_own_while_a_command_keeps_its_unit_of_work_s(
            @Autowired TimeoutProperties timeouts) {
        for (TaskTimeoutSettings handlers : List.of(timeouts.getHandler().getCommands(), timeouts.getHandler().getEvents())) {
            assertThat(handlers.getTimeoutMs()).as("no stack trace and scheduled task per handler invocation").isNegative();
            assertThat(handlers.getWarningThresholdMs()).isNegative();
        }
        assertThat(timeouts.getTransaction().getCommandBus().getTimeoutMs()).isPositive();
    }

    /** The embedded database's pool takes the service's pool settings, as a deployed node's does. */
    @Test
    void a_batch_of_rows_reaches_postgresql_as_one_multi_row_insert(@Autowired DataSource dataSource) throws SQLException {
        assertThat(dataSource).isInstanceOfSatisfying(HikariDataSource.class,
                pool -> assertThat(pool.getMaximumPoolSize()).isEqualTo(20));
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TEMPORARY TABLE batch_probe (n int)");
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO batch_probe VALUES (?)")) {
                for (int row = 1; row <= 4; row++) {
                    insert.setInt(1, row);
                    insert.addBatch();
                }
                assertThat(insert.executeBatch()).as("rewritten: one statement, no count per row")
                        .containsOnly(Statement.SUCCESS_NO_INFO);
            } finally {
                statement.execute("DROP TABLE batch_probe");
            }
        }
    }

    private String scrape() {
        return client.get().uri("/actuator/prometheus").accept(MediaType.TEXT_PLAIN).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    /** How much the samples of a metric whose labels start with {@code labels} grew between two scrapes. */
    private static double increase(String before, String after, String metric, String labels) {
        return sum(after, metric, labels) - sum(before, metric, labels);
    }

    private static double sum(String scrape, String metric, String labels) {
        Matcher samples = Pattern.compile("(?m)^" + Pattern.quote(metric) + "(?:\\{" + Pattern.quote(labels)
                + "[^}]*})? ([0-9.eE+-]+)$").matcher(scrape);
        double total = 0;
        while (samples.find()) {
            total += Double.parseDouble(samples.group(1));
        }
        return total;
    }
}
