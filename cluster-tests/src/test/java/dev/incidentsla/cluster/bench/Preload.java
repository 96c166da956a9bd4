package dev.incidentsla.cluster.bench;

import dev.incidentsla.api.Channel;
import dev.incidentsla.api.Severity;
import dev.incidentsla.api.SlaDecision;
import dev.incidentsla.api.contract.ContractId;
import dev.incidentsla.api.incident.IncidentId;
import dev.incidentsla.api.incident.IncidentOpened;
import dev.incidentsla.api.incident.OpenIncident;
import dev.incidentsla.eventstore.EventMetadata;
import dev.incidentsla.incident.SlaDecisions;
import dev.incidentsla.service.CommandSender;
import dev.incidentsla.service.RequestContext;
import dev.incidentsla.sla.engine.IncidentFacts;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateScopeDescriptor;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.lang.reflect.Constructor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Puts {@code count} pending SLAs into the shared database through an in-process incident-service context, half
 * Sev C (4 business hours) and half Sev B (2 business hours), submitted now, so every deadline lies hours ahead.
 *
 * <ul>
 *   <li>{@code commands} (default): {@code OpenIncident} through the {@link CommandSender} (Axon's command gateway,
 *   the path REST takes minus HTTP): real aggregates, the real SLA engine, both deadlines in {@code scheduled_tasks}
 *   in the command's transaction.</li>
 *   <li>{@code events}: {@code IncidentOpened} appended with {@link EventStore#publish} and both deadlines scheduled with
 *   the {@link DeadlineManager} bean, one transaction per {@value #BATCH} incidents. Same serializers, tables, decisions
 *   (the {@link SlaDecisions} bean) and deadline payloads (the aggregate's own, package-private records, built by
 *   reflection) as the aggregate writes, without the aggregate's load-before-create and one commit per incident.</li>
 * </ul>
 */
final class Preload {

    static final String PREFIX = "PRE-";
    private static final int BATCH = 500;
    private static final String AGGREGATE_TYPE = "Incident";
    private static final String AT_RISK_DEADLINE = "first-response-at-risk";
    private static final String BREACH_DEADLINE = "first-response-breach";
    private static final String DEADLINE_PAYLOADS = "dev.incidentsla.incident.FirstResponseDeadlines$";
    /** The aggregate judges a breach just after the due instant (FirstResponseDeadlines.AFTER_DUE). */
    private static final Duration AFTER_DUE = Duration.ofMillis(1);

    record Result(String mode, int requested, int opened, int failed, Duration took, String firstFailure) {
        double perSecond() {
            return opened / Math.max(0.001, took.toMillis() / 1000.0);
        }
    }

    private Preload() {
    }

    static Result run(ConfigurableApplicationContext incidents, String mode, ContractId contract, int count, int threads,
                      Duration limit) throws InterruptedException {
        Instant start = Instant.now();
        Instant giveUpAt = start.plus(limit);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger opened = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicLong lastReport = new AtomicLong(System.nanoTime());
        String[] firstFailure = new String[1];
        Runnable worker = switch (mode) {
            case "commands" -> commandWorker(incidents.getBean(CommandSender.class), contract, count, next, opened, failed,
                    firstFailure, giveUpAt);
            case "events" -> eventWorker(incidents, contract, count, next, opened, failed, firstFailure, giveUpAt);
            default -> throw new IllegalArgumentException("-Dpreload must be commands or events, not " + mode);
        };
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "preload");
            thread.setDaemon(true);
            return thread;
        });
        for (int i = 0; i < threads; i++) {
            pool.execute(worker);
        }
        pool.shutdown();
        while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
            long now = System.nanoTime();
            long last = lastReport.get();
            if (now - last > TimeUnit.SECONDS.toNanos(15) && lastReport.compareAndSet(last, now)) {
                Duration elapsed = Duration.between(start, Instant.now());
                System.out.printf("  preload: %,d of %,d after %d s (%.0f/s)%n", opened.get(), count, elapsed.toSeconds(),
                        opened.get() / Math.max(1.0, elapsed.toMillis() / 1000.0));
            }
            if (Instant.now().isAfter(giveUpAt.plusSeconds(120))) {
                pool.shutdownNow();
                throw new IllegalStateException("preload did not stop after its time limit");
            }
        }
        return new Result(mode, count, opened.get(), failed.get(), Duration.between(start, Instant.now()), firstFailure[0]);
    }

    private static Severity severityOf(int i) {
        return i % 2 == 0 ? Severity.C : Severity.B;
    }

    private static Runnable commandWorker(CommandSender commands, ContractId contract, int count, AtomicInteger next,
                                          AtomicInteger opened, AtomicInteger failed, String[] firstFailure, Instant giveUpAt) {
        return () -> {
            RequestContext context = new RequestContext("bench-preload", UUID.randomUUID().toString());
            for (int i = next.getAndIncrement(); i < count && Instant.now().isBefore(giveUpAt); i = next.getAndIncrement()) {
                try {
                    commands.send(new OpenIncident(new IncidentId(PREFIX + i), contract, severityOf(i), "azure-virtual-machines",
                            Channel.WEB, false, Instant.now(), null, "preloaded " + i), context);
                    opened.incrementAndGet();
                } catch (RuntimeException e) {
                    failed.incrementAndGet();
                    recordFirst(firstFailure, e);
                }
            }
        };
    }

    private static Runnable eventWorker(ConfigurableApplicationContext incidents, ContractId contract, int count,
                                        AtomicInteger next, AtomicInteger opened, AtomicInteger failed, String[] firstFailure,
                                        Instant giveUpAt) {
        EventStore eventStore = incidents.getBean(EventStore.class);
        DeadlineManager deadlines = incidents.getBean(DeadlineManager.class);
        SlaDecisions decisions = incidents.getBean(SlaDecisions.class);
        TransactionTemplate transaction = new TransactionTemplate(incidents.getBean(PlatformTransactionManager.class));
        Constructor<?> atRiskPassed = deadlinePayload("AtRiskInstantPassed", Instant.class, Instant.class);
        Constructor<?> duePassed = deadlinePayload("DueInstantPassed", Instant.class);
        return () -> {
            MetaData metaData = MetaData.from(Map.of(EventMetadata.ACTOR, "bench-preload",
                    EventMetadata.CORRELATION_ID, UUID.randomUUID().toString()));
            while (Instant.now().isBefore(giveUpAt)) {
                int first = next.getAndAdd(BATCH);
                if (first >= count) {
                    return;
                }
                int last = Math.min(count, first + BATCH);
                try {
                    transaction.executeWithoutResult(status -> {
                        List<DomainEventMessage<?>> events = new ArrayList<>(last - first);
                        List<Object[]> toSchedule = new ArrayList<>(last - first);
                        for (int i = first; i < last; i++) {
                            IncidentId id = new IncidentId(PREFIX + i);
                            Instant submittedAt = Instant.now();
                            IncidentFacts facts = new IncidentFacts(severityOf(i), "azure-virtual-machines", Channel.WEB, false,
                                    null, submittedAt);
                            SlaDecision decision = decisions.opening(contract, facts);
                            events.add(new GenericDomainEventMessage<>(AGGREGATE_TYPE, id.toString(), 0,
                                    new IncidentOpened(id, contract, decision.contractVersion(), "preloaded " + i,
                                            facts.product(), facts.channel(), facts.severity(), false, null, submittedAt, decision),
                                    metaData));
                            toSchedule.add(new Object[]{id, decision});
                        }
                        eventStore.publish(events);
                        for (Object[] entry : toSchedule) {
                            IncidentId id = (IncidentId) entry[0];
                            SlaDecision decision = (SlaDecision) entry[1];
                            AggregateScopeDescriptor scope = new AggregateScopeDescriptor(AGGREGATE_TYPE, id.toString());
                            deadlines.schedule(decision.atRiskAt(), AT_RISK_DEADLINE,
                                    instantiate(atRiskPassed, decision.atRiskAt(), decision.dueAt()), scope);
                            deadlines.schedule(decision.dueAt().plus(AFTER_DUE), BREACH_DEADLINE,
                                    instantiate(duePassed, decision.dueAt()), scope);
                        }
                    });
                    opened.addAndGet(last - first);
                } catch (RuntimeException e) {
                    failed.addAndGet(last - first);
                    recordFirst(firstFailure, e);
                }
            }
        };
    }

    private static Constructor<?> deadlinePayload(String name, Class<?>... parameters) {
        try {
            Constructor<?> constructor = Class.forName(DEADLINE_PAYLOADS + name).getDeclaredConstructor(parameters);
            constructor.setAccessible(true);
            return constructor;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the incident's deadline payload " + name + " changed: use -Dpreload=commands", e);
        }
    }

    private static Object instantiate(Constructor<?> constructor, Object... arguments) {
        try {
            return constructor.newInstance(arguments);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static synchronized void recordFirst(String[] firstFailure, RuntimeException e) {
        if (firstFailure[0] == null) {
            firstFailure[0] = e.toString();
        }
    }
}
