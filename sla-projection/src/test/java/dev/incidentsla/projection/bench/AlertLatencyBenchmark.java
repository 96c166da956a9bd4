package dev.incidentsla.projection.bench;

import dev.incidentsla.api.Channel;
import dev.incidentsla.api.Severity;
import dev.incidentsla.api.SlaClock;
import dev.incidentsla.api.SlaDecision;
import dev.incidentsla.api.contract.ContractId;
import dev.incidentsla.api.incident.IncidentId;
import dev.incidentsla.api.incident.IncidentOpened;
import dev.incidentsla.projection.SlaProjectionApplication;
import dev.incidentsla.projection.pipeline.KafkaBrokerProcess;
import dev.incidentsla.projection.schedule.DeadlineSchedule;
import dev.incidentsla.service.IncidentServiceApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Load harness for the alert path (BENCHMARKS.md): 100,000 pending Sev 1 SLAs whose deadlines are spread over
 * five minutes, appended straight to the event store; the projection catches up, then breaches them as they
 * fall due and publishes to a real broker. Reports alert latency (published minus the deadline) and the heap
 * the schedule takes per pending SLA. Not a test: run it by hand (see BENCHMARKS.md).
 */
public final class AlertLatencyBenchmark {

    private static final int INCIDENTS = Integer.getInteger("incidents", 100_000);
    private static final Duration FIRST_DEADLINE_AFTER = Duration.ofSeconds(Long.getLong("leadSeconds", 240));
    private static final Duration SPREAD = Duration.ofSeconds(Long.getLong("spreadSeconds", 300));

    private AlertLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.out.printf("heap per pending SLA in the schedule: %.0f bytes%n", scheduleHeapPerEntry());
        Path directory = Files.createTempDirectory("alert-latency-benchmark");
        KafkaBrokerProcess broker = new KafkaBrokerProcess(Files.createDirectories(directory.resolve("kafka")));
        broker.start();
        ConfigurableApplicationContext incidents = new SpringApplicationBuilder(IncidentServiceApplication.class).run(
                "--server.port=0", "--logging.level.root=WARN",
                "--incident-sla.embedded-database.directory=" + directory.resolve("postgres"));
        try {
            Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            append(incidents.getBean(EventStore.class), start.plus(FIRST_DEADLINE_AFTER));
            System.out.printf("appended %d incidents in %s%n", INCIDENTS, Duration.between(start, Instant.now()));
            ConfigurableApplicationContext projection = SlaProjectionApplication.application().run("--server.port=0",
                    "--logging.level.root=WARN",
                    "--spring.datasource.url=" + incidents.getBean(EmbeddedPostgres.class).getJdbcUrl("postgres", "postgres"),
                    "--sla-projection.kafka.bootstrap-servers=" + broker.bootstrapServers());
            try {
                JdbcTemplate jdbc = projection.getBean(JdbcTemplate.class);
                awaitCatchUp(jdbc, start);
                awaitAllBreachesSent(jdbc, start.plus(FIRST_DEADLINE_AFTER).plus(SPREAD).plus(Duration.ofMinutes(5)));
                report(jdbc, "BREACH");
                report(jdbc, "WARNING");
            } finally {
                projection.close();
            }
        } finally {
            incidents.close();
            broker.stop();
        }
        System.exit(0);
    }

    private static void append(EventStore eventStore, Instant firstDeadline) {
        long spreadMillis = SPREAD.toMillis();
        List<DomainEventMessage<?>> batch = new ArrayList<>();
        for (int i = 0; i < INCIDENTS; i++) {
            Instant dueAt = firstDeadline.plusMillis(spreadMillis * i / INCIDENTS);
            Instant submittedAt = dueAt.minus(Duration.ofMinutes(15));
            SlaDecision decision = new SlaDecision("UNIFIED", "unified.sev-1.azure", Duration.ofMinutes(15), SlaClock.ROUND_THE_CLOCK,
                    submittedAt, dueAt, submittedAt.plusSeconds(675), "benchmark", 1, false, "benchmark");
            IncidentId id = new IncidentId("BENCH-" + i);
            batch.add(new GenericDomainEventMessage<>("Incident", id.toString(), 0, new IncidentOpened(id, new ContractId("bench"), 1,
                    "benchmark", "azure-virtual-machines", Channel.PHONE, Severity.SEV_1, false, null, submittedAt, decision)));
            if (batch.size() == 1000) {
                eventStore.publish(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            eventStore.publish(batch);
        }
    }

    private static void awaitCatchUp(JdbcTemplate jdbc, Instant start) throws InterruptedException {
        while (count(jdbc, "SELECT count(*) FROM sla_read_model") < INCIDENTS) {
            Thread.sleep(1000);
        }
        System.out.printf("projection caught up with %d incidents after %s%n", INCIDENTS, Duration.between(start, Instant.now()));
    }

    private static void awaitAllBreachesSent(JdbcTemplate jdbc, Instant giveUpAt) throws InterruptedException {
        while (count(jdbc, "SELECT count(*) FROM sla_alert_outbox WHERE kind = 'BREACH' AND sent_at IS NOT NULL") < INCIDENTS) {
            if (Instant.now().isAfter(giveUpAt)) {
                System.out.println("gave up waiting: not every breach was published");
                return;
            }
            Thread.sleep(1000);
        }
    }

    private static void report(JdbcTemplate jdbc, String kind) {
        List<Double> published = new ArrayList<>(jdbc.queryForList(
                "SELECT EXTRACT(EPOCH FROM (sent_at - deadline)) * 1000 FROM sla_alert_outbox WHERE kind = ? AND sent_at IS NOT NULL",
                Double.class, kind));
        List<Double> detected = new ArrayList<>(jdbc.queryForList(
                "SELECT EXTRACT(EPOCH FROM (created_at - deadline)) * 1000 FROM sla_alert_outbox WHERE kind = ?", Double.class, kind));
        Collections.sort(published);
        Collections.sort(detected);
        System.out.printf("%s: %d published; latency published-deadline ms p50 %.1f p90 %.1f p99 %.1f max %.1f; "
                        + "detected-deadline ms p50 %.1f p99 %.1f%n", kind, published.size(), percentile(published, 0.50),
                percentile(published, 0.90), percentile(published, 0.99), percentile(published, 1.0),
                percentile(detected, 0.50), percentile(detected, 0.99));
    }

    private static double percentile(List<Double> sorted, double share) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(share * sorted.size()) - 1));
    }

    private static long count(JdbcTemplate jdbc, String sql) {
        Long count = jdbc.queryForObject(sql, Long.class);
        return count == null ? 0 : count;
    }

    private static double scheduleHeapPerEntry() throws InterruptedException {
        Instant now = Instant.now();
        long before = usedHeapAfterGc();
        DeadlineSchedule schedule = new DeadlineSchedule();
        for (int i = 0; i < INCIDENTS; i++) {
            String id = "INC-" + i;
            schedule.put(DeadlineSchedule.Entry.warning(id, now.plusMillis(i)));
            schedule.put(DeadlineSchedule.Entry.breach(id, now.plusMillis(i + 300_000L)));
        }
        long after = usedHeapAfterGc();
        if (schedule.size() != 2 * INCIDENTS) {
            throw new IllegalStateException("schedule lost entries");
        }
        return (after - before) / (double) INCIDENTS;
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
