package dev.incidentsla.service.deadline;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.SchedulableInstance;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import org.axonframework.common.IdentifierFactory;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.deadline.GenericDeadlineMessage;
import org.axonframework.deadline.dbscheduler.DbSchedulerBinaryDeadlineDetails;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Axon's db-scheduler deadline manager, the rows a transaction schedules written together. Axon writes each deadline
 * with db-scheduler's {@code schedule}, an existence {@code SELECT} and an {@code INSERT} of its own, though a
 * deadline's id is a fresh one that the {@code SELECT} never finds. Here the deadlines of a root unit of work (a lone
 * command, a command group, a deadline's handling) are inserted in one batch when it prepares to commit, in the same
 * transaction as its events, as before. A deadline scheduled by a nested unit of work joins the batch only once that
 * unit of work commits, so a command refused inside a group leaves no row.
 * <p>
 * The rows are Axon's own (the same task, details and id), so Axon's task fires them as before. The dispatch
 * interceptors run when the deadline is scheduled rather than as its unit of work commits: the one here reads the unit
 * of work's correlation data, the same at both moments.
 * <p>
 * Cancelling is refused: a row staged by the transaction is not in the table yet, where Axon's cancellations look for
 * it. Nothing here cancels a deadline (a deadline that no longer applies finds nothing to record when it comes); one
 * that needs to must first take it out of the staged rows.
 */
class BatchedDeadlineManager extends DbSchedulerDeadlineManager {

    private static final TaskDescriptor<DbSchedulerBinaryDeadlineDetails> AXON_DEADLINE =
            TaskDescriptor.of(DeadlineConfiguration.AXON_DEADLINE_TASK, DbSchedulerBinaryDeadlineDetails.class);
    private static final String ROWS = BatchedDeadlineManager.class.getName() + ".rows";

    private final Scheduler scheduler;
    private final Serializer serializer;

    BatchedDeadlineManager(Builder builder, Scheduler scheduler, Serializer serializer) {
        super(builder.scheduler(scheduler).serializer(serializer));
        this.scheduler = scheduler;
        this.serializer = serializer;
    }

    @Override
    public String schedule(Instant triggerDateTime, String deadlineName, Object messageOrPayload,
                           ScopeDescriptor deadlineScope) {
        String id = IdentifierFactory.getInstance().generateIdentifier();
        DeadlineMessage<Object> deadline = processDispatchInterceptors(
                GenericDeadlineMessage.asDeadlineMessage(deadlineName, messageOrPayload, triggerDateTime));
        SchedulableInstance<?> row = AXON_DEADLINE.instance(id).data(details(deadlineName, deadlineScope, deadline))
                .scheduledTo(triggerDateTime);
        if (CurrentUnitOfWork.isStarted()) {
            stage(CurrentUnitOfWork.get(), row);
        } else {
            scheduler.scheduleBatch(List.of(row));
        }
        return id;
    }

    @Override
    public void cancelSchedule(String deadlineName, String scheduleId) {
        throw cancellingRefused();
    }

    @Override
    public void cancelAll(String deadlineName) {
        throw cancellingRefused();
    }

    @Override
    public void cancelAllWithinScope(String deadlineName, ScopeDescriptor scope) {
        throw cancellingRefused();
    }

    private static UnsupportedOperationException cancellingRefused() {
        return new UnsupportedOperationException("deadlines are not cancelled here: the rows a transaction schedules are "
                + "staged until it commits, where a cancellation would not find them");
    }

    /**
     * A nested unit of work hands its row to its parent when it commits (a rollback drops it); the root keeps its rows
     * for one batch as it prepares to commit. One preparing to commit writes the row at once, as Axon's manager runs
     * it then; a later phase is refused, as Axon's manager refuses it.
     */
    private void stage(UnitOfWork<?> unitOfWork, SchedulableInstance<?> row) {
        if (unitOfWork.phase() == UnitOfWork.Phase.PREPARE_COMMIT) {
            scheduler.scheduleBatch(List.of(row));
            return;
        }
        if (unitOfWork.phase() != UnitOfWork.Phase.STARTED) {
            throw new IllegalStateException("a deadline scheduled in phase " + unitOfWork.phase() + " of a unit of work, "
                    + "after its transaction's rows were written");
        }
        Optional<UnitOfWork<?>> parent = unitOfWork.parent();
        if (parent.isPresent()) {
            unitOfWork.onPrepareCommit(committing -> stage(parent.get(), row));
            return;
        }
        unitOfWork.<List<SchedulableInstance<?>>>getOrComputeResource(ROWS, key -> {
            List<SchedulableInstance<?>> rows = new ArrayList<>();
            unitOfWork.onPrepareCommit(committing -> scheduler.scheduleBatch(rows));
            return rows;
        }).add(row);
    }

    /** What Axon's binary details hold: the deadline's name, and its scope, payload and metadata serialized. */
    private DbSchedulerBinaryDeadlineDetails details(String deadlineName, ScopeDescriptor scope, DeadlineMessage<?> deadline) {
        SerializedObject<byte[]> serializedScope = serializer.serialize(scope, byte[].class);
        SerializedObject<byte[]> payload = serializer.serialize(deadline.getPayload(), byte[].class);
        SerializedObject<byte[]> metaData = serializer.serialize(deadline.getMetaData(), byte[].class);
        return new DbSchedulerBinaryDeadlineDetails(deadlineName, serializedScope.getData(),
                serializedScope.getType().getName(), payload.getData(), payload.getType().getName(),
                payload.getType().getRevision(), metaData.getData());
    }
}
