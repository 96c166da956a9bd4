package dev.incidentsla.incident;

import dev.incidentsla.api.contract.ContractEvent;
import dev.incidentsla.api.contract.ContractId;
import dev.incidentsla.api.contract.ContractRegistered;
import dev.incidentsla.api.contract.ProgramEntitlement;
import dev.incidentsla.api.contract.SupportLocation;
import dev.incidentsla.contract.ContractDirectory;
import dev.incidentsla.service.EventHistory;
import dev.incidentsla.sla.data.HolidayLibrary;
import dev.incidentsla.sla.data.PolicyFiles;
import dev.incidentsla.sla.engine.LocationCalendars;
import dev.incidentsla.sla.engine.SlaEngine;
import dev.incidentsla.sla.policy.SlaPolicy;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;

import java.time.Instant;
import java.util.List;

/** Contracts in an in-memory event store, and the real engine, for aggregate fixtures. */
final class InMemoryContracts {

    static final SlaEngine ENGINE = engine();

    private final EventStore store = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
    private final ContractDirectory directory = new ContractDirectory(new EventHistory(store));

    private static SlaEngine engine() {
        SlaPolicy policy = PolicyFiles.bundled();
        return new SlaEngine(policy, new LocationCalendars(policy.locationDefaults(), HolidayLibrary.bundled()));
    }

    InMemoryContracts with(ContractEvent... versions) {
        for (ContractEvent version : versions) {
            store.publish(new GenericDomainEventMessage<>("Contract", version.contractId().toString(), version.version() - 1L, version));
        }
        return this;
    }

    static ContractRegistered jakartaContract(String contractId, Instant registeredAt, ProgramEntitlement... programs) {
        return new ContractRegistered(new ContractId(contractId), 1, "Contoso", SupportLocation.of("Asia/Jakarta", "ID"),
                List.of(programs), registeredAt);
    }

    ContractDirectory directory() {
        return directory;
    }

    SlaDecisions decisions() {
        return new SlaDecisions(ENGINE, directory, new SimpleMeterRegistry());
    }
}
