package dev.incidentsla.eventstore.signal;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * Tells the processes that read the event store, through PostgreSQL's {@code NOTIFY}, that events worth reading at
 * once have been committed, so that they need not wait for their next poll ({@link CommitSignalListener} hears it).
 * <p>
 * The signal follows the commit, from a thread of its own, and signals coalesce: one {@code NOTIFY} covers every commit
 * that completed before it started. Not inside the appending transaction: PostgreSQL makes a notifying transaction take
 * a database-wide lock as it commits and hold it until its commit is flushed, so deadlines falling due together would
 * flush their commits one after the other instead of together. The {@code NOTIFY}'s own commit need not wait for the
 * disk: the events are already durable, and a signal lost costs only a poll's wait. Only for the events a reader must
 * see at once (the deadline facts that become alerts), and only those appended in a unit of work (as every command and
 * deadline does); everything else is found by the readers' polls.
 */
public final class CommitSignal implements MessageDispatchInterceptor<EventMessage<?>>, AutoCloseable {

    /** The channel: an SQL identifier, in the {@code NOTIFY} and {@code LISTEN} statements as it stands. */
    public static final String CHANNEL = "incident_sla_events_to_read_now";
    private static final System.Logger LOG = System.getLogger(CommitSignal.class.getName());
    private static final String REGISTERED = CommitSignal.class.getName();

    private final Predicate<Object> readAtOnce;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    /** One signal being sent and at most one waiting: a commit finding one waiting is covered by it. */
    private final ThreadPoolExecutor signaller = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(1), runnable -> {
                Thread thread = new Thread(runnable, "commit-signal");
                thread.setDaemon(true);
                return thread;
            }, new ThreadPoolExecutor.DiscardPolicy());

    /**
     * @param readAtOnce   which payloads wake the readers
     * @param jdbc         on the event store's database
     * @param transactions on the same database
     */
    public CommitSignal(Predicate<Object> readAtOnce, JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.readAtOnce = readAtOnce;
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        if (CurrentUnitOfWork.isStarted() && messages.stream().anyMatch(message -> readAtOnce.test(message.getPayload()))) {
            UnitOfWork<?> rootUnitOfWork = CurrentUnitOfWork.get().root();
            if (rootUnitOfWork.resources().putIfAbsent(REGISTERED, Boolean.TRUE) == null) {
                rootUnitOfWork.afterCommit(unitOfWork -> signaller.execute(this::signal));
            }
        }
        return (index, message) -> message;
    }

    private void signal() {
        try {
            transactions.executeWithoutResult(status -> {
                jdbc.execute("SET LOCAL synchronous_commit TO off");
                jdbc.execute("NOTIFY " + CHANNEL);
            });
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not signal a commit; readers find it at their next poll: " + e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        signaller.shutdown();
        signaller.awaitTermination(1, TimeUnit.SECONDS);
    }
}
