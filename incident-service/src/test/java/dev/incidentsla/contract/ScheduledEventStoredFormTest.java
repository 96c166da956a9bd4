package dev.incidentsla.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentsla.api.contract.ContractRegistered;
import dev.incidentsla.api.contract.ProgramEntitlement;
import dev.incidentsla.api.contract.ScheduledEvent;
import dev.incidentsla.eventstore.EventStoreConfiguration;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scheduled event's {@code approved} is optional in requests, but its stored form (inside contract events, through
 * Axon's Jackson 2 mapper) stays what it was: always a boolean, so stored events read back as before and need no new
 * revision.
 */
class ScheduledEventStoredFormTest {

    private static final ObjectMapper STORED = EventStoreConfiguration.messageObjectMapper();

    /** A contract version as stored before {@code approved} became optional. */
    private static final String STORED_BEFORE = """
            {"contractId":"contoso","version":1,"customerName":"Contoso",
             "supportLocation":{"timeZone":"Asia/Jakarta","country":"ID","subdivision":null,"weekendDays":null,
               "businessHours":null,"extraHolidays":null,"removedHolidays":null,"extraWorkingDays":null},
             "programs":[{"program":"AZURE_EVENT_MCS","effectiveFrom":null,"events":[
               {"eventId":"launch-2026","start":"2026-11-27","end":"2026-12-01","confirmedOn":"2026-10-01","approved":true},
               {"eventId":"sale-2026","start":"2026-12-10","end":"2026-12-14","confirmedOn":null,"approved":false}]}],
             "registeredAt":"2026-01-01T00:00:00Z"}""";

    @Test
    void an_absent_approval_is_stored_as_false() throws Exception {
        JsonNode stored = STORED.valueToTree(new ScheduledEvent("launch-2026", LocalDate.parse("2026-11-27"),
                LocalDate.parse("2026-12-01"), null, null));
        assertThat(stored.get("approved").isBoolean()).isTrue();
        assertThat(stored.get("approved").booleanValue()).isFalse();
    }

    @Test
    void contract_versions_stored_before_read_back_unchanged_and_store_the_same_form() throws Exception {
        ContractRegistered read = STORED.readValue(STORED_BEFORE, ContractRegistered.class);
        ProgramEntitlement eventMcs = read.programs().get(0);
        assertThat(eventMcs.events()).extracting(ScheduledEvent::approved).containsExactly(true, false);
        JsonNode storedAgain = STORED.valueToTree(read);
        assertThat(storedAgain).isEqualTo(STORED.readTree(STORED_BEFORE));
    }
}
