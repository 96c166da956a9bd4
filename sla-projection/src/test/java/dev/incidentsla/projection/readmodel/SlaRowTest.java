package dev.incidentsla.projection.readmodel;

import dev.incidentsla.api.Channel;
import dev.incidentsla.api.FirstResponseStatus;
import dev.incidentsla.api.RegradeEffect;
import dev.incidentsla.api.Severity;
import dev.incidentsla.api.SlaClock;
import dev.incidentsla.api.SlaDecision;
import dev.incidentsla.api.contract.ContractId;
import dev.incidentsla.api.incident.FirstResponseRecorded;
import dev.incidentsla.api.incident.IncidentClosed;
import dev.incidentsla.api.incident.IncidentId;
import dev.incidentsla.api.incident.IncidentOpened;
import dev.incidentsla.api.incident.IncidentRegraded;
import dev.incidentsla.projection.schedule.AlertKind;
import dev.incidentsla.projection.schedule.DeadlineSchedule;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The read model's transitions (SLA-RULES section 5) and the alerts each state still owes. */
class SlaRowTest {

    private static final IncidentId INCIDENT = new IncidentId("INC-1");
    private static final Instant SUBMITTED = Instant.parse("2026-11-20T10:00:00Z");
    private static final Instant DUE = SUBMITTED.plus(Duration.ofMinutes(60));
    private static final Instant AT_RISK = SUBMITTED.plus(Duration.ofMinutes(45));

    private static SlaDecision decision(Instant start, Duration target, String rule) {
        return new SlaDecision("UNIFIED", rule, target, SlaClock.ROUND_THE_CLOCK, start, start.plus(target),
                start.plus(target.multipliedBy(3).dividedBy(4)), "test", 1, false, "explained");
    }

    private static SlaRow opened() {
        return SlaRow.opened(new IncidentOpened(INCIDENT, new ContractId("contoso"), 1, "t", "exchange-server", Channel.WEB,
                Severity.A, false, null, SUBMITTED, decision(SUBMITTED, Duration.ofMinutes(60), "unified.sev-a")), 0);
    }

    @Test
    void an_opened_incident_owes_a_warning_and_a_breach() {
        assertThat(opened().alertsToSchedule()).containsExactly(DeadlineSchedule.Entry.warning("INC-1", AT_RISK),
                DeadlineSchedule.Entry.breach("INC-1", DUE));
    }

    @Test
    void a_regrade_before_the_deadline_moves_both_alerts_and_the_warning_starts_over() {
        Instant at = SUBMITTED.plusSeconds(2900);
        SlaRow warned = opened().warned(AT_RISK);
        SlaRow moved = warned.regraded(new IncidentRegraded(INCIDENT, Severity.A, false, Severity.SEV_1, false, "worse", at,
                RegradeEffect.UPGRADE_RECOMPUTED, decision(at, Duration.ofMinutes(15), "unified.sev-1.other"),
                FirstResponseStatus.PENDING), 1);
        assertThat(moved.dueAt()).isEqualTo(at.plus(Duration.ofMinutes(15)));
        assertThat(moved.warningAlertAt()).isNull();
        assertThat(moved.alertsToSchedule()).extracting(DeadlineSchedule.Entry::kind, DeadlineSchedule.Entry::deadline)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(AlertKind.WARNING, moved.atRiskAt()),
                        org.assertj.core.groups.Tuple.tuple(AlertKind.BREACH, moved.dueAt()));
    }

    @Test
    void a_met_response_owes_no_alert() {
        SlaRow met = opened().responded(new FirstResponseRecorded(INCIDENT, DUE, Channel.PHONE, "e", DUE, FirstResponseStatus.MET), 1);
        assertThat(met.status()).isEqualTo(FirstResponseStatus.MET);
        assertThat(met.alertsToSchedule()).isEmpty();
        assertThat(met.mayReportBreach(DUE, DUE.plusSeconds(1))).isFalse();
    }

    @Test
    void a_cancelled_sla_owes_no_alert() {
        SlaRow cancelled = opened().closed(new IncidentClosed(INCIDENT, SUBMITTED.plusSeconds(60), "dup", FirstResponseStatus.CANCELLED), 1);
        assertThat(cancelled.alertsToSchedule()).isEmpty();
    }

    @Test
    void a_late_response_before_the_breach_was_reported_still_owes_the_breach_alert() {
        SlaRow late = opened().responded(new FirstResponseRecorded(INCIDENT, DUE.plusSeconds(5), Channel.PHONE, "e", DUE,
                FirstResponseStatus.BREACHED), 1);
        assertThat(late.alertsToSchedule()).containsExactly(DeadlineSchedule.Entry.breach("INC-1", DUE));
        assertThat(late.mayReportBreach(DUE, DUE.plusSeconds(6))).isTrue();
    }

    @Test
    void a_response_after_the_breach_leaves_the_breach_standing() {
        SlaRow breached = opened().breached(DUE.plusMillis(2));
        SlaRow responded = breached.responded(new FirstResponseRecorded(INCIDENT, DUE.plusSeconds(60), Channel.PHONE, "e", DUE,
                FirstResponseStatus.BREACHED), 1);
        assertThat(responded.status()).isEqualTo(FirstResponseStatus.BREACHED);
        assertThat(responded.breachAlertAt()).isEqualTo(DUE.plusMillis(2));
        assertThat(responded.respondedAt()).isEqualTo(DUE.plusSeconds(60));
        assertThat(responded.alertsToSchedule()).isEmpty();
    }

    @Test
    void a_breach_is_reported_only_after_the_deadline_and_a_warning_only_before_it() {
        SlaRow row = opened();
        assertThat(row.mayReportBreach(DUE, DUE)).isFalse();
        assertThat(row.mayReportBreach(DUE, DUE.plusNanos(1000))).isTrue();
        assertThat(row.mayWarn(AT_RISK, AT_RISK)).isTrue();
        assertThat(row.mayWarn(AT_RISK, DUE.plusSeconds(1))).as("the breach says it all").isFalse();
        assertThat(row.mayWarn(AT_RISK.plusSeconds(1), AT_RISK.plusSeconds(1))).as("a moved at-risk instant").isFalse();
    }
}
