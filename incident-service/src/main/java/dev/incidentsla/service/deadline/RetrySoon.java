package dev.incidentsla.service.deadline;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;

import java.time.Duration;

/**
 * A deadline that failed to fire is tried again soon, the wait doubling from {@code first} up to {@code longest}:
 * a deadline that lost a race with a command should look again at once, and one that keeps failing must still be
 * tried (and show in health) every few seconds rather than drift hours away.
 */
final class RetrySoon<T> implements FailureHandler<T> {

    private final Duration first;
    private final Duration longest;

    RetrySoon(Duration first, Duration longest) {
        this.first = first;
        this.longest = longest;
    }

    @Override
    public void onFailure(ExecutionComplete executionComplete, ExecutionOperations<T> executionOperations) {
        int failures = Math.min(executionComplete.getExecution().consecutiveFailures, 30);
        Duration wait = first.multipliedBy(1L << Math.min(failures, 20));
        executionOperations.reschedule(executionComplete,
                executionComplete.getTimeDone().plus(wait.compareTo(longest) > 0 ? longest : wait));
    }
}
