package dev.incidentsla.incident;

import dev.incidentsla.api.Channel;
import dev.incidentsla.api.CustomerRequestKind;
import dev.incidentsla.api.Severity;
import dev.incidentsla.api.SlaTimer;
import dev.incidentsla.api.TimerParty;
import dev.incidentsla.api.TimerStatus;
import dev.incidentsla.api.contract.ContractId;
import dev.incidentsla.api.contract.ProgramEntitlement;
import dev.incidentsla.api.contract.ScheduledEvent;
import dev.incidentsla.api.incident.AskCustomer;
import dev.incidentsla.api.incident.AssignCritSit;
import dev.incidentsla.api.incident.CloseIncident;
import dev.incidentsla.api.incident.CritSitAssigned;
import dev.incidentsla.api.incident.DeliverRca;
import dev.incidentsla.api.incident.IncidentClosed;
import dev.incidentsla.api.incident.IncidentId;
import dev.incidentsla.api.incident.IncidentMitigated;
import dev.incidentsla.api.incident.IncidentOpened;
import dev.incidentsla.api.incident.IncidentRegraded;
import dev.incidentsla.api.incident.OpenIncident;
import dev.incidentsla.api.incident.RecordCustomerAnswer;
import dev.incidentsla.api.incident.RecordFirstResponse;
import dev.incidentsla.api.incident.RecordMitigation;
import dev.incidentsla.api.incident.RegradeIncident;
import dev.incidentsla.api.incident.RequestRca;
import dev.incidentsla.api.incident.TimerAtRisk;
import dev.incidentsla.api.incident.TimerBreached;
import dev.incidentsla.api.incident.TimerClockStarted;
import dev.incidentsla.api.incident.TimerId;
import dev.incidentsla.api.incident.TimerStarted;
import dev.incidentsla.api.incident.TimerStopped;
import dev.incidentsla.incident.TimerDeadlines.TimerAtRiskInstantPassed;
import dev.incidentsla.incident.TimerDeadlines.TimerDueInstantPassed;
import dev.incidentsla.service.ConflictException;
import dev.incidentsla.sla.engine.TimerRuleException;
import org.axonframework.messaging.Message;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.hamcrest.CustomTypeSafeMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

import static dev.incidentsla.incident.InMemoryContracts.jakartaContract;

/**
 * The section-9 timers through the incident aggregate: what each command records, and the at-risk and breach facts the
 * incident records when the fixture's clock passes their instants. Jakarta (UTC+7), Monday 23 November 2026.
 */
class IncidentTimersAggregateTest {

    private static final IncidentId INCIDENT = new IncidentId("INC-0009");
    private static final ContractId CONTOSO = new ContractId("contoso");
    /** Monday 09:00 in Jakarta. */
    private static final Instant SUBMITTED = Instant.parse("2026-11-23T02:00:00Z");
    /**
     * Sev B on this contract: the first response's program (Platform MCS gives Sev B no target), under which the
     * customer's timers are owed too.
     */
    private static final String FIRST_RESPONSE_PROGRAM_OF_SEV_B = "UNIFIED";
    private static final Instant CRIT_SIT_DUE = SUBMITTED.plus(Duration.ofMinutes(30));
    /** Monday 13:00 in Jakarta; the 10th working day after it closes Monday 7 December 17:30. */
    private static final Instant RCA_REQUESTED = Instant.parse("2026-11-23T06:00:00Z");
    private static final Instant RCA_DUE = Instant.parse("2026-12-07T10:30:00Z");
    private static final Instant RCA_AT_RISK = Instant.parse("2026-12-03T10:30:00Z");

    private InMemoryContracts contracts;

    @BeforeEach
    void setUp() {
        contracts = new InMemoryContracts().with(jakartaContract("contoso",
                Instant.parse("2026-01-01T00:00:00Z"),
                new ProgramEntitlement("AZURE_EVENT_MCS", null, List.of(new ScheduledEvent("launch",
                        LocalDate.parse("2026-11-20"), LocalDate.parse("2026-11-30"), LocalDate.parse("2026-09-01"), false))),
                new ProgramEntitlement("AZURE_PLATFORM_MCS", LocalDate.parse("2026-01-01"), null)));
    }

    /** A fresh fixture: one per scenario, its deadline manager starting at the scenario's time. */
    private AggregateTestFixture<Incident> fixture() {
        AggregateTestFixture<Incident> fixture = new AggregateTestFixture<>(Incident.class);
        fixture.registerInjectableResource(contracts.decisions());
        fixture.registerInjectableResource(new FixtureClock(fixture));
        fixture.registerInjectableResource(new RecentFolds());
        return fixture;
    }

    private static OpenIncident open(Severity severity, String eventId) {
        return new OpenIncident(INCIDENT, CONTOSO, severity, "azure-virtual-machines", Channel.PHONE, false, SUBMITTED,
                eventId, "checkout down");
    }

    private static RecordFirstResponse respondedEarly() {
        return new RecordFirstResponse(INCIDENT, SUBMITTED.plusSeconds(60), Channel.PHONE, "eng-7");
    }

    @SafeVarargs
    private static Matcher<List<Message<?>>> events(Matcher<Message<?>>... payloads) {
        Matcher<Message<?>>[] sequence = Arrays.copyOf(payloads, payloads.length + 1);
        sequence[payloads.length] = Matchers.andNoMore();
        return Matchers.exactSequenceOf(sequence);
    }

    private static <T> Matcher<Message<?>> payload(Class<T> type, Predicate<T> check, String description) {
        return Matchers.messageWithPayload(new CustomTypeSafeMatcher<T>(description) {
            @Override
            protected boolean matchesSafely(T candidate) {
                return type.isInstance(candidate) && check.test(candidate);
            }
        });
    }

    private static Matcher<Message<?>> stopped(String timerId, TimerStatus status, Instant at) {
        return payload(TimerStopped.class, stop -> stop.timerId().value().equals(timerId) && stop.status() == status
                && stop.stoppedAt().equals(at), timerId + " stopped " + status + " at " + at);
    }

    // ---- CRIT_SIT_ASSIGNMENT ----

    @Test
    void opening_an_event_mcs_sev_1_incident_starts_the_crit_sit_timer_and_schedules_its_at_risk_instant() {
        Instant atRisk = SUBMITTED.plusSeconds(1350);
        fixture().givenCurrentTime(SUBMITTED)
                .when(open(Severity.SEV_1, "launch"))
                .expectEventsMatching(events(
                        payload(IncidentOpened.class, opened -> true, "opened"),
                        payload(TimerStarted.class, started -> started.timer() == SlaTimer.CRIT_SIT_ASSIGNMENT
                                && started.party() == TimerParty.MICROSOFT && started.startedAt().equals(SUBMITTED)
                                && started.dueAt().equals(CRIT_SIT_DUE) && started.atRiskAt().equals(atRisk)
                                && started.target().equals("PT30M") && started.program().equals("AZURE_EVENT_MCS"),
                                "the crit-sit timer, due in 30 min, owed under Event MCS")))
                .expectScheduledDeadline(atRisk, new TimerAtRiskInstantPassed(new TimerId("crit-sit-assignment-1"), atRisk,
                        CRIT_SIT_DUE));
    }

    @Test
    void the_crit_sit_deadline_passing_records_its_warning_then_its_breach() {
        fixture().givenCurrentTime(SUBMITTED).andGivenCommands(open(Severity.SEV_1, "launch"), respondedEarly())
                .whenTimeAdvancesTo(CRIT_SIT_DUE.plusSeconds(5))
                .expectEventsMatching(events(
                        payload(TimerAtRisk.class, warning -> warning.timer() == SlaTimer.CRIT_SIT_ASSIGNMENT
                                && warning.detectedAt().equals(SUBMITTED.plusSeconds(1350))
                                && warning.program().equals("AZURE_EVENT_MCS") && warning.submittedAt().equals(SUBMITTED),
                                "its warning"),
                        payload(TimerBreached.class, breach -> breach.timer() == SlaTimer.CRIT_SIT_ASSIGNMENT
                                && breach.party() == TimerParty.MICROSOFT && breach.dueAt().equals(CRIT_SIT_DUE)
                                && breach.contractId().equals(CONTOSO) && breach.severity() == Severity.SEV_1
                                && breach.program().equals("AZURE_EVENT_MCS") && breach.submittedAt().equals(SUBMITTED)
                                && breach.startedAt().equals(SUBMITTED), "its breach")));
    }

    @Test
    void a_timely_assignment_stops_the_timer_met_and_leaves_nothing_to_record() {
        Instant assigned = SUBMITTED.plus(Duration.ofMinutes(20));
        fixture().givenCurrentTime(assigned).andGivenCommands(open(Severity.SEV_1, "launch"), respondedEarly())
                .when(new AssignCritSit(INCIDENT, assigned, "crit-sit-manager"))
                .expectEventsMatching(events(payload(CritSitAssigned.class, fact -> fact.engineer().equals("crit-sit-manager"),
                        "the assignment"), stopped("crit-sit-assignment-1", TimerStatus.MET, assigned)));
        fixture().givenCurrentTime(SUBMITTED).andGivenCommands(open(Severity.SEV_1, "launch"), respondedEarly(),
                        new AssignCritSit(INCIDENT, SUBMITTED.plusSeconds(600), "crit-sit-manager"))
                .whenTimeAdvancesTo(CRIT_SIT_DUE.plusSeconds(60))
                .expectNoEvents();
    }

    @Test
    void a_late_assignment_posted_before_the_breach_deadline_fired_records_the_breach_first() {
        Instant late = CRIT_SIT_DUE.plusSeconds(120);
        fixture().givenCurrentTime(late).andGivenCommands(open(Severity.SEV_1, "launch"), respondedEarly())
                .when(new AssignCritSit(INCIDENT, late, "crit-sit-manager"))
                .expectEventsMatching(events(
                        payload(TimerBreached.class, breach -> breach.detectedAt().equals(late), "the breach, now"),
                        payload(CritSitAssigned.class, fact -> true, "the assignment"),
                        stopped("crit-sit-assignment-1", TimerStatus.BREACHED, late)));
    }

    @Test
    void a_regrade_to_sev_b_cancels_the_crit_sit_timer_and_one_back_to_sev_1_starts_nothing() {
        Instant regradedAt = SUBMITTED.plus(Duration.ofMinutes(5));
        fixture().givenCurrentTime(regradedAt).andGivenCommands(open(Severity.SEV_1, "launch"), respondedEarly())
                .when(new RegradeIncident(INCIDENT, Severity.B, false, "impact lower", regradedAt))
                .expectEventsMatching(events(payload(IncidentRegraded.class, regraded -> true, "re-graded"),
                        stopped("crit-sit-assignment-1", TimerStatus.CANCELLED, regradedAt)));
        fixture().givenCurrentTime(regradedAt).andGivenCommands(open(Severity.B, "launch"), respondedEarly())
                .when(new RegradeIncident(INCIDENT, Severity.SEV_1, false, "impact higher", regradedAt))
                .expectEventsMatching(events(payload(IncidentRegraded.class, regraded -> true, "re-graded only")));
    }

    @Test
    void closing_cancels_the_crit_sit_timer() {
        Instant closedAt = SUBMITTED.plus(Duration.ofMinutes(10));
        fixture().givenCurrentTime(closedAt).andGivenCommands(open(Severity.SEV_1, "launch"), respondedEarly())
                .when(new CloseIncident(INCIDENT, closedAt, "fixed"))
                .expectEventsMatching(events(payload(IncidentClosed.class, closed -> true, "closed"),
                        stopped("crit-sit-assignment-1", TimerStatus.CANCELLED, closedAt)));
    }

    // ---- ROOT_CAUSE_ANALYSIS ----

    @Test
    void an_rca_requested_before_the_mitigation_waits_with_no_deadline_and_the_mitigation_starts_its_clock() {
        fixture().givenCurrentTime(RCA_REQUESTED).andGivenCommands(open(Severity.B, null), respondedEarly())
                .when(new RequestRca(INCIDENT, RCA_REQUESTED))
                .expectEventsMatching(events(payload(TimerStarted.class, started -> started.timer() == SlaTimer.ROOT_CAUSE_ANALYSIS
                        && started.requestedAt().equals(RCA_REQUESTED) && started.startedAt() == null
                        && started.dueAt() == null, "pending with no deadline")))
                .expectNoScheduledDeadlineOfType(RCA_REQUESTED, RCA_REQUESTED.plus(Duration.ofDays(366)),
                        TimerAtRiskInstantPassed.class)
                .expectNoScheduledDeadlineOfType(RCA_REQUESTED, RCA_REQUESTED.plus(Duration.ofDays(366)),
                        TimerDueInstantPassed.class);
        Instant mitigatedAt = Instant.parse("2026-11-24T08:00:00Z");
        fixture().givenCurrentTime(mitigatedAt).andGivenCommands(open(Severity.B, null), respondedEarly(),
                        new RequestRca(INCIDENT, RCA_REQUESTED))
                .when(new RecordMitigation(INCIDENT, mitigatedAt))
                .expectEventsMatching(events(payload(IncidentMitigated.class, fact -> fact.at().equals(mitigatedAt), "mitigated"),
                        payload(TimerClockStarted.class, started -> started.startedAt().equals(mitigatedAt)
                                && started.dueAt().equals(Instant.parse("2026-12-08T10:30:00Z")),
                                "its clock, from the later mitigation")));
    }

    @Test
    void an_rca_delivered_late_records_its_breach_then_its_late_stop() {
        Instant delivered = RCA_DUE.plus(Duration.ofHours(20));
        fixture().givenCurrentTime(delivered).andGivenCommands(open(Severity.B, null), respondedEarly(),
                        new RecordMitigation(INCIDENT, SUBMITTED.plusSeconds(3600)), new RequestRca(INCIDENT, RCA_REQUESTED),
                        new CloseIncident(INCIDENT, RCA_REQUESTED.plusSeconds(60), "fixed"))
                .when(new DeliverRca(INCIDENT, delivered))
                .expectEventsMatching(events(
                        payload(TimerBreached.class, breach -> breach.timer() == SlaTimer.ROOT_CAUSE_ANALYSIS
                                && breach.dueAt().equals(RCA_DUE) && breach.target().equals("P10D")
                                && breach.program().equals("AZURE_PLATFORM_MCS") && breach.submittedAt().equals(SUBMITTED),
                                "the breach, owed under Platform MCS"),
                        stopped("root-cause-analysis-1", TimerStatus.BREACHED, delivered)));
    }

    @Test
    void closing_never_cancels_the_rca_whose_deadlines_still_fire() {
        fixture().givenCurrentTime(RCA_REQUESTED).andGivenCommands(open(Severity.B, null), respondedEarly(),
                        new RecordMitigation(INCIDENT, SUBMITTED.plusSeconds(3600)), new RequestRca(INCIDENT, RCA_REQUESTED),
                        new CloseIncident(INCIDENT, RCA_REQUESTED.plusSeconds(60), "fixed"))
                .whenTimeAdvancesTo(RCA_DUE.plusSeconds(1))
                .expectEventsMatching(events(
                        payload(TimerAtRisk.class, warning -> warning.atRiskAt().equals(RCA_AT_RISK), "the warning"),
                        payload(TimerBreached.class, breach -> breach.dueAt().equals(RCA_DUE), "the breach")))
                .expectNoScheduledDeadlines();
    }

    @Test
    void an_rca_requested_after_the_7_calendar_days_that_follow_the_closure_is_refused() {
        Instant closedAt = SUBMITTED.plusSeconds(7200);
        Instant eighthDay = Instant.parse("2026-11-30T17:00:00Z"); // Tuesday 1 December 00:00 in Jakarta
        fixture().givenCurrentTime(eighthDay).andGivenCommands(open(Severity.B, null), respondedEarly(),
                        new CloseIncident(INCIDENT, closedAt, "fixed"))
                .when(new RequestRca(INCIDENT, eighthDay))
                .expectException(TimerRuleException.class)
                .expectNoEvents();
    }

    @Test
    void an_rca_is_requested_once() {
        fixture().givenCurrentTime(RCA_REQUESTED).andGivenCommands(open(Severity.B, null), respondedEarly(),
                        new RequestRca(INCIDENT, RCA_REQUESTED))
                .when(new RequestRca(INCIDENT, RCA_REQUESTED))
                .expectException(ConflictException.class)
                .expectNoEvents();
    }

    // ---- customer timers ----

    @Test
    void a_change_control_request_on_sev_b_starts_a_customer_timer_whose_breach_is_the_customers() {
        Instant asked = SUBMITTED.plusSeconds(600);
        Instant due = SUBMITTED.plusSeconds(600).plus(Duration.ofHours(4));
        fixture().givenCurrentTime(asked).andGivenCommands(open(Severity.B, null), respondedEarly(),
                        new AskCustomer(INCIDENT, CustomerRequestKind.CHANGE_CONTROL, asked))
                .whenTimeAdvancesTo(due.plusSeconds(1))
                .expectEventsMatching(events(payload(TimerBreached.class, breach -> breach.timer() == SlaTimer.CUSTOMER_CHANGE_CONTROL
                        && breach.party() == TimerParty.CUSTOMER && breach.dueAt().equals(due)
                        && breach.program().equals(FIRST_RESPONSE_PROGRAM_OF_SEV_B) && breach.submittedAt().equals(SUBMITTED)
                        && breach.startedAt().equals(asked), "the customer's breach, under the first response's program")));
    }

    @Test
    void a_customer_timer_asked_again_after_its_answer_is_a_new_timer() {
        Instant asked = SUBMITTED.plusSeconds(600);
        Instant answered = asked.plusSeconds(1800);
        Instant askedAgain = answered.plusSeconds(600);
        fixture().givenCurrentTime(askedAgain).andGivenCommands(open(Severity.C, null), respondedEarly(),
                        new AskCustomer(INCIDENT, CustomerRequestKind.RESPONSIVENESS, asked))
                .when(new RecordCustomerAnswer(INCIDENT, CustomerRequestKind.RESPONSIVENESS, answered))
                .expectEventsMatching(events(stopped("customer-responsiveness-1", TimerStatus.MET, answered)));
        fixture().givenCurrentTime(askedAgain).andGivenCommands(open(Severity.C, null), respondedEarly(),
                        new AskCustomer(INCIDENT, CustomerRequestKind.RESPONSIVENESS, asked),
                        new RecordCustomerAnswer(INCIDENT, CustomerRequestKind.RESPONSIVENESS, answered))
                .when(new AskCustomer(INCIDENT, CustomerRequestKind.RESPONSIVENESS, askedAgain))
                .expectEventsMatching(events(payload(TimerStarted.class, started -> started.timerId().value()
                        .equals("customer-responsiveness-2") && started.dueAt().equals(askedAgain.plus(Duration.ofHours(24))),
                        "a second timer")));
    }

    @Test
    void asking_again_while_pending_conflicts_and_an_answer_nobody_asked_for_conflicts() {
        Instant asked = SUBMITTED.plusSeconds(600);
        fixture().givenCurrentTime(asked).andGivenCommands(open(Severity.C, null), respondedEarly(),
                        new AskCustomer(INCIDENT, CustomerRequestKind.RESPONSIVENESS, asked))
                .when(new AskCustomer(INCIDENT, CustomerRequestKind.RESPONSIVENESS, asked))
                .expectException(ConflictException.class);
        fixture().givenCurrentTime(asked).andGivenCommands(open(Severity.C, null), respondedEarly())
                .when(new RecordCustomerAnswer(INCIDENT, CustomerRequestKind.RESPONSIVENESS, asked))
                .expectException(ConflictException.class);
    }

    @Test
    void a_kind_that_does_not_apply_to_the_severity_is_refused() {
        fixture().givenCurrentTime(SUBMITTED.plusSeconds(600)).andGivenCommands(open(Severity.B, null), respondedEarly())
                .when(new AskCustomer(INCIDENT, CustomerRequestKind.RESPONSIVENESS, SUBMITTED.plusSeconds(600)))
                .expectException(TimerRuleException.class)
                .expectNoEvents();
    }

    @Test
    void closing_cancels_a_pending_customer_timer_and_a_regrade_out_of_its_severity_too() {
        Instant asked = SUBMITTED.plusSeconds(600);
        Instant later = asked.plusSeconds(600);
        fixture().givenCurrentTime(later).andGivenCommands(open(Severity.B, null), respondedEarly(),
                        new AskCustomer(INCIDENT, CustomerRequestKind.CHANGE_CONTROL, asked))
                .when(new CloseIncident(INCIDENT, later, "fixed"))
                .expectEventsMatching(events(payload(IncidentClosed.class, closed -> true, "closed"),
                        stopped("customer-change-control-1", TimerStatus.CANCELLED, later)));
        fixture().givenCurrentTime(later).andGivenCommands(open(Severity.B, null), respondedEarly(),
                        new AskCustomer(INCIDENT, CustomerRequestKind.CHANGE_CONTROL, asked))
                .when(new RegradeIncident(INCIDENT, Severity.C, false, "customer request", later))
                .expectEventsMatching(events(payload(IncidentRegraded.class, regraded -> true, "re-graded"),
                        stopped("customer-change-control-1", TimerStatus.CANCELLED, later)));
    }
}
