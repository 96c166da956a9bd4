package dev.incidentsla.contract;

import dev.incidentsla.api.contract.ContractAmended;
import dev.incidentsla.api.contract.ContractEvent;
import dev.incidentsla.api.contract.ContractId;
import dev.incidentsla.api.contract.ContractRegistered;
import dev.incidentsla.api.contract.ProgramEntitlement;
import dev.incidentsla.api.contract.SupportLocation;
import dev.incidentsla.service.EventHistory;
import dev.incidentsla.service.NotFoundException;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

/**
 * Contracts as every command reads them: versions kept, and the store asked only when what is kept may be stale, once per
 * transaction.
 */
class ContractDirectoryTest {

    private static final ContractId CONTOSO = new ContractId("contoso");
    private static final SupportLocation JAKARTA = SupportLocation.of("Asia/Jakarta", "ID");
    private static final Instant REGISTERED = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant AMENDED = Instant.parse("2026-11-20T00:00:00Z");

    private final EventStore store = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
    private final EventHistory history = spy(new EventHistory(store));
    private final ContractDirectory directory = new ContractDirectory(history);

    @Test
    void a_version_kept_is_answered_by_its_number_without_asking_the_store() {
        append(registration());
        assertThat(directory.version(CONTOSO, 1).version()).isEqualTo(1);
        clearInvocations(history);

        assertThat(directory.version(CONTOSO, 1).version()).isEqualTo(1);

        verify(history, never()).lastSequence(any());
        verify(history, never()).of(any());
    }

    @Test
    void a_version_registered_after_the_directory_kept_the_contract_is_read_when_asked_for_by_its_number() {
        append(registration());
        directory.version(CONTOSO, 1);
        append(amendment());

        assertThat(directory.version(CONTOSO, 2).programs()).extracting(ProgramEntitlement::program)
                .containsExactly("UER", "AZURE_RAPID_RESPONSE");
        verify(history, times(2)).of(CONTOSO);
    }

    @Test
    void the_version_in_force_asks_the_store_every_time_so_that_a_version_registered_since_is_never_missed() {
        append(registration());
        assertThat(directory.inForceAt(CONTOSO, AMENDED.plusSeconds(60)).version()).isEqualTo(1);
        append(amendment());

        assertThat(directory.inForceAt(CONTOSO, AMENDED.plusSeconds(60)).version()).isEqualTo(2);
        verify(history, times(2)).lastSequence(CONTOSO);
    }

    @Test
    void the_commands_of_one_transaction_ask_the_store_once_and_the_next_transaction_asks_again() {
        append(registration());
        UnitOfWork<?> group = DefaultUnitOfWork.startAndGet(null);
        try {
            for (int command = 0; command < 3; command++) {
                UnitOfWork<?> nested = DefaultUnitOfWork.startAndGet(null);
                assertThat(directory.inForceAt(CONTOSO, AMENDED.plusSeconds(60)).version()).isEqualTo(1);
                nested.commit();
            }
        } finally {
            group.commit();
        }
        verify(history, times(1)).lastSequence(CONTOSO);
        append(amendment());

        DefaultUnitOfWork.startAndGet(null).execute(() ->
                assertThat(directory.inForceAt(CONTOSO, AMENDED.plusSeconds(60)).version()).isEqualTo(2));
        verify(history, times(2)).lastSequence(CONTOSO);
    }

    @Test
    void a_look_read_ahead_for_the_transaction_is_its_look_the_store_is_not_asked_again() {
        append(registration());
        directory.versions(CONTOSO);
        append(amendment());
        clearInvocations(history);

        DefaultUnitOfWork.startAndGet(null).execute(() -> {
            directory.lookedAhead(CONTOSO, 0);
            assertThat(directory.inForceAt(CONTOSO, AMENDED.plusSeconds(60)).version())
                    .as("the version kept, as the look read ahead found the contract").isEqualTo(1);
        });
        verify(history, never()).lastSequence(any());
        verify(history, never()).of(any());

        DefaultUnitOfWork.startAndGet(null).execute(() -> {
            directory.lookedAhead(CONTOSO, 1);
            assertThat(directory.inForceAt(CONTOSO, AMENDED.plusSeconds(60)).version())
                    .as("a look that finds more versions than kept reads them").isEqualTo(2);
        });
        verify(history, never()).lastSequence(any());
        verify(history, times(1)).of(CONTOSO);
    }

    @Test
    void a_look_the_transaction_already_took_stands_against_one_read_ahead_later() {
        append(registration());
        DefaultUnitOfWork.startAndGet(null).execute(() -> {
            assertThat(directory.inForceAt(CONTOSO, AMENDED.plusSeconds(60)).version()).isEqualTo(1);
            directory.lookedAhead(CONTOSO, 5);
            assertThat(directory.inForceAt(CONTOSO, AMENDED.plusSeconds(60)).version()).isEqualTo(1);
        });
        verify(history, times(1)).lastSequence(CONTOSO);
        verify(history, times(1)).of(CONTOSO);
    }

    @Test
    void a_version_the_contract_never_had_is_not_found() {
        append(registration());

        assertThatThrownBy(() -> directory.version(CONTOSO, 3)).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("has no version 3");
        assertThatThrownBy(() -> directory.version(new ContractId("fabrikam"), 1)).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("no contract 'fabrikam'");
    }

    private static ContractRegistered registration() {
        return new ContractRegistered(CONTOSO, 1, "Contoso", JAKARTA, List.of(ProgramEntitlement.of("UER")), REGISTERED);
    }

    private static ContractAmended amendment() {
        return new ContractAmended(CONTOSO, 2, "Contoso", JAKARTA,
                List.of(ProgramEntitlement.of("UER"), ProgramEntitlement.of("AZURE_RAPID_RESPONSE")), AMENDED, null);
    }

    private void append(ContractEvent version) {
        store.publish(new GenericDomainEventMessage<>("Contract", version.contractId().toString(), version.version() - 1L,
                version));
    }
}
