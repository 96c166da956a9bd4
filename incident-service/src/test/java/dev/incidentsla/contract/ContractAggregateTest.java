package dev.incidentsla.contract;

import dev.incidentsla.api.contract.ContractAmended;
import dev.incidentsla.api.contract.ContractId;
import dev.incidentsla.api.contract.ContractRegistered;
import dev.incidentsla.api.contract.ProgramEntitlement;
import dev.incidentsla.api.contract.RegisterContract;
import dev.incidentsla.api.contract.SupportLocation;
import dev.incidentsla.sla.data.HolidayLibrary;
import dev.incidentsla.sla.data.PolicyFiles;
import dev.incidentsla.sla.engine.InvalidContractException;
import dev.incidentsla.sla.engine.LocationCalendars;
import dev.incidentsla.sla.engine.SlaEngine;
import dev.incidentsla.sla.policy.SlaPolicy;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

/** Every command path of the contract aggregate. */
class ContractAggregateTest {

    private static final ContractId CONTOSO = new ContractId("contoso");
    private static final SupportLocation JAKARTA = SupportLocation.of("Asia/Jakarta", "ID");
    private static final List<ProgramEntitlement> UER = List.of(ProgramEntitlement.of("UER"));
    private static final Instant FIRST = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant SECOND = Instant.parse("2026-06-01T00:00:00Z");

    private FixtureConfiguration<Contract> fixture;

    @BeforeEach
    void setUp() {
        SlaPolicy policy = PolicyFiles.bundled();
        fixture = new AggregateTestFixture<>(Contract.class);
        fixture.registerInjectableResource(new SlaEngine(policy, new LocationCalendars(policy.locationDefaults(), HolidayLibrary.bundled())));
    }

    @Test
    void registering_a_new_contract_records_version_1() {
        fixture.givenNoPriorActivity()
                .when(new RegisterContract(CONTOSO, "Contoso", JAKARTA, UER, FIRST))
                .expectResultMessagePayload(1)
                .expectEvents(new ContractRegistered(CONTOSO, 1, "Contoso", JAKARTA, UER, FIRST));
    }

    @Test
    void changed_terms_record_the_next_version() {
        List<ProgramEntitlement> more = List.of(ProgramEntitlement.of("UER"), ProgramEntitlement.of("SECURITY_CLOUD_MCS"));
        fixture.given(new ContractRegistered(CONTOSO, 1, "Contoso", JAKARTA, UER, FIRST))
                .when(new RegisterContract(CONTOSO, "Contoso", JAKARTA, more, SECOND))
                .expectResultMessagePayload(2)
                .expectEvents(new ContractAmended(CONTOSO, 2, "Contoso", JAKARTA, more, SECOND));
    }

    @Test
    void an_amendment_dated_before_the_version_it_amends_starts_with_it_instead() {
        List<ProgramEntitlement> more = List.of(ProgramEntitlement.of("UER"), ProgramEntitlement.of("SECURITY_CLOUD_MCS"));
        fixture.given(new ContractRegistered(CONTOSO, 1, "Contoso", JAKARTA, UER, SECOND))
                .when(new RegisterContract(CONTOSO, "Contoso", JAKARTA, more, FIRST))
                .expectResultMessagePayload(2)
                .expectEvents(new ContractAmended(CONTOSO, 2, "Contoso", JAKARTA, more, SECOND));
    }

    @Test
    void the_same_terms_again_record_nothing() {
        fixture.given(new ContractRegistered(CONTOSO, 1, "Contoso", JAKARTA, UER, FIRST))
                .when(new RegisterContract(CONTOSO, "Contoso", JAKARTA, UER, SECOND))
                .expectResultMessagePayload(1)
                .expectNoEvents();
    }

    @Test
    void an_unknown_time_zone_is_refused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterContract(CONTOSO, "Contoso", SupportLocation.of("Mars/Olympus", "ID"), UER, FIRST))
                .expectException(InvalidContractException.class)
                .expectNoEvents();
    }

    @Test
    void an_unknown_program_is_refused_on_amendment_too() {
        fixture.given(new ContractRegistered(CONTOSO, 1, "Contoso", JAKARTA, UER, FIRST))
                .when(new RegisterContract(CONTOSO, "Contoso", JAKARTA, List.of(ProgramEntitlement.of("PREMIER")), SECOND))
                .expectException(InvalidContractException.class)
                .expectNoEvents();
    }

    // ---- several support locations ----

    private static final SupportLocation SINGAPORE = SupportLocation.of("Asia/Singapore", "SG").withId("singapore");
    private static final SupportLocation DOWNSTREAM_JAKARTA = JAKARTA.withId("jakarta");
    private static final List<SupportLocation> HOST_AND_DOWNSTREAM = List.of(SINGAPORE, DOWNSTREAM_JAKARTA);

    @Test
    void a_contract_with_several_locations_records_them_with_its_primary() {
        fixture.givenNoPriorActivity()
                .when(new RegisterContract(CONTOSO, "Contoso", SINGAPORE, UER, FIRST, HOST_AND_DOWNSTREAM))
                .expectResultMessagePayload(1)
                .expectEvents(new ContractRegistered(CONTOSO, 1, "Contoso", SINGAPORE, UER, FIRST, HOST_AND_DOWNSTREAM));
    }

    @Test
    void locations_given_without_a_primary_make_the_first_the_primary() {
        fixture.givenNoPriorActivity()
                .when(new RegisterContract(CONTOSO, "Contoso", null, UER, FIRST, HOST_AND_DOWNSTREAM))
                .expectEvents(new ContractRegistered(CONTOSO, 1, "Contoso", SINGAPORE, UER, FIRST, HOST_AND_DOWNSTREAM));
    }

    @Test
    void the_same_locations_again_record_nothing() {
        fixture.given(new ContractRegistered(CONTOSO, 1, "Contoso", SINGAPORE, UER, FIRST, HOST_AND_DOWNSTREAM))
                .when(new RegisterContract(CONTOSO, "Contoso", null, UER, SECOND, HOST_AND_DOWNSTREAM))
                .expectResultMessagePayload(1)
                .expectNoEvents();
    }

    @Test
    void a_contract_stored_with_one_location_read_back_with_its_id_and_list_is_the_same_terms() {
        SupportLocation namedPrimary = JAKARTA.withId("primary");
        fixture.given(new ContractRegistered(CONTOSO, 1, "Contoso", JAKARTA, UER, FIRST))
                .when(new RegisterContract(CONTOSO, "Contoso", namedPrimary, UER, SECOND, List.of(namedPrimary)))
                .expectResultMessagePayload(1)
                .expectNoEvents();
    }

    @Test
    void adding_a_downstream_location_is_a_new_version() {
        fixture.given(new ContractRegistered(CONTOSO, 1, "Contoso", JAKARTA, UER, FIRST))
                .when(new RegisterContract(CONTOSO, "Contoso", SINGAPORE, UER, SECOND, HOST_AND_DOWNSTREAM))
                .expectResultMessagePayload(2)
                .expectEvents(new ContractAmended(CONTOSO, 2, "Contoso", SINGAPORE, UER, SECOND, HOST_AND_DOWNSTREAM));
    }

    @Test
    void a_location_id_listed_twice_is_refused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterContract(CONTOSO, "Contoso", SINGAPORE, UER, FIRST,
                        List.of(SINGAPORE, DOWNSTREAM_JAKARTA.withId("singapore"))))
                .expectException(InvalidContractException.class)
                .expectExceptionMessage("support location id 'singapore' is listed twice")
                .expectNoEvents();
    }

    @Test
    void a_contract_without_any_location_is_refused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterContract(CONTOSO, "Contoso", null, UER, FIRST, List.of()))
                .expectException(InvalidContractException.class)
                .expectExceptionMessage("supportLocation is required")
                .expectNoEvents();
    }

    @Test
    void a_contract_without_customer_name_is_refused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterContract(CONTOSO, " ", JAKARTA, UER, FIRST))
                .expectException(InvalidContractException.class)
                .expectNoEvents();
    }
}
