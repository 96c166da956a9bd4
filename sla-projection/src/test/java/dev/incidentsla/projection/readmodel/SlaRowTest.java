package dev.incidentsla.projection.readmodel;

import dev.incidentsla.api.Channel;
import dev.incidentsla.api.FirstResponseStatus;
import dev.incidentsla.api.RegradeEffect;
import dev.incidentsla.api.Severity;
import dev.incidentsla.api.SlaClock;
import dev.incidentsla.api.SlaDecision;
import dev.incidentsla.api.contract.ContractId;
import dev.incidentsla.api.incident.FirstResponseAtRisk;
import dev.incidentsla.api.incident.FirstResponseBreached;
import dev.incidentsla.api.incident.FirstResponseRecorded;
import dev.incidentsla.api.incident.IncidentClosed;
import dev.incidentsla.api.incident.IncidentId;
import dev.incidentsla.api.incident.IncidentOpened;
import dev.incidentsla.api.incident.IncidentRegraded;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The read model maps each incident event as it is: the incident decides, the row records. */
class SlaRowTest {

    private static final IncidentId INCIDENT = new IncidentId("INC-1");
    private static final ContractId CONTRACT = new ContractId("contoso");
    private static final Instant SUBMITTED = Instant.parse("2026-11-20T10:00:00Z");
    private static final Instant DUE = SUBMITTED.plus(Duration.ofMinutes(60));
    private static final Instant AT_RISK = SUBMITTED.plus(Duration.ofMinutes(45));

    private static SlaDecision decision(Instant start, Duration target, String rule) {
        return new SlaDecision("UNIFIED", rule, target, SlaClock.ROUND_THE_CLOCK, start, start.plus(target),
                start.plus(target.multipliedBy(3).dividedBy(4)), "test", 1, false, "explained");
    }

    private static SlaRow opened() {
        return SlaRow.opened(new IncidentOpened(INCIDENT, CONTRACT, 1, "t", "exchange-server", Channel.WEB,
                Severity.A, false, null, SUBMITTED, decision(SUBMITTED, Duration.ofMinutes(60), "unified.sev-a")), 0);
    }

    private static FirstResponseAtRisk atRisk(Instant atRiskAt, Instant dueAt, Instant detectedAt) {
        return new FirstResponseAtRisk(INCIDENT, CONTRACT, Severity.A, "exchange-server", "UNIFIED", "unified.sev-a",
                Duration.ofMinutes(60), SlaClock.ROUND_THE_CLOCK, SUBMITTED, atRiskAt, dueAt, detectedAt);
    }

    private static FirstResponseBreached breached(Instant dueAt, Instant detectedAt) {
        return new FirstResponseBreached(INCIDENT, CONTRACT, Severity.A, "exchange-server", "UNIFIED", "unified.sev-a",
                Duration.ofMinutes(60), SlaClock.ROUND_THE_CLOCK, SUBMITTED, dueAt, detectedAt);
    }

    private static IncidentRegraded regraded(Instant at, Duration target, FirstResponseStatus status) {
        return new IncidentRegraded(INCIDENT, Severity.A, false, Severity.SEV_1, false, "worse", at,
                RegradeEffect.UPGRADE_RECOMPUTED, decision(at, target, "unified.sev-1.other"), status);
    }

    @Test
    void the_severity_at_the_outcome_stands_whatever_is_re_graded_after_it() {
        assertThat(opened().outcomeSeverity()).as("pending").isNull();
        SlaRow breachedAsA = opened().breached(breached(DUE, DUE.plusMillis(5)), 1);
        assertThat(breachedAsA.outcomeSeverity()).isEqualTo(Severity.A);
        SlaRow lowered = breachedAsA.regraded(new IncidentRegraded(INCIDENT, Severity.A, false, Severity.C, false,
                "customer cannot sustain 24x7", DUE.plusSeconds(60), RegradeEffect.SLA_ALREADY_STOPPED,
                decision(SUBMITTED, Duration.ofMinutes(60), "unified.sev-a"), FirstResponseStatus.BREACHED), 2);
        assertThat(lowered.severity()).isEqualTo(Severity.C);
        assertThat(lowered.outcomeSeverity()).isEqualTo(Severity.A);
        SlaRow answeredLate = lowered.responded(new FirstResponseRecorded(INCIDENT, DUE.plusSeconds(120), Channel.PHONE, "eng",
                DUE, FirstResponseStatus.BREACHED), 3);
        assertThat(answeredLate.outcomeSeverity()).isEqualTo(Severity.A);
    }

    @Test
    void a_re_grade_that_reports_a_deadline_passed_before_it_stopped_the_sla_under_the_severity_it_came_from() {
        SlaRow upgradedTooLate = opened().regraded(regraded(DUE.plusSeconds(60), Duration.ofMinutes(15),
                FirstResponseStatus.BREACHED), 1);
        assertThat(upgradedTooLate.severity()).isEqualTo(Severity.SEV_1);
        assertThat(upgradedTooLate.outcomeSeverity()).isEqualTo(Severity.A);
        SlaRow upgradedInTime = opened().regraded(regraded(SUBMITTED.plusSeconds(60), Duration.ofMinutes(15),
                FirstResponseStatus.PENDING), 1);
        assertThat(upgradedInTime.outcomeSeverity()).isNull();
        assertThat(upgradedInTime.responded(new FirstResponseRecorded(INCIDENT, SUBMITTED.plusSeconds(120), Channel.PHONE, "eng",
                upgradedInTime.dueAt(), FirstResponseStatus.MET), 2).outcomeSeverity()).isEqualTo(Severity.SEV_1);
        assertThat(opened().closed(new IncidentClosed(INCIDENT, SUBMITTED.plusSeconds(60), "duplicate",
                FirstResponseStatus.CANCELLED), 1).outcomeSeverity()).isEqualTo(Severity.A);
    }

    @Test
    void an_opened_incident_is_pending_with_its_decision_and_no_alert_on_record() {
        SlaRow row = opened();
        assertThat(row.status()).isEqualTo(FirstResponseStatus.PENDING);
        assertThat(row.dueAt()).isEqualTo(DUE);
        assertThat(row.atRiskAt()).isEqualTo(AT_RISK);
        assertThat(row.rule()).isEqualTo("unified.sev-a");
        assertThat(row.warningAlertAt()).isNull();
        assertThat(row.breachAlertAt()).isNull();
        assertThat(row.warned()).isFalse();
        assertThat(row.lastSequence()).isZero();
    }

    @Test
    void an_at_risk_event_records_its_detection_and_the_deadline_it_was_about() {
        Instant detected = AT_RISK.plusMillis(40);
        SlaRow warned = opened().atRisk(atRisk(AT_RISK, DUE, detected), 1);
        assertThat(warned.warningAlertAt()).isEqualTo(detected);
        assertThat(warned.warnedDueAt()).isEqualTo(DUE);
        assertThat(warned.warned()).isTrue();
        assertThat(warned.status()).isEqualTo(FirstResponseStatus.PENDING);
        assertThat(warned.lastSequence()).isEqualTo(1);
    }

    @Test
    void a_regrade_copies_the_new_decision_and_status_and_a_warning_about_the_old_deadline_no_longer_holds() {
        Instant at = SUBMITTED.plusSeconds(2900);
        SlaRow warned = opened().atRisk(atRisk(AT_RISK, DUE, AT_RISK), 1);
        SlaRow moved = warned.regraded(regraded(at, Duration.ofMinutes(15), FirstResponseStatus.PENDING), 2);
        assertThat(moved.severity()).isEqualTo(Severity.SEV_1);
        assertThat(moved.rule()).isEqualTo("unified.sev-1.other");
        assertThat(moved.target()).isEqualTo(Duration.ofMinutes(15));
        assertThat(moved.dueAt()).isEqualTo(at.plus(Duration.ofMinutes(15)));
        assertThat(moved.status()).isEqualTo(FirstResponseStatus.PENDING);
        assertThat(moved.warningAlertAt()).as("the warning stays on record").isEqualTo(AT_RISK);
        assertThat(moved.warned()).as("but it was about the old deadline").isFalse();

        SlaRow warnedAgain = moved.atRisk(atRisk(moved.atRiskAt(), moved.dueAt(), moved.atRiskAt()), 3);
        assertThat(warnedAgain.warned()).isTrue();
    }

    @Test
    void a_regrade_after_the_deadline_carries_the_breached_status_the_incident_decided() {
        SlaRow row = opened().regraded(regraded(DUE.plusSeconds(60), Duration.ofMinutes(15), FirstResponseStatus.BREACHED), 1);
        assertThat(row.status()).isEqualTo(FirstResponseStatus.BREACHED);
    }

    @Test
    void a_breach_event_marks_the_breach_with_its_detection_instant() {
        Instant detected = DUE.plusMillis(3);
        SlaRow breached = opened().breached(breached(DUE, detected), 1);
        assertThat(breached.status()).isEqualTo(FirstResponseStatus.BREACHED);
        assertThat(breached.breachAlertAt()).isEqualTo(detected);
        assertThat(breached.dueAt()).isEqualTo(DUE);
    }

    @Test
    void a_response_carries_the_incidents_verdict_and_a_breach_on_record_stays() {
        SlaRow met = opened().responded(new FirstResponseRecorded(INCIDENT, DUE, Channel.PHONE, "e", DUE, FirstResponseStatus.MET), 1);
        assertThat(met.status()).isEqualTo(FirstResponseStatus.MET);
        assertThat(met.respondedAt()).isEqualTo(DUE);

        SlaRow late = opened().breached(breached(DUE, DUE.plusMillis(2)), 1)
                .responded(new FirstResponseRecorded(INCIDENT, DUE.plusSeconds(60), Channel.PHONE, "e", DUE,
                        FirstResponseStatus.BREACHED), 2);
        assertThat(late.status()).isEqualTo(FirstResponseStatus.BREACHED);
        assertThat(late.breachAlertAt()).isEqualTo(DUE.plusMillis(2));
        assertThat(late.respondedAt()).isEqualTo(DUE.plusSeconds(60));
    }

    @Test
    void closing_carries_the_incidents_outcome() {
        SlaRow cancelled = opened().closed(new IncidentClosed(INCIDENT, SUBMITTED.plusSeconds(60), "dup", FirstResponseStatus.CANCELLED), 1);
        assertThat(cancelled.status()).isEqualTo(FirstResponseStatus.CANCELLED);
        assertThat(cancelled.lastSequence()).isEqualTo(1);
    }

    @Test
    void instants_are_kept_to_the_microsecond_as_the_database_keeps_them() {
        SlaRow warned = opened().atRisk(atRisk(AT_RISK, DUE.plusNanos(1_234_567), AT_RISK.plusNanos(999)), 1);
        assertThat(warned.warnedDueAt()).isEqualTo(DUE.plusNanos(1_234_000));
        assertThat(warned.warningAlertAt()).isEqualTo(AT_RISK);
    }
}
