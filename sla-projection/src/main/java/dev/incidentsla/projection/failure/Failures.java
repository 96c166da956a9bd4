package dev.incidentsla.projection.failure;

import org.apache.kafka.common.errors.InterruptException;
import org.axonframework.common.AxonTransientException;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;

import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/**
 * Which handler failures are about the surroundings (retrying the segment from its token will work once Kafka or
 * the database is back) and which are about the event itself (retrying would block every event behind it forever).
 */
public final class Failures {

    private Failures() {
    }

    /**
     * Kafka not acknowledging (an Axon transient failure), and any database failure: Spring classes a lost connection as non-transient, yet the
     * read model must not skip an event because the database was away. A row the database rejects for good blocks its
     * segment too; PostgreSQL aborts the whole batch transaction on an error, so it could not be skipped alone anyway.
     * An interrupted handler (the node stopping: Axon interrupts its processors' threads, and reports the handler it
     * interrupted with an {@link InterruptedException}) is about the node, not the event: skipping it would lose its
     * alert, which the node that takes the segment over sends instead.
     */
    public static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof DataAccessException
                    || cause instanceof TransactionException || cause instanceof AxonTransientException
                    || cause instanceof SQLTransientException || cause instanceof SQLRecoverableException
                    || cause instanceof InterruptedException || cause instanceof InterruptException) {
                return true;
            }
        }
        return false;
    }
}
