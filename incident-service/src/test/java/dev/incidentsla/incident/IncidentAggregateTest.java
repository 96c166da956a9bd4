package dev.incidentsla.incident;

import dev.incidentsla.api.Channel;
import dev.incidentsla.api.FirstResponseStatus;
import dev.incidentsla.api.RegradeEffect;
import dev.incidentsla.api.RegradeReasonCode;
import dev.incidentsla.api.Severity;
import dev.incidentsla.api.SlaDecision;
import dev.incidentsla.api.contract.ContractAmended;
import dev.incidentsla.api.contract.ContractId;
import dev.incidentsla.api.contract.ProgramEntitlement;
import dev.incidentsla.api.contract.SupportLocation;
import dev.incidentsla.api.incident.CloseIncident;
import dev.incidentsla.api.incident.FirstResponseBreached;
import dev.incidentsla.api.incident.FirstResponseRecorded;
import dev.incidentsla.api.incident.IncidentClosed;
import dev.incidentsla.api.incident.IncidentId;
import dev.incidentsla.api.incident.IncidentOpened;
import dev.incidentsla.api.incident.IncidentRegraded;
import dev.incidentsla.api.incident.OpenIncident;
import dev.incidentsla.api.incident.RecordFirstResponse;
import dev.incidentsla.api.incident.RegradeIncident;
import dev.incidentsla.service.ConflictException;
import dev.incidentsla.service.NotFoundException;
import dev.incidentsla.service.RuleViolationException;
import dev.incidentsla.sla.engine.IncidentFacts;
import dev.incidentsla.sla.engine.UnknownEventException;
import dev.incidentsla.sla.policy.UnknownProductException;
import org.axonframework.messaging.Message;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.hamcrest.CustomTypeSafeMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import static dev.incidentsla.incident.InMemoryContracts.jakartaContract;
import static org.assertj.core.api.Assertions.assertThat;

/** Every command path of the incident aggregate, against the real SLA engine. Jakarta is UTC+7. */
class IncidentAggregateTest {

    private static final IncidentId INCIDENT = new IncidentId("INC-0001");
    private static final ContractId CONTOSO = new ContractId("contoso");
    private static final Instant REGISTERED = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant FRIDAY_1700 = Instant.parse("2026-11-20T10:00:00Z");
    private static final Instant MONDAY_1030 = Instant.parse("2026-11-23T03:30:00Z");

    private InMemoryContracts contracts;
    private AggregateTestFixture<Incident> fixture;
    private final List<Long> handedOver = new ArrayList<>();
    private final RecentFolds recentFolds = new RecentFolds() {
        @Override
        void handOver(String incidentId, FoldedIncident fold) {
            handedOver.add(fold.lastSequence());
            super.handOver(incidentId, fold);
        }
    };

    @BeforeEach
    void setUp() {
        contracts = new InMemoryContracts().with(jakartaContract("contoso", REGISTERED, ProgramEntitlement.of("UER")));
        fixture = new AggregateTestFixture<>(Incident.class);
        fixture.registerInjectableResource(contracts.decisions());
        fixture.registerInjectableResource(new FixtureClock(fixture));
        fixture.registerInjectableResource(recentFolds);
    }

    private FirstResponseBreached breachOf(IncidentOpened opened, Instant detectedAt) {
        SlaDecision decision = opened.firstResponse();
        return new FirstResponseBreached(INCIDENT, CONTOSO, opened.severity(), opened.product(), decision.program(),
                decision.rule(), decision.target(), decision.clock(), opened.submittedAt(), decision.dueAt(), detectedAt);
    }

    private static OpenIncident openSevB() {
        return new OpenIncident(INCIDENT, CONTOSO, Severity.B, "azure-virtual-machines", Channel.WEB, false, FRIDAY_1700, null,
                "VM scale set cannot start");
    }

    private IncidentOpened openedSevB() {
        return opened(openSevB(), 1);
    }

    private IncidentOpened opened(OpenIncident command, int contractVersion) {
        SlaDecisions.Opening opening = contracts.decisions().open(CONTOSO, facts(command));
        return new IncidentOpened(INCIDENT, CONTOSO, contractVersion, command.title(), command.product(), command.channel(),
                command.severity(), command.aroundTheClock(), command.eventId(), command.submittedAt(),
                opening.firstResponse(), opening.supportLocation());
    }

    private static <T> Matcher<List<Message<?>>> onlyEvent(Class<T> type, Predicate<T> check, String description) {
        Matcher<Message<?>> payload = Matchers.messageWithPayload(new CustomTypeSafeMatcher<T>(description) {
            @Override
            protected boolean matchesSafely(T candidate) {
                return type.isInstance(candidate) && check.test(candidate);
            }
        });
        return Matchers.exactSequenceOf(payload, Matchers.andNoMore());
    }

    private static IncidentFacts facts(OpenIncident command) {
        return new IncidentFacts(command.severity(), command.product(), command.channel(), command.aroundTheClock(),
                command.eventId(), command.submittedAt(), command.supportLocation());
    }

    @Test
    void opening_an_incident_records_the_engines_decision_made_at_submission() {
        fixture.givenNoPriorActivity()
                .when(openSevB())
                .expectSuccessfulHandlerExecution()
                .expectEvents(openedSevB());
        assertThat(openedSevB().firstResponse().dueAt()).as("Fri 17:00 + 2 business hours").isEqualTo(MONDAY_1030);
    }

    @Test
    void opening_uses_the_contract_version_in_force_at_submission() {
        contracts.with(new ContractAmended(CONTOSO, 2, "Contoso", SupportLocation.of("Asia/Jakarta", "ID"),
                List.of(ProgramEntitlement.of("UER"), ProgramEntitlement.of("AZURE_RAPID_RESPONSE")),
                Instant.parse("2026-11-20T12:00:00Z")));
        fixture.givenNoPriorActivity()
                .when(openSevB())
                .expectEventsMatching(onlyEvent(IncidentOpened.class, opened -> opened.contractVersion() == 1,
                        "opened under contract version 1"));
    }

    @Test
    void opening_under_an_unknown_contract_is_refused() {
        OpenIncident command = new OpenIncident(INCIDENT, new ContractId("nobody"), Severity.B, "azure-virtual-machines",
                Channel.WEB, false, FRIDAY_1700, null, "title");
        fixture.givenNoPriorActivity().when(command).expectException(NotFoundException.class).expectNoEvents();
    }

    @Test
    void opening_with_an_unknown_product_is_refused() {
        OpenIncident command = new OpenIncident(INCIDENT, CONTOSO, Severity.B, "azure-mars", Channel.WEB, false, FRIDAY_1700,
                null, "title");
        fixture.givenNoPriorActivity().when(command).expectException(UnknownProductException.class).expectNoEvents();
    }

    @Test
    void opening_with_an_event_the_contract_does_not_schedule_is_refused() {
        OpenIncident command = new OpenIncident(INCIDENT, CONTOSO, Severity.A, "azure-virtual-machines", Channel.WEB, false,
                FRIDAY_1700, "launch-2099", "title");
        fixture.givenNoPriorActivity().when(command).expectException(UnknownEventException.class).expectNoEvents();
    }

    @Test
    void an_upgrade_before_the_response_recomputes_an_earlier_deadline() {
        Instant at = Instant.parse("2026-11-20T10:10:00Z");
        fixture.given(openedSevB())
                .when(new RegradeIncident(INCIDENT, Severity.A, false, "business impact increased", at))
                .expectEventsMatching(onlyEvent(IncidentRegraded.class, regraded -> regraded.severity() == Severity.A
                                && regraded.effect() == RegradeEffect.UPGRADE_RECOMPUTED
                                && regraded.firstResponse().dueAt().equals(at.plus(Duration.ofMinutes(30)))
                                && regraded.firstResponse().program().equals("UER"),
                        "upgraded to Sev A under UER, due 30 minutes after the re-grade"));
    }

    @Test
    void a_committed_command_hands_over_the_incident_as_it_answered_it() {
        AtomicReference<IncidentView> answered = new AtomicReference<>();
        fixture.given(openedSevB())
                .when(new RegradeIncident(INCIDENT, Severity.A, false, "business impact increased",
                        Instant.parse("2026-11-20T10:10:00Z")))
                .expectResultMessagePayloadMatching(new CustomTypeSafeMatcher<IncidentView>("the incident's view") {
                    @Override
                    protected boolean matchesSafely(IncidentView view) {
                        answered.set(view);
                        return true;
                    }
                });

        FoldedIncident regraded = recentFolds.at(INCIDENT.value(), 1);
        assertThat(regraded).as("the fold with the re-grade, its event 1").isNotNull();
        assertThat(regraded.viewAt(fixture.currentTime())).isEqualTo(answered.get());
        assertThat(answered.get().severity()).isEqualTo(Severity.A);
    }

    @Test
    void an_opening_hands_over_nothing_since_a_new_row_needs_no_fold() {
        fixture.givenNoPriorActivity().when(openSevB()).expectSuccessfulHandlerExecution();

        assertThat(handedOver).isEmpty();
    }

    @Test
    void a_command_of_several_events_hands_over_the_incident_after_its_first() {
        Instant late = MONDAY_1030.plusSeconds(1);
        fixture.givenCurrentTime(late).andGiven(openedSevB())
                .when(new RecordFirstResponse(INCIDENT, late, Channel.PHONE, "eng-7"))
                .expectEvents(breachOf(openedSevB(), late), new FirstResponseRecorded(INCIDENT, late, Channel.PHONE,
                        "eng-7", MONDAY_1030, FirstResponseStatus.BREACHED));

        assertThat(handedOver).as("once, the fold with the breach: the event the list needs next").containsExactly(1L);
        assertThat(recentFolds.at(INCIDENT.value(), 1).viewAt(late))
                .isEqualTo(FoldedIncident.of(List.of(openedSevB(), breachOf(openedSevB(), late)), 1).viewAt(late));
    }

    @Test
    void a_command_whose_commit_fails_hands_over_nothing() {
        String failure = "the commit fails, as an append does on another node's event";
        fixture.registerCommandHandlerInterceptor((unitOfWork, chain) -> {
            Object answer = chain.proceed();
            unitOfWork.onCommit(committing -> {
                throw new IllegalStateException(failure);
            });
            return answer;
        });
        fixture.given(openedSevB())
                .when(new RegradeIncident(INCIDENT, Severity.A, false, "business impact increased",
                        Instant.parse("2026-11-20T10:10:00Z")))
                .expectException(IllegalStateException.class)
                .expectExceptionMessage(failure);

        assertThat(handedOver).isEmpty();
        assertThat(recentFolds.at(INCIDENT.value(), 1)).isNull();
    }

    @Test
    void a_regrade_records_its_reason_code_beside_the_free_text() {
        fixture.given(openedSevB())
                .when(new RegradeIncident(INCIDENT, Severity.C, false, "customer asked to lower it",
                        RegradeReasonCode.CUSTOMER_REQUEST, Instant.parse("2026-11-20T10:10:00Z")))
                .expectEventsMatching(onlyEvent(IncidentRegraded.class,
                        regraded -> regraded.reasonCode() == RegradeReasonCode.CUSTOMER_REQUEST
                                && regraded.reason().equals("customer asked to lower it"),
                        "the code and the text, both kept"));
    }

    @Test
    void a_regrade_naming_no_reason_code_records_other() {
        fixture.given(openedSevB())
                .when(new RegradeIncident(INCIDENT, Severity.A, false, "business impact increased",
                        Instant.parse("2026-11-20T10:10:00Z")))
                .expectEventsMatching(onlyEvent(IncidentRegraded.class, regraded -> regraded.reasonCode() == RegradeReasonCode.OTHER,
                        "re-graded for reason OTHER"));
    }

    @Test
    void a_regrade_to_the_same_grade_records_nothing() {
        fixture.given(openedSevB())
                .when(new RegradeIncident(INCIDENT, Severity.B, false, "retry", Instant.parse("2026-11-20T10:10:00Z")))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void a_regrade_after_the_deadline_passed_records_the_breach_then_only_changes_the_severity() {
        Instant late = MONDAY_1030.plusSeconds(60);
        IncidentOpened opened = openedSevB();
        fixture.givenCurrentTime(late.plusSeconds(2)).andGiven(opened)
                .when(new RegradeIncident(INCIDENT, Severity.A, false, "too late", late))
                .expectEvents(breachOf(opened, late.plusSeconds(2)), new IncidentRegraded(INCIDENT, Severity.B, false, Severity.A,
                        false, "too late", RegradeReasonCode.OTHER, late, RegradeEffect.SLA_ALREADY_STOPPED,
                        opened.firstResponse(), FirstResponseStatus.BREACHED));
    }

    @Test
    void a_command_dated_before_the_incidents_last_instant_is_refused() {
        fixture.given(openedSevB())
                .when(new RegradeIncident(INCIDENT, Severity.A, false, "back in time", FRIDAY_1700.minusSeconds(1)))
                .expectException(RuleViolationException.class)
                .expectNoEvents();
    }

    @Test
    void a_regrade_without_an_instant_is_dated_by_the_incidents_clock_as_stored() {
        Instant now = Instant.parse("2026-11-20T10:10:00.123456789Z");
        Instant stored = Instant.parse("2026-11-20T10:10:00.123456Z");
        fixture.givenCurrentTime(now).andGiven(openedSevB())
                .when(new RegradeIncident(INCIDENT, Severity.A, false, "business impact increased", null))
                .expectEventsMatching(onlyEvent(IncidentRegraded.class, regraded -> regraded.at().equals(stored)
                                && regraded.firstResponse().clockStartedAt().equals(stored),
                        "re-graded at the clock's instant truncated to microseconds"));
    }

    @Test
    void a_regrade_without_an_instant_on_a_clock_behind_the_history_takes_the_last_recorded_instant() {
        fixture.givenCurrentTime(FRIDAY_1700.minusSeconds(20)).andGiven(openedSevB())
                .when(new RegradeIncident(INCIDENT, Severity.A, false, "another node's clock runs ahead", null))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(onlyEvent(IncidentRegraded.class, regraded -> regraded.at().equals(FRIDAY_1700),
                        "re-graded at the submission instant, the last recorded one"));
    }

    @Test
    void a_response_and_a_close_without_instants_on_a_clock_behind_the_history_take_the_last_recorded_instant() {
        Instant respondedAt = FRIDAY_1700.plusSeconds(600);
        FirstResponseRecorded responded = new FirstResponseRecorded(INCIDENT, respondedAt, Channel.PHONE, "eng-7", MONDAY_1030,
                FirstResponseStatus.MET);
        fixture.givenCurrentTime(FRIDAY_1700.minusSeconds(20)).andGiven(openedSevB())
                .when(new RecordFirstResponse(INCIDENT, null, Channel.PHONE, "eng-7"))
                .expectEvents(new FirstResponseRecorded(INCIDENT, FRIDAY_1700, Channel.PHONE, "eng-7", MONDAY_1030,
                        FirstResponseStatus.MET));
        fixture.givenCurrentTime(respondedAt.minusSeconds(20)).andGiven(openedSevB(), responded)
                .when(new CloseIncident(INCIDENT, null, "fixed"))
                .expectEvents(new IncidentClosed(INCIDENT, respondedAt, "fixed", FirstResponseStatus.MET));
    }

    @Test
    void a_first_response_at_exactly_the_deadline_is_met() {
        fixture.given(openedSevB())
                .when(new RecordFirstResponse(INCIDENT, MONDAY_1030, Channel.PHONE, "eng-7"))
                .expectEvents(new FirstResponseRecorded(INCIDENT, MONDAY_1030, Channel.PHONE, "eng-7", MONDAY_1030,
                        FirstResponseStatus.MET));
    }

    @Test
    void a_first_response_one_second_late_is_breached_and_the_breach_comes_first() {
        Instant late = MONDAY_1030.plusSeconds(1);
        fixture.givenCurrentTime(late).andGiven(openedSevB())
                .when(new RecordFirstResponse(INCIDENT, late, Channel.PHONE, "eng-7"))
                .expectEvents(breachOf(openedSevB(), late), new FirstResponseRecorded(INCIDENT, late, Channel.PHONE, "eng-7", MONDAY_1030,
                        FirstResponseStatus.BREACHED));
    }

    @Test
    void a_second_first_response_is_a_conflict() {
        fixture.given(openedSevB(), new FirstResponseRecorded(INCIDENT, MONDAY_1030, Channel.PHONE, "eng-7", MONDAY_1030,
                        FirstResponseStatus.MET))
                .when(new RecordFirstResponse(INCIDENT, MONDAY_1030.plusSeconds(5), Channel.PHONE, "eng-8"))
                .expectException(ConflictException.class)
                .expectNoEvents();
    }

    @Test
    void closing_before_the_deadline_without_a_response_cancels_the_sla() {
        Instant closedAt = FRIDAY_1700.plusSeconds(600);
        fixture.given(openedSevB())
                .when(new CloseIncident(INCIDENT, closedAt, "duplicate"))
                .expectEvents(new IncidentClosed(INCIDENT, closedAt, "duplicate", FirstResponseStatus.CANCELLED));
    }

    @Test
    void closing_after_the_deadline_without_a_response_is_a_breach() {
        Instant closedAt = MONDAY_1030.plusSeconds(600);
        fixture.givenCurrentTime(closedAt.plusSeconds(30)).andGiven(openedSevB())
                .when(new CloseIncident(INCIDENT, closedAt, "gave up"))
                .expectEvents(breachOf(openedSevB(), closedAt.plusSeconds(30)), new IncidentClosed(INCIDENT, closedAt, "gave up", FirstResponseStatus.BREACHED));
    }

    @Test
    void closing_after_a_met_response_keeps_it_met() {
        Instant closedAt = MONDAY_1030.plusSeconds(3600);
        fixture.given(openedSevB(), new FirstResponseRecorded(INCIDENT, MONDAY_1030, Channel.PHONE, "eng-7", MONDAY_1030,
                        FirstResponseStatus.MET))
                .when(new CloseIncident(INCIDENT, closedAt, "fixed"))
                .expectEvents(new IncidentClosed(INCIDENT, closedAt, "fixed", FirstResponseStatus.MET));
    }

    @Test
    void a_closed_incident_refuses_regrades_responses_and_a_second_close() {
        Instant closedAt = FRIDAY_1700.plusSeconds(600);
        IncidentClosed closed = new IncidentClosed(INCIDENT, closedAt, "duplicate", FirstResponseStatus.CANCELLED);
        fixture.given(openedSevB(), closed).when(new RegradeIncident(INCIDENT, Severity.A, false, "x", closedAt))
                .expectException(ConflictException.class).expectNoEvents();
        fixture.given(openedSevB(), closed).when(new RecordFirstResponse(INCIDENT, closedAt, Channel.PHONE, "e"))
                .expectException(ConflictException.class).expectNoEvents();
        fixture.given(openedSevB(), closed).when(new CloseIncident(INCIDENT, closedAt, "again"))
                .expectException(ConflictException.class).expectNoEvents();
    }
}
