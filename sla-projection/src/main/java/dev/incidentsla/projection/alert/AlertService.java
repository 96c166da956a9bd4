package dev.incidentsla.projection.alert;

import dev.incidentsla.projection.AfterCommit;
import dev.incidentsla.projection.readmodel.SlaReadModel;
import dev.incidentsla.projection.readmodel.SlaRow;
import dev.incidentsla.projection.schedule.AlertKind;
import dev.incidentsla.projection.schedule.DeadlineSchedule;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Produces an alert that fell due: in one transaction, the read-model row records it and the outbox
 * receives it. The row decides; a met, cancelled, moved or already alerted deadline produces nothing.
 */
@Service
public class AlertService {

    private final SlaReadModel readModel;
    private final AlertOutbox outbox;
    private final CloudEvents cloudEvents;
    private final OutboxRelay relay;
    private final SlaMetrics metrics;

    public AlertService(SlaReadModel readModel, AlertOutbox outbox, CloudEvents cloudEvents, OutboxRelay relay, SlaMetrics metrics) {
        this.readModel = readModel;
        this.outbox = outbox;
        this.cloudEvents = cloudEvents;
        this.relay = relay;
        this.metrics = metrics;
    }

    /** Returns the alert produced, if any. */
    @Transactional
    public Optional<AlertOutbox.Alert> fire(DeadlineSchedule.Entry entry, Instant detectedAt) {
        Instant now = detectedAt.truncatedTo(ChronoUnit.MICROS);
        Optional<SlaRow> locked = readModel.lock(entry.incidentId());
        if (locked.isEmpty()) {
            return Optional.empty();
        }
        SlaRow row = locked.get();
        boolean due = entry.kind() == AlertKind.BREACH ? row.mayReportBreach(entry.deadline(), now) : row.mayWarn(entry.deadline(), now);
        if (!due) {
            return Optional.empty();
        }
        AlertOutbox.Alert alert = cloudEvents.alert(entry.kind(), row, now);
        Instant producedAt = outbox.add(alert);
        readModel.save(entry.kind() == AlertKind.BREACH ? row.breached(producedAt) : row.warned(producedAt));
        boolean fresh = producedAt.equals(alert.createdAt());
        AfterCommit.run(() -> {
            if (fresh) {
                metrics.alertProduced(entry.kind());
            }
            relay.wake();
        });
        return Optional.of(alert);
    }
}
