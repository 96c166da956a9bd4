package dev.incidentsla.projection.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentsla.api.Channel;
import dev.incidentsla.api.Severity;
import dev.incidentsla.api.SlaClock;
import dev.incidentsla.api.SlaDecision;
import dev.incidentsla.api.contract.ContractId;
import dev.incidentsla.api.incident.FirstResponseBreached;
import dev.incidentsla.api.incident.IncidentId;
import dev.incidentsla.api.incident.IncidentOpened;
import dev.incidentsla.projection.SlaProjectionApplication;
import dev.incidentsla.projection.pipeline.KafkaBrokerProcess;
import dev.incidentsla.service.IncidentServiceApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Load harness for the alert path (BENCHMARKS.md): 100,000 pending Sev 1 SLAs whose deadlines are spread over
 * five minutes, appended straight to the event store; as each deadline passes the harness records the incident's
 * breach fact itself (standing in for the incident's timer), and the projection publishes it to a real broker.
 * Reports alert latency (broker append instant minus the deadline). Not a test: run it by hand (see BENCHMARKS.md).
 */
public final class AlertLatencyBenchmark {

    private static final int INCIDENTS = Integer.getInteger("incidents", 100_000);
    private static final Duration FIRST_DEADLINE_AFTER = Duration.ofSeconds(Long.getLong("leadSeconds", 240));
    private static final Duration SPREAD = Duration.ofSeconds(Long.getLong("spreadSeconds", 300));
    private static final ObjectMapper JSON = new ObjectMapper();

    private AlertLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path directory = Files.createTempDirectory("alert-latency-benchmark");
        KafkaBrokerProcess broker = new KafkaBrokerProcess(Files.createDirectories(directory.resolve("kafka")));
        broker.start();
        ConfigurableApplicationContext incidents = new SpringApplicationBuilder(IncidentServiceApplication.class).run(
                "--server.port=0", "--logging.level.root=WARN",
                "--incident-sla.embedded-database.directory=" + directory.resolve("postgres"));
        try {
            Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            EventStore eventStore = incidents.getBean(EventStore.class);
            List<IncidentOpened> opened = open(eventStore, start.plus(FIRST_DEADLINE_AFTER));
            System.out.printf("appended %d incidents in %s%n", INCIDENTS, Duration.between(start, Instant.now()));
            ConfigurableApplicationContext projection = SlaProjectionApplication.application().run("--server.port=0",
                    "--logging.level.root=WARN",
                    "--spring.datasource.url=" + incidents.getBean(EmbeddedPostgres.class).getJdbcUrl("postgres", "postgres"),
                    "--sla-projection.kafka.bootstrap-servers=" + broker.bootstrapServers());
            try {
                Thread feeder = new Thread(() -> recordBreachesAsTheyFallDue(eventStore, opened), "breach-feeder");
                feeder.start();
                List<Double> latencies = consumeBreaches(broker.bootstrapServers(),
                        start.plus(FIRST_DEADLINE_AFTER).plus(SPREAD).plus(Duration.ofMinutes(5)));
                feeder.join();
                report(latencies);
            } finally {
                projection.close();
            }
        } finally {
            incidents.close();
            broker.stop();
        }
        System.exit(0);
    }

    private static List<IncidentOpened> open(EventStore eventStore, Instant firstDeadline) {
        long spreadMillis = SPREAD.toMillis();
        List<IncidentOpened> opened = new ArrayList<>();
        List<DomainEventMessage<?>> batch = new ArrayList<>();
        for (int i = 0; i < INCIDENTS; i++) {
            Instant dueAt = firstDeadline.plusMillis(spreadMillis * i / INCIDENTS);
            Instant submittedAt = dueAt.minus(Duration.ofMinutes(15));
            SlaDecision decision = new SlaDecision("UNIFIED", "unified.sev-1.azure", Duration.ofMinutes(15), SlaClock.ROUND_THE_CLOCK,
                    submittedAt, dueAt, submittedAt.plusSeconds(675), "benchmark", 1, false, "benchmark");
            IncidentId id = new IncidentId("BENCH-" + i);
            IncidentOpened event = new IncidentOpened(id, new ContractId("bench"), 1, "benchmark", "azure-virtual-machines",
                    Channel.PHONE, Severity.SEV_1, false, null, submittedAt, decision);
            opened.add(event);
            batch.add(new GenericDomainEventMessage<>("Incident", id.toString(), 0, event));
            if (batch.size() == 1000) {
                eventStore.publish(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            eventStore.publish(batch);
        }
        return opened;
    }

    private static void recordBreachesAsTheyFallDue(EventStore eventStore, List<IncidentOpened> opened) {
        for (IncidentOpened incident : opened) {
            SlaDecision decision = incident.firstResponse();
            long wait = Duration.between(Instant.now(), decision.dueAt()).toMillis() + 1;
            if (wait > 0) {
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            eventStore.publish(new GenericDomainEventMessage<>("Incident", incident.incidentId().toString(), 1,
                    new FirstResponseBreached(incident.incidentId(), incident.contractId(), incident.severity(), incident.product(),
                            decision.program(), decision.rule(), decision.target(), decision.clock(), incident.submittedAt(),
                            decision.dueAt(), Instant.now())));
        }
    }

    private static List<Double> consumeBreaches(String bootstrapServers, Instant giveUpAt) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "benchmark-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<Double> latencies = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of("incident.sla.breaches"));
            while (latencies.size() < INCIDENTS && Instant.now().isBefore(giveUpAt)) {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                    Instant dueAt = Instant.parse(json(record.value()).get("data").get("dueAt").asText());
                    latencies.add((double) (record.timestamp() - dueAt.toEpochMilli()));
                });
            }
        }
        if (latencies.size() < INCIDENTS) {
            System.out.println("gave up waiting: not every breach was published");
        }
        return latencies;
    }

    private static void report(List<Double> latencies) {
        Collections.sort(latencies);
        System.out.printf("BREACH: %d published; latency broker append - deadline ms p50 %.1f p90 %.1f p99 %.1f max %.1f%n",
                latencies.size(), percentile(latencies, 0.50), percentile(latencies, 0.90), percentile(latencies, 0.99),
                percentile(latencies, 1.0));
    }

    private static double percentile(List<Double> sorted, double share) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(share * sorted.size()) - 1));
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
