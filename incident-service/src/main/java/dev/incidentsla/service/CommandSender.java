package dev.incidentsla.service;

import dev.incidentsla.eventstore.EventMetadata;
import dev.incidentsla.service.config.IncidentSlaProperties;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.stereotype.Component;
import reactor.core.scheduler.Schedulers;

import java.util.HashMap;
import java.util.Map;

/**
 * Sends a command with who sent it and the request's correlation id as metadata, retrying a bounded number
 * of times when it lost an optimistic-concurrency race on its aggregate (or on creating it: a contract PUT
 * then amends what the other node created; an incident open then finds it exists). Blocking: never call it on the
 * event loop (Axon's simple command bus runs the handler on the caller's thread).
 */
@Component
public class CommandSender {

    private final CommandGateway gateway;
    private final int attempts;

    public CommandSender(CommandGateway gateway, IncidentSlaProperties properties) {
        this.gateway = gateway;
        this.attempts = Math.max(1, properties.commandRetries());
    }

    public <R> R send(Object command, RequestContext context) {
        if (Schedulers.isInNonBlockingThread()) {
            throw new IllegalStateException("a command must not run on the event loop (" + Thread.currentThread().getName() + ")");
        }
        Map<String, String> sender = new HashMap<>(Map.of(EventMetadata.ACTOR, context.actor(),
                EventMetadata.CORRELATION_ID, context.correlationId()));
        if (context.onBehalfOf() != null) {
            sender.put(EventMetadata.ON_BEHALF_OF, context.onBehalfOf());
        }
        MetaData metaData = MetaData.from(sender);
        for (int attempt = 1; ; attempt++) {
            try {
                return gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData));
            } catch (ConcurrencyException | AggregateStreamCreationException e) {
                if (attempt >= attempts) {
                    throw new ConflictException("the resource changed concurrently " + attempts + " times; try again");
                }
            }
        }
    }
}
