package dev.incidentsla.contract;

import dev.incidentsla.api.Channel;
import dev.incidentsla.api.Severity;
import dev.incidentsla.api.contract.ContractId;
import dev.incidentsla.api.contract.ContractRegistered;
import dev.incidentsla.api.contract.ProgramEntitlement;
import dev.incidentsla.api.contract.SupportLocation;
import dev.incidentsla.api.incident.IncidentId;
import dev.incidentsla.api.incident.OpenIncident;
import dev.incidentsla.api.incident.RecordMitigation;
import dev.incidentsla.service.EventHistory;
import dev.incidentsla.service.LastSequences;
import dev.incidentsla.service.NotFoundException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** A group's opens: their contracts looked at in one query, which the directory then takes as its looks. */
class ContractLookAheadTest {

    private static final Instant REGISTERED = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant SUBMITTED = Instant.parse("2026-11-20T10:00:00Z");
    private static final ContractId CONTOSO = new ContractId("contoso");
    private static final ContractId FABRIKAM = new ContractId("fabrikam");
    private static final ContractId NOWHERE = new ContractId("nowhere");

    private final EventStore store = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine())
            .build();
    private final EventHistory history = spy(new EventHistory(store));
    private final ContractDirectory directory = new ContractDirectory(history);
    private final LastSequences lastSequences = mock(LastSequences.class);
    private final ContractLookAhead lookAhead = new ContractLookAhead(lastSequences, directory);

    @Test
    void the_contracts_of_a_group_s_opens_are_looked_at_once_and_the_directory_asks_the_store_no_more() {
        register(CONTOSO);
        register(FABRIKAM);
        directory.versions(CONTOSO);
        directory.versions(FABRIKAM);
        clearInvocations(history);
        when(lastSequences.of(any())).thenReturn(Map.of(CONTOSO, 0L, FABRIKAM, 0L));

        DefaultUnitOfWork.startAndGet(null).execute(() -> {
            lookAhead.readAhead(List.of(open("INC-1", CONTOSO), open("INC-2", FABRIKAM), open("INC-3", CONTOSO),
                    command(new RecordMitigation(new IncidentId("INC-4"), SUBMITTED))));
            for (ContractId contract : List.of(CONTOSO, FABRIKAM, CONTOSO)) {
                assertThat(directory.inForceAt(contract, SUBMITTED).version()).isEqualTo(1);
            }
        });

        verify(lastSequences, times(1)).of(List.of(CONTOSO, FABRIKAM));
        verify(history, never()).lastSequence(any());
        verify(history, never()).of(any());
    }

    @Test
    void a_contract_without_events_gets_no_look_its_open_asks_the_store_and_is_refused_as_alone() {
        when(lastSequences.of(any())).thenReturn(Map.of());

        DefaultUnitOfWork.startAndGet(null).execute(() -> {
            lookAhead.readAhead(List.of(open("INC-1", NOWHERE)));
            assertThatThrownBy(() -> directory.inForceAt(NOWHERE, SUBMITTED)).isInstanceOf(NotFoundException.class)
                    .hasMessageContaining("no contract 'nowhere'");
        });

        verify(history, times(1)).lastSequence(NOWHERE);
    }

    @Test
    void a_group_without_opens_reads_nothing() {
        DefaultUnitOfWork.startAndGet(null).execute(() ->
                lookAhead.readAhead(List.of(command(new RecordMitigation(new IncidentId("INC-4"), SUBMITTED)))));

        verify(lastSequences, never()).of(any());
    }

    private static CommandMessage<?> open(String incident, ContractId contract) {
        return command(new OpenIncident(new IncidentId(incident), contract, Severity.B, "azure-virtual-machines",
                Channel.WEB, false, SUBMITTED, null, "title", null));
    }

    private static CommandMessage<?> command(Object payload) {
        return GenericCommandMessage.asCommandMessage(payload);
    }

    private void register(ContractId contract) {
        ContractRegistered registered = new ContractRegistered(contract, 1, contract.value(),
                SupportLocation.of("Asia/Jakarta", "ID"), List.of(ProgramEntitlement.of("UER")), REGISTERED);
        store.publish(new GenericDomainEventMessage<>("Contract", contract.toString(), 0L, registered));
    }
}
