package dev.incidentsla.service;

import dev.incidentsla.eventstore.EventMetadata;
import dev.incidentsla.service.config.IncidentSlaProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.stereotype.Component;
import reactor.core.scheduler.Schedulers;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends a command with who sent it and the request's correlation id as metadata, retrying a bounded number
 * of times when it lost an optimistic-concurrency race on its aggregate (or on creating it: a contract PUT
 * then amends what the other node created). With {@code incident-sla.command-groups.enabled}, incident commands sent at
 * the same time commit together ({@link CommandGroups}).
 * Blocking: never call it on the event loop (Axon's simple command bus runs the handler on the caller's thread).
 * <p>
 * Every command is timed as {@code incident_sla_commands_seconds}, by command type and outcome: {@code accepted},
 * {@code exists} (a creation found its aggregate there), {@code not_found}, {@code conflict} (the state forbids it, or
 * concurrent changes outlasted the retries), {@code rule_violation}, {@code failed} (anything else).
 */
@Component
public class CommandSender {

    static final String TIMER = "incident.sla.commands";

    private final CommandGroups groups;
    private final int attempts;
    private final MeterRegistry meters;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public CommandSender(CommandGroups groups, IncidentSlaProperties properties, MeterRegistry meters) {
        this.groups = groups;
        this.attempts = Math.max(1, properties.commandRetries());
        this.meters = meters;
    }

    public <R> R send(Object command, RequestContext context) {
        MetaData metaData = metaData(context);
        Timer.Sample sample = Timer.start(meters);
        String outcome = "failed";
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    R result = groups.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData));
                    outcome = "accepted";
                    return result;
                } catch (ConcurrencyException | AggregateStreamCreationException e) {
                    if (attempt >= attempts) {
                        throw new ConflictException("the resource changed concurrently " + attempts + " times; try again");
                    }
                }
            }
        } catch (RuntimeException e) {
            outcome = outcomeOf(e);
            throw e;
        } finally {
            sample.stop(timer(command, outcome));
        }
    }

    /**
     * Sends a command that creates its aggregate, once: empty when the aggregate exists already (a retry of the request
     * that created it, or another request with the same id), for the caller to read what is there.
     */
    public <R> Optional<R> sendCreating(Object command, RequestContext context) {
        MetaData metaData = metaData(context);
        Timer.Sample sample = Timer.start(meters);
        String outcome = "failed";
        try {
            R result = groups.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData));
            outcome = "accepted";
            return Optional.ofNullable(result);
        } catch (AggregateStreamCreationException e) {
            outcome = "exists";
            return Optional.empty();
        } catch (RuntimeException e) {
            outcome = outcomeOf(e);
            throw e;
        } finally {
            sample.stop(timer(command, outcome));
        }
    }

    private static MetaData metaData(RequestContext context) {
        if (Schedulers.isInNonBlockingThread()) {
            throw new IllegalStateException("a command must not run on the event loop (" + Thread.currentThread().getName() + ")");
        }
        Map<String, String> sender = new HashMap<>(Map.of(EventMetadata.ACTOR, context.actor(),
                EventMetadata.CORRELATION_ID, context.correlationId()));
        if (context.onBehalfOf() != null) {
            sender.put(EventMetadata.ON_BEHALF_OF, context.onBehalfOf());
        }
        return MetaData.from(sender);
    }

    private static String outcomeOf(RuntimeException failure) {
        if (failure instanceof ConflictException) {
            return "conflict";
        }
        if (failure instanceof NotFoundException || failure instanceof AggregateNotFoundException) {
            return "not_found";
        }
        if (failure instanceof RuleViolationException || failure instanceof IllegalArgumentException) {
            return "rule_violation";
        }
        return "failed";
    }

    private Timer timer(Object command, String outcome) {
        String commandType = command.getClass().getSimpleName();
        return timers.computeIfAbsent(commandType + " " + outcome, key -> Timer.builder(TIMER)
                .description("Commands sent by the service, from sending to the committed (or refused) answer")
                .tag("command", commandType)
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(meters));
    }
}
