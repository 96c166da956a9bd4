package dev.incidentsla.incident;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentsla.api.FirstResponseStatus;
import dev.incidentsla.api.RegradeEffect;
import dev.incidentsla.api.RegradeReasonCode;
import dev.incidentsla.api.Severity;
import dev.incidentsla.api.SlaClock;
import dev.incidentsla.api.SlaDecision;
import dev.incidentsla.api.incident.IncidentId;
import dev.incidentsla.api.incident.IncidentRegraded;
import dev.incidentsla.eventstore.EventStoreConfiguration;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code reasonCode} came with revision 2 of {@link IncidentRegraded}: re-grades stored at revision 1, before it existed,
 * read back through Axon's Jackson 2 mapper with no code and every other field as stored.
 */
class RegradeStoredFormTest {

    private static final ObjectMapper STORED = EventStoreConfiguration.messageObjectMapper();
    private static final Instant AT = Instant.parse("2026-11-20T10:10:00Z");

    private static IncidentRegraded regraded(RegradeReasonCode reasonCode) {
        SlaDecision decision = new SlaDecision("UNIFIED", "unified.sev-a", Duration.ofHours(1), SlaClock.ROUND_THE_CLOCK, AT,
                AT.plus(Duration.ofHours(1)), AT.plus(Duration.ofMinutes(45)), "2026-11", 1, false, "explained");
        return new IncidentRegraded(new IncidentId("INC-0001"), Severity.B, false, Severity.A, false, "worse", reasonCode, AT,
                RegradeEffect.UPGRADE_RECOMPUTED, decision, FirstResponseStatus.PENDING);
    }

    @Test
    void a_regrade_stored_before_reason_codes_reads_back_with_none_and_everything_else() throws Exception {
        ObjectNode storedBefore = STORED.valueToTree(regraded(null));
        storedBefore.remove("reasonCode");
        assertThat(storedBefore.has("reason")).isTrue();

        IncidentRegraded read = STORED.treeToValue(storedBefore, IncidentRegraded.class);
        assertThat(read).isEqualTo(regraded(null));
        assertThat(read.reasonCode()).isNull();
    }

    @Test
    void a_regrade_stores_its_code_by_name_and_reads_it_back() throws Exception {
        String stored = STORED.writeValueAsString(regraded(RegradeReasonCode.CUSTOMER_CANNOT_SUSTAIN_24X7));
        assertThat(STORED.readTree(stored).get("reasonCode").asText()).isEqualTo("CUSTOMER_CANNOT_SUSTAIN_24X7");
        assertThat(STORED.readValue(stored, IncidentRegraded.class).reasonCode())
                .isEqualTo(RegradeReasonCode.CUSTOMER_CANNOT_SUSTAIN_24X7);
    }
}
