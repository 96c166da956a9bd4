package dev.incidentsla.incident;

import dev.incidentsla.api.Channel;
import dev.incidentsla.api.CustomerRequestKind;
import dev.incidentsla.api.RegradeReasonCode;
import dev.incidentsla.api.Severity;
import dev.incidentsla.api.SlaDecision;
import dev.incidentsla.api.contract.ContractId;
import dev.incidentsla.api.incident.AskCustomer;
import dev.incidentsla.api.incident.AssignCritSit;
import dev.incidentsla.api.incident.CloseIncident;
import dev.incidentsla.api.incident.DeliverRca;
import dev.incidentsla.api.incident.IncidentEvent;
import dev.incidentsla.api.incident.IncidentId;
import dev.incidentsla.api.incident.IncidentOpened;
import dev.incidentsla.api.incident.OpenIncident;
import dev.incidentsla.api.incident.RecordCustomerAnswer;
import dev.incidentsla.api.incident.RecordFirstResponse;
import dev.incidentsla.api.incident.RecordMitigation;
import dev.incidentsla.api.incident.RegradeIncident;
import dev.incidentsla.api.incident.RequestRca;
import dev.incidentsla.service.CommandSender;
import dev.incidentsla.service.ConflictException;
import dev.incidentsla.service.EventHistory;
import dev.incidentsla.service.NotFoundException;
import dev.incidentsla.service.RequestContext;
import dev.incidentsla.service.RuleViolationException;
import dev.incidentsla.service.config.IncidentSlaProperties;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Predicate;

import static dev.incidentsla.incident.StoredInstants.stored;

/**
 * Opens, re-grades, responds to and closes incidents, and reads them back from their events.
 * Blocking: call it off the event loop.
 */
@Service
public class IncidentService {

    /**
     * What a client asked to open; a null {@code submittedAt} means now, a null {@code incidentId} a generated one, a null
     * {@code supportLocation} the contract's primary location.
     */
    public record OpenRequest(String incidentId, String contractId, Severity severity, String product, Channel channel,
                              boolean aroundTheClock, Instant submittedAt, String eventId, String title,
                              String supportLocation) {
    }

    /** The incident after an open, and whether this request created it (false: an identical retry). */
    public record Opened(IncidentView incident, boolean created) {
    }

    private final CommandSender commands;
    private final EventHistory history;
    private final Clock clock;
    private final Duration skew;

    public IncidentService(CommandSender commands, EventHistory history, Clock clock, IncidentSlaProperties properties) {
        this.commands = commands;
        this.history = history;
        this.clock = clock;
        this.skew = properties.clockSkew();
    }

    /**
     * Opens the incident in one command, which answers its view: no read before (an existing id is found by the
     * command's append) and none after. {@code visibleContract} tells whether the caller may see a contract: an id
     * already taken by an incident of a contract it may not see is answered as taken, whatever that incident holds.
     */
    public Opened open(OpenRequest request, RequestContext context, Predicate<String> visibleContract) {
        IncidentId incidentId = new IncidentId(request.incidentId() == null ? "INC-" + UUID.randomUUID() : request.incidentId());
        Instant submittedAt = stored(request.submittedAt() == null ? clock.instant() : request.submittedAt());
        requireNotInFuture(submittedAt, "submittedAt");
        OpenIncident command = new OpenIncident(incidentId, new ContractId(request.contractId()), request.severity(),
                request.product(), request.channel(), request.aroundTheClock(), submittedAt, request.eventId(), request.title(),
                request.supportLocation());
        return commands.<IncidentView>sendCreating(command, context)
                .map(view -> new Opened(view, true))
                .orElseGet(() -> existing(incidentId, request, visibleContract));
    }

    /**
     * A null {@code aroundTheClock} keeps the customer's current 24x7 choice; a null {@code reasonCode} records
     * {@code OTHER}; a null {@code at} lets the incident choose the instant when it handles the command (as for a
     * response's or a close's instant).
     */
    public IncidentView regrade(IncidentId incidentId, Severity severity, Boolean aroundTheClock, String reason,
                                RegradeReasonCode reasonCode, Instant at, RequestContext context) {
        return sendTo(incidentId, new RegradeIncident(incidentId, severity, aroundTheClock, reason, reasonCode,
                clientInstant(at, "at")), context);
    }

    public IncidentView respond(IncidentId incidentId, Instant respondedAt, Channel channel, String engineer,
                                RequestContext context) {
        return sendTo(incidentId, new RecordFirstResponse(incidentId, clientInstant(respondedAt, "respondedAt"), channel,
                engineer), context);
    }

    public IncidentView close(IncidentId incidentId, Instant closedAt, String resolution, RequestContext context) {
        return sendTo(incidentId, new CloseIncident(incidentId, clientInstant(closedAt, "closedAt"), resolution), context);
    }

    public IncidentView assignCritSit(IncidentId incidentId, Instant at, String engineer, RequestContext context) {
        return sendTo(incidentId, new AssignCritSit(incidentId, clientInstant(at, "at"), engineer), context);
    }

    public IncidentView requestRca(IncidentId incidentId, Instant at, RequestContext context) {
        return sendTo(incidentId, new RequestRca(incidentId, clientInstant(at, "at")), context);
    }

    public IncidentView mitigate(IncidentId incidentId, Instant at, RequestContext context) {
        return sendTo(incidentId, new RecordMitigation(incidentId, clientInstant(at, "at")), context);
    }

    public IncidentView deliverRca(IncidentId incidentId, Instant at, RequestContext context) {
        return sendTo(incidentId, new DeliverRca(incidentId, clientInstant(at, "at")), context);
    }

    public IncidentView askCustomer(IncidentId incidentId, CustomerRequestKind kind, Instant at, RequestContext context) {
        return sendTo(incidentId, new AskCustomer(incidentId, kind, clientInstant(at, "at")), context);
    }

    public IncidentView customerAnswered(IncidentId incidentId, CustomerRequestKind kind, Instant at,
                                         RequestContext context) {
        return sendTo(incidentId, new RecordCustomerAnswer(incidentId, kind, clientInstant(at, "at")), context);
    }

    public IncidentView view(IncidentId incidentId) {
        List<? extends DomainEventMessage<?>> events = requireEvents(incidentId);
        return FoldedIncident.of(payloads(events), events.get(events.size() - 1).getSequenceNumber()).viewAt(clock.instant());
    }

    public List<StoredEvent> events(IncidentId incidentId) {
        return requireEvents(incidentId).stream()
                .map(event -> new StoredEvent(event.getSequenceNumber(), event.getIdentifier(),
                        event.getPayloadType().getSimpleName(), EventHistory.revisionOf(event.getPayloadType()), event.getTimestamp(),
                        event.getPayload(),
                        event.getMetaData()))
                .toList();
    }

    /**
     * The SLA as it stood at {@code asOf} (null: now): the events that had happened by then, folded; nothing
     * recomputed.
     */
    public SlaReplay slaAsOf(IncidentId incidentId, Instant requestedAsOf) {
        Instant asOf = requestedAsOf == null ? clock.instant() : requestedAsOf;
        List<IncidentEvent> events = payloads(requireEvents(incidentId));
        List<IncidentEvent> happened = events.get(0).occurredAt().isAfter(asOf) ? List.of() : events.stream()
                .filter(event -> !event.occurredAt().isAfter(asOf))
                .toList();
        IncidentState state = IncidentState.fold(happened);
        if (state == null) {
            throw new RuleViolationException("incident " + incidentId.value() + " was submitted after " + asOf);
        }
        SlaDecision decision = state.firstResponse().decision();
        return new SlaReplay(incidentId.value(), asOf, state.facts().severity(), state.facts().aroundTheClock(),
                state.firstResponse().statusAt(asOf), decision.dueAt(), decision.atRiskAt(), decision.target(),
                decision.clock(), decision.program(), decision.rule(), decision.clockStartedAt(),
                state.firstResponse().respondedAt(), decision.policyVersion(), decision.contractVersion(),
                decision.seniorIncidentManager(), happened.size(), decision.explanation(), state.firstResponse().warnedAt(),
                state.firstResponse().breachRecordedAt());
    }

    private static List<IncidentEvent> payloads(List<? extends DomainEventMessage<?>> events) {
        return events.stream().map(event -> (IncidentEvent) event.getPayload()).toList();
    }

    /** The command's own answer is the view: the incident's history is read once, by the command. */
    private IncidentView sendTo(IncidentId incidentId, Object command, RequestContext context) {
        try {
            return commands.send(command, context);
        } catch (AggregateNotFoundException absent) {
            throw new NotFoundException("no incident '" + incidentId.value() + "'");
        }
    }

    private Opened existing(IncidentId incidentId, OpenRequest request, Predicate<String> visibleContract) {
        IncidentOpened opened = history.first(incidentId)
                .map(event -> (IncidentOpened) event.getPayload())
                .orElseThrow(() -> new IllegalStateException("incident " + incidentId.value() + " exists without events"));
        if (!visibleContract.test(opened.contractId().value())) {
            throw new ConflictException("incident id '" + incidentId.value() + "' is taken: choose another, or leave "
                    + "incidentId out for a generated one");
        }
        boolean sameBody = opened.contractId().value().equals(request.contractId())
                && opened.severity() == request.severity()
                && opened.product().equals(request.product())
                && opened.channel() == request.channel()
                && opened.aroundTheClock() == request.aroundTheClock()
                && (request.submittedAt() == null || opened.submittedAt().equals(stored(request.submittedAt())))
                && Objects.equals(opened.eventId(), request.eventId())
                && Objects.equals(opened.title(), request.title())
                && (request.supportLocation() == null || request.supportLocation().equals(opened.supportLocation()));
        if (!sameBody) {
            throw new ConflictException("incident " + incidentId.value() + " already exists with a different body");
        }
        return new Opened(view(incidentId), false);
    }

    private List<? extends DomainEventMessage<?>> requireEvents(IncidentId incidentId) {
        List<? extends DomainEventMessage<?>> events = history.of(incidentId);
        if (events.isEmpty()) {
            throw new NotFoundException("no incident '" + incidentId.value() + "'");
        }
        return events;
    }

    /**
     * A client's instant as stored, and not in the future; none stays none, for the incident to choose when it handles
     * the command (an instant taken here could precede one that a concurrent command records first).
     */
    private Instant clientInstant(Instant instant, String field) {
        if (instant == null) {
            return null;
        }
        Instant storedInstant = stored(instant);
        requireNotInFuture(storedInstant, field);
        return storedInstant;
    }

    private void requireNotInFuture(Instant instant, String field) {
        Instant latest = clock.instant().plus(skew);
        if (instant.isAfter(latest)) {
            throw new RuleViolationException(field + " " + instant + " is in the future (now is " + clock.instant()
                    + ", allowed skew " + skew + ")");
        }
    }
}
