package dev.incidentsla.service;

import dev.incidentsla.api.incident.IncidentId;
import dev.incidentsla.api.incident.IncidentOpened;
import org.springframework.stereotype.Component;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which contract an incident belongs to, for limiting a token to its contracts. An incident never changes contract,
 * so what was read once stays true; the most recently used are kept, the rest read again from the first event.
 * Blocking.
 */
@Component
public class IncidentContracts {

    private static final int REMEMBERED = 100_000;

    private final EventHistory history;
    private final Map<String, String> contractByIncident = Collections.synchronizedMap(
            new LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                    return size() > REMEMBERED;
                }
            });

    public IncidentContracts(EventHistory history) {
        this.history = history;
    }

    /** The incident's contract id, or empty for an incident that does not exist. */
    public Optional<String> contractOf(IncidentId incidentId) {
        String known = contractByIncident.get(incidentId.value());
        if (known != null) {
            return Optional.of(known);
        }
        Optional<String> contract = history.first(incidentId)
                .map(event -> event.getPayload() instanceof IncidentOpened opened ? opened.contractId().value() : null);
        contract.ifPresent(contractId -> contractByIncident.put(incidentId.value(), contractId));
        return contract;
    }

    void remember(IncidentOpened opened) {
        contractByIncident.put(opened.incidentId().value(), opened.contractId().value());
    }
}
