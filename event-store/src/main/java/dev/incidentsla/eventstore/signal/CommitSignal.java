package dev.incidentsla.eventstore.signal;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * Tells the processes that read the event store, through PostgreSQL's {@code NOTIFY}, that events worth reading at
 * once have been committed, so that they need not wait for their next poll. The {@code NOTIFY} is part of the
 * appending transaction: PostgreSQL delivers it when, and only if, that transaction commits, so a reader woken by it
 * always finds the events.
 * <p>
 * Only for the events a reader must see at once (the deadline facts that become alerts): a transaction that notifies
 * holds a database-wide lock from its {@code NOTIFY} until its commit is done, so every notifying commit waits for the
 * one before it. Everything else is found by the readers' polls.
 */
public final class CommitSignal implements MessageDispatchInterceptor<EventMessage<?>> {

    /** The channel: an SQL identifier, in the {@code NOTIFY} and {@code LISTEN} statements as it stands. */
    public static final String CHANNEL = "incident_sla_events_to_read_now";
    private static final String NOTIFY = "NOTIFY " + CHANNEL;
    private static final String REGISTERED = CommitSignal.class.getName();

    private final Predicate<Object> readAtOnce;
    private final JdbcTemplate jdbc;

    /**
     * @param readAtOnce which payloads wake the readers
     * @param jdbc       on the data source whose Spring transaction the unit of work appends in, so that the
     *                   {@code NOTIFY} joins it
     */
    public CommitSignal(Predicate<Object> readAtOnce, JdbcTemplate jdbc) {
        this.readAtOnce = readAtOnce;
        this.jdbc = jdbc;
    }

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        if (CurrentUnitOfWork.isStarted() && messages.stream().anyMatch(message -> readAtOnce.test(message.getPayload()))) {
            UnitOfWork<?> transaction = CurrentUnitOfWork.get().root();
            if (transaction.resources().putIfAbsent(REGISTERED, Boolean.TRUE) == null) {
                transaction.onPrepareCommit(unitOfWork -> jdbc.execute(NOTIFY));
            }
        }
        return (index, message) -> message;
    }
}
