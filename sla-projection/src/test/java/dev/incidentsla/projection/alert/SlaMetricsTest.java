package dev.incidentsla.projection.alert;

import dev.incidentsla.api.SlaTimer;
import dev.incidentsla.api.TimerParty;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** Alert metrics never throw, whatever the deadline: they once overflowed on a year-0001 deadline. */
class SlaMetricsTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final SlaMetrics metrics = new SlaMetrics(registry, null, null);

    @Test
    void latency_is_the_acknowledgement_minus_the_deadline_clamped_to_what_a_timer_records() {
        assertThat(SlaMetrics.latency(NOW.minusMillis(30), NOW)).isEqualTo(Duration.ofMillis(30));
        assertThat(SlaMetrics.latency(NOW.plusSeconds(1), NOW)).as("acknowledged before the deadline").isZero();
        assertThat(SlaMetrics.latency(Instant.parse("0001-01-01T00:00:00Z"), NOW)).isEqualTo(SlaMetrics.LONGEST_RECORDABLE);
        assertThat(SlaMetrics.latency(Instant.MIN, Instant.MAX)).isEqualTo(SlaMetrics.LONGEST_RECORDABLE);
        assertThat(SlaMetrics.latency(null, NOW)).isZero();
    }

    @Test
    void a_year_0001_deadline_is_recorded_without_overflow_and_published_counted() {
        assertThatCode(() -> metrics.alertPublished(AlertKind.BREACH, SlaTimer.FIRST_RESPONSE, TimerParty.MICROSOFT,
                Instant.parse("0001-01-01T00:00:00Z"), NOW)).doesNotThrowAnyException();
        metrics.alertPublished(AlertKind.WARNING, SlaTimer.FIRST_RESPONSE, TimerParty.MICROSOFT, NOW.minusMillis(12), NOW);

        Timer breaches = registry.get("sla.alert.latency").tag("kind", "breach").timer();
        assertThat(breaches.count()).isEqualTo(1);
        assertThat(breaches.totalTime(TimeUnit.SECONDS)).isGreaterThan(1e9);
        assertThat(registry.get("sla.alerts.published").tag("kind", "warning").counter().count()).isEqualTo(1);
        String scrape = registry.scrape();
        assertThat(scrape).contains(
                "sla_alerts_published_total{kind=\"breach\",party=\"MICROSOFT\",timer=\"FIRST_RESPONSE\"} 1.0",
                "sla_alert_latency_seconds_bucket{kind=\"warning\",party=\"MICROSOFT\",timer=\"FIRST_RESPONSE\"");
    }

    @Test
    void a_customer_breach_is_counted_apart_from_microsoft_breaches() {
        metrics.alertPublished(AlertKind.BREACH, SlaTimer.CUSTOMER_CHANGE_CONTROL, TimerParty.CUSTOMER, NOW, NOW);
        metrics.alertPublished(AlertKind.BREACH, SlaTimer.ROOT_CAUSE_ANALYSIS, TimerParty.MICROSOFT, NOW, NOW);

        assertThat(registry.get("sla.alerts.published").tags("kind", "breach", "party", "CUSTOMER").counter().count())
                .isEqualTo(1);
        assertThat(registry.get("sla.alerts.published").tags("kind", "breach", "party", "MICROSOFT").counters())
                .extracting(counter -> counter.getId().getTag("timer") + "=" + counter.count())
                .containsExactlyInAnyOrder("FIRST_RESPONSE=0.0", "ROOT_CAUSE_ANALYSIS=1.0");
        assertThat(registry.get("sla.alert.latency").tags("timer", "CUSTOMER_CHANGE_CONTROL", "party", "CUSTOMER").timer()
                .count()).isEqualTo(1);
    }
}
