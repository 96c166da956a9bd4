package dev.incidentsla.incident;

import dev.incidentsla.api.Channel;
import dev.incidentsla.api.FirstResponseStatus;
import dev.incidentsla.api.RegradeEffect;
import dev.incidentsla.api.Severity;
import dev.incidentsla.api.SlaDecision;
import dev.incidentsla.api.contract.ContractId;
import dev.incidentsla.api.contract.ProgramEntitlement;
import dev.incidentsla.api.incident.CloseIncident;
import dev.incidentsla.api.incident.FirstResponseAtRisk;
import dev.incidentsla.api.incident.FirstResponseBreached;
import dev.incidentsla.api.incident.FirstResponseRecorded;
import dev.incidentsla.api.incident.IncidentClosed;
import dev.incidentsla.api.incident.IncidentId;
import dev.incidentsla.api.incident.IncidentOpened;
import dev.incidentsla.api.incident.IncidentRegraded;
import dev.incidentsla.api.incident.OpenIncident;
import dev.incidentsla.api.incident.RecordFirstResponse;
import dev.incidentsla.api.incident.RegradeIncident;
import dev.incidentsla.api.incident.ResumeDeadlines;
import dev.incidentsla.incident.FirstResponseDeadlines.AtRiskInstantPassed;
import dev.incidentsla.incident.FirstResponseDeadlines.DueInstantPassed;
import dev.incidentsla.sla.engine.IncidentFacts;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.messaging.Message;
import org.axonframework.test.matchers.Matchers;
import org.hamcrest.CustomTypeSafeMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

import static dev.incidentsla.incident.InMemoryContracts.jakartaContract;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The incident noticing its own instants: deadlines it schedules, fired by the fixture's clock, and the facts it
 * records (or does not) when they pass. A Sev 1 Azure incident under Unified: 15 minutes round the clock, at risk
 * after 75 % (11 min 15 s).
 */
class IncidentDeadlinesTest {

    private static final IncidentId INCIDENT = new IncidentId("INC-0042");
    private static final ContractId CONTOSO = new ContractId("contoso");
    private static final Instant SUBMITTED = Instant.parse("2026-11-20T10:00:00Z");
    private static final Instant AT_RISK = SUBMITTED.plus(Duration.ofSeconds(675));
    private static final Instant DUE = SUBMITTED.plus(Duration.ofMinutes(15));

    private InMemoryContracts contracts;
    private AggregateTestFixture<Incident> fixture;

    @BeforeEach
    void setUp() {
        contracts = new InMemoryContracts().with(jakartaContract("contoso", Instant.parse("2026-01-01T00:00:00Z"),
                ProgramEntitlement.of("UNIFIED")));
        fixture = new AggregateTestFixture<>(Incident.class);
        fixture.registerInjectableResource(contracts.decisions());
        fixture.registerInjectableResource(new FixtureClock(fixture));
        fixture.registerInjectableResource(new RecentFolds());
    }

    private static OpenIncident openSev1() {
        return new OpenIncident(INCIDENT, CONTOSO, Severity.SEV_1, "azure-virtual-machines", Channel.PHONE, false, SUBMITTED,
                null, "region down");
    }

    private SlaDecision decision() {
        OpenIncident open = openSev1();
        return contracts.decisions().opening(CONTOSO, new IncidentFacts(open.severity(), open.product(), open.channel(),
                open.aroundTheClock(), open.eventId(), open.submittedAt()));
    }

    private FirstResponseAtRisk atRisk(SlaDecision decision, Severity severity, Instant detectedAt) {
        return new FirstResponseAtRisk(INCIDENT, CONTOSO, severity, "azure-virtual-machines", decision.program(),
                decision.rule(), decision.target(), decision.clock(), SUBMITTED, decision.atRiskAt(), decision.dueAt(), detectedAt);
    }

    private FirstResponseBreached breach(SlaDecision decision, Severity severity, Instant detectedAt) {
        return new FirstResponseBreached(INCIDENT, CONTOSO, severity, "azure-virtual-machines", decision.program(),
                decision.rule(), decision.target(), decision.clock(), SUBMITTED, decision.dueAt(), detectedAt);
    }

    private IncidentOpened opened() {
        return new IncidentOpened(INCIDENT, CONTOSO, 1, "region down", "azure-virtual-machines", Channel.PHONE, Severity.SEV_1,
                false, null, SUBMITTED, decision());
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

    @Test
    void the_decision_is_sev_1_round_the_clock_so_the_instants_below_hold() {
        assertThat(decision().dueAt()).isEqualTo(DUE);
        assertThat(decision().atRiskAt()).isEqualTo(AT_RISK);
    }

    @Test
    void opening_schedules_the_at_risk_instant_only() {
        fixture.givenCurrentTime(SUBMITTED)
                .when(openSev1())
                .expectScheduledDeadline(AT_RISK, new AtRiskInstantPassed(AT_RISK, DUE))
                .expectNoScheduledDeadlineWithName(DUE.plusMillis(1), FirstResponseDeadlines.BREACH);
    }

    @Test
    void the_at_risk_instant_passing_schedules_the_breach_just_after_the_deadline() {
        fixture.givenCurrentTime(SUBMITTED).andGivenCommands(openSev1())
                .whenTimeAdvancesTo(AT_RISK)
                .expectEvents(atRisk(decision(), Severity.SEV_1, AT_RISK))
                .expectScheduledDeadline(DUE.plusMillis(1), new DueInstantPassed(DUE));
    }

    @Test
    void an_sla_met_before_its_at_risk_instant_never_schedules_the_breach() {
        fixture.givenCurrentTime(SUBMITTED).andGivenCommands(openSev1(),
                        new RecordFirstResponse(INCIDENT, SUBMITTED.plusSeconds(60), Channel.PHONE, "eng-7"))
                .whenTimeAdvancesTo(AT_RISK)
                .expectNoEvents()
                .expectNoScheduledDeadlines();
    }

    @Test
    void the_deadline_passing_with_no_response_records_the_warning_then_the_breach() {
        fixture.givenCurrentTime(SUBMITTED).andGivenCommands(openSev1())
                .whenTimeAdvancesTo(DUE.plusSeconds(5))
                .expectEvents(atRisk(decision(), Severity.SEV_1, AT_RISK), breach(decision(), Severity.SEV_1, DUE.plusMillis(1)));
    }

    @Test
    void only_the_warning_is_recorded_while_the_deadline_is_still_ahead() {
        fixture.givenCurrentTime(SUBMITTED).andGivenCommands(openSev1())
                .whenTimeAdvancesTo(DUE)
                .expectEvents(atRisk(decision(), Severity.SEV_1, AT_RISK));
    }

    @Test
    void a_timely_response_leaves_nothing_to_record_when_the_deadline_passes() {
        fixture.givenCurrentTime(SUBMITTED).andGivenCommands(openSev1(),
                        new RecordFirstResponse(INCIDENT, SUBMITTED.plusSeconds(300), Channel.PHONE, "eng-7"))
                .whenTimeAdvancesTo(DUE.plus(Duration.ofHours(1)))
                .expectNoEvents();
    }

    @Test
    void a_response_at_exactly_the_deadline_is_met_and_the_breach_deadline_then_records_nothing() {
        fixture.givenCurrentTime(SUBMITTED).andGivenCommands(openSev1(),
                        new RecordFirstResponse(INCIDENT, DUE, Channel.PHONE, "eng-7"))
                .whenTimeAdvancesTo(DUE.plusSeconds(10))
                .expectNoEvents();
    }

    @Test
    void a_response_after_the_deadline_posted_after_the_recorded_breach_is_recorded_and_the_breach_stands() {
        SlaDecision decision = decision();
        fixture.givenCurrentTime(DUE.plusSeconds(5))
                .andGiven(opened(), atRisk(decision, Severity.SEV_1, AT_RISK), breach(decision, Severity.SEV_1, DUE.plusMillis(1)))
                .when(new RecordFirstResponse(INCIDENT, DUE.plusSeconds(4), Channel.PHONE, "eng-7"))
                .expectEvents(new FirstResponseRecorded(INCIDENT, DUE.plusSeconds(4), Channel.PHONE, "eng-7", DUE,
                        FirstResponseStatus.BREACHED));
    }

    @Test
    void a_response_dated_before_the_deadline_posted_after_the_recorded_breach_is_met_and_the_breach_stays_in_history() {
        SlaDecision decision = decision();
        fixture.givenCurrentTime(DUE.plusSeconds(5))
                .andGiven(opened(), atRisk(decision, Severity.SEV_1, AT_RISK), breach(decision, Severity.SEV_1, DUE.plusMillis(1)))
                .when(new RecordFirstResponse(INCIDENT, DUE.minusSeconds(2), Channel.PHONE, "eng-7"))
                .expectEvents(new FirstResponseRecorded(INCIDENT, DUE.minusSeconds(2), Channel.PHONE, "eng-7", DUE,
                        FirstResponseStatus.MET));
    }

    @Test
    void a_close_dated_before_the_deadline_posted_after_the_recorded_breach_cancels_the_sla() {
        SlaDecision decision = decision();
        fixture.givenCurrentTime(DUE.plusSeconds(30))
                .andGiven(opened(), atRisk(decision, Severity.SEV_1, AT_RISK), breach(decision, Severity.SEV_1, DUE.plusMillis(1)))
                .when(new CloseIncident(INCIDENT, DUE.minusSeconds(60), "duplicate"))
                .expectEvents(new IncidentClosed(INCIDENT, DUE.minusSeconds(60), "duplicate", FirstResponseStatus.CANCELLED));
    }

    @Test
    void a_response_dated_after_a_deadline_still_ahead_leaves_the_breach_to_its_deadline() {
        Instant early = DUE.minusSeconds(5);
        fixture.givenCurrentTime(early).andGiven(opened())
                .when(new RecordFirstResponse(INCIDENT, DUE.plusSeconds(10), Channel.PHONE, "eng-7"))
                .expectEvents(new FirstResponseRecorded(INCIDENT, DUE.plusSeconds(10), Channel.PHONE, "eng-7", DUE,
                        FirstResponseStatus.BREACHED));
    }

    @Test
    void a_late_response_whose_breach_was_not_recorded_yet_gets_it_recorded_when_the_deadline_comes() {
        fixture.givenCurrentTime(SUBMITTED).andGivenCommands(openSev1(),
                        new RecordFirstResponse(INCIDENT, DUE.plusSeconds(10), Channel.PHONE, "eng-7"))
                .whenTimeAdvancesTo(DUE.plusSeconds(1))
                .expectEvents(breach(decision(), Severity.SEV_1, DUE.plusMillis(1)));
    }

    @Test
    void a_response_stored_before_the_deadline_fires_is_judged_at_its_own_instant_and_the_deadline_records_nothing() {
        fixture.givenCurrentTime(SUBMITTED).andGivenCommands(openSev1(),
                        new RecordFirstResponse(INCIDENT, DUE.minusSeconds(2), Channel.PHONE, "eng-7"))
                .whenTimeAdvancesTo(DUE.plusSeconds(1))
                .expectNoEvents();
    }

    @Test
    void an_upgrade_moves_both_instants_and_the_old_ones_record_nothing() {
        Instant regradedAt = SUBMITTED.plus(Duration.ofMinutes(1));
        OpenIncident sevA = new OpenIncident(INCIDENT, CONTOSO, Severity.A, "azure-virtual-machines", Channel.PHONE, false,
                SUBMITTED, null, "region slow");
        SlaDecision sevADecision = contracts.decisions().opening(CONTOSO, new IncidentFacts(Severity.A, sevA.product(),
                sevA.channel(), false, null, SUBMITTED));
        Instant newDue = regradedAt.plus(Duration.ofMinutes(15));
        Instant newAtRisk = regradedAt.plusSeconds(675);
        assertThat(sevADecision.dueAt()).as("Sev A under Unified is later than a Sev 1 re-grade").isAfter(newDue);
        fixture.givenCurrentTime(SUBMITTED).andGivenCommands(sevA,
                        new RegradeIncident(INCIDENT, Severity.SEV_1, false, "region down", regradedAt))
                .whenTimeAdvancesTo(sevADecision.dueAt().plusSeconds(1))
                .expectEventsMatching(events(
                        payload(FirstResponseAtRisk.class, warning -> warning.atRiskAt().equals(newAtRisk)
                                && warning.detectedAt().equals(newAtRisk), "the warning of the moved deadline"),
                        payload(FirstResponseBreached.class, breach -> breach.dueAt().equals(newDue)
                                && breach.detectedAt().equals(newDue.plusMillis(1)), "the breach of the moved deadline")));
    }

    @Test
    void an_upgrade_schedules_the_new_at_risk_instant() {
        Instant regradedAt = SUBMITTED.plus(Duration.ofMinutes(1));
        OpenIncident sevA = new OpenIncident(INCIDENT, CONTOSO, Severity.A, "azure-virtual-machines", Channel.PHONE, false,
                SUBMITTED, null, "region slow");
        Instant newDue = regradedAt.plus(Duration.ofMinutes(15));
        fixture.givenCurrentTime(SUBMITTED).andGivenCommands(sevA)
                .when(new RegradeIncident(INCIDENT, Severity.SEV_1, false, "region down", regradedAt))
                .expectScheduledDeadline(regradedAt.plusSeconds(675), new AtRiskInstantPassed(regradedAt.plusSeconds(675), newDue))
                .expectNoScheduledDeadlineWithName(newDue.plusMillis(1), FirstResponseDeadlines.BREACH);
    }

    @Test
    void closing_before_the_deadline_cancels_the_sla_and_its_instants_record_nothing() {
        Instant closedAt = SUBMITTED.plus(Duration.ofMinutes(5));
        fixture.givenCurrentTime(SUBMITTED).andGivenCommands(openSev1(), new CloseIncident(INCIDENT, closedAt, "duplicate"))
                .whenTimeAdvancesTo(DUE.plus(Duration.ofHours(2)))
                .expectNoEvents();
    }

    @Test
    void an_at_risk_instant_found_after_the_deadline_records_no_warning_only_the_breach() {
        Instant muchLater = DUE.plus(Duration.ofHours(3));
        fixture.givenCurrentTime(muchLater)
                .andGiven(opened())
                .andGivenCommands(new ResumeDeadlines(INCIDENT))
                .whenTimeElapses(Duration.ofSeconds(1))
                .expectEventsMatching(events(payload(FirstResponseBreached.class, breach -> breach.dueAt().equals(DUE),
                        "the breach only")));
    }

    @Test
    void history_stored_before_deadlines_were_facts_is_brought_forward_with_a_true_detection_instant() {
        Instant backfilledAt = DUE.plus(Duration.ofHours(3));
        fixture.givenCurrentTime(backfilledAt)
                .andGiven(opened())
                .andGivenCommands(new ResumeDeadlines(INCIDENT))
                .whenTimeElapses(Duration.ofMillis(1))
                .expectEvents(breach(decision(), Severity.SEV_1, backfilledAt));
    }

    @Test
    void a_breach_is_recorded_once_per_deadline_even_when_its_deadline_fires_twice() {
        fixture.givenCurrentTime(SUBMITTED).andGivenCommands(openSev1(), new ResumeDeadlines(INCIDENT))
                .whenTimeAdvancesTo(DUE.plusSeconds(5))
                .expectEvents(atRisk(decision(), Severity.SEV_1, AT_RISK), breach(decision(), Severity.SEV_1, DUE.plusMillis(1)));
    }

    @Test
    void resuming_a_closed_incident_schedules_nothing() {
        fixture.givenCurrentTime(SUBMITTED.plusSeconds(60))
                .andGiven(opened(),
                        new IncidentClosed(INCIDENT, SUBMITTED.plusSeconds(30), "duplicate", FirstResponseStatus.CANCELLED))
                .when(new ResumeDeadlines(INCIDENT))
                .expectNoEvents()
                .expectNoScheduledDeadlines();
    }

    @Test
    void a_regrade_after_the_deadline_whose_breach_has_not_fired_yet_records_it_first() {
        Instant later = DUE.plus(Duration.ofMinutes(10));
        fixture.givenCurrentTime(later).andGiven(opened(), atRisk(decision(), Severity.SEV_1, AT_RISK))
                .when(new RegradeIncident(INCIDENT, Severity.C, false, "customer request", later))
                .expectEventsMatching(events(
                        payload(FirstResponseBreached.class, breach -> breach.detectedAt().equals(later), "the breach first"),
                        payload(IncidentRegraded.class, regraded -> regraded.effect() == RegradeEffect.SLA_ALREADY_STOPPED
                                && regraded.firstResponseStatus() == FirstResponseStatus.BREACHED, "then the re-grade")));
    }
}
