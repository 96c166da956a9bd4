package dev.incidentsla.service;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.springframework.stereotype.Component;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Commits the commands that arrive while others are being handled together: one unit of work and one transaction
 * for a group, their events appended in one batch, instead of a transaction, a commit and an append each. Most of what
 * PostgreSQL and the JDBC driver spend on a command is per statement and per commit, not per row, so a burst of opens
 * costs far less in groups.
 * <p>
 * Each of a node's {@code lanes} handles one group at a time; an aggregate's commands always take the same lane, and a
 * group holds at most one command for an aggregate, so no two groups want one aggregate's lock. Whoever finds its
 * lane idle leads: it takes the waiting commands (up to {@code limit}) and handles them on its own thread, each in a
 * unit of work nested in the group's. A nested unit of work's events, deadlines and after-commit work belong to the
 * group's, so nothing is published, handed over or answered before the group's transaction has committed. A command
 * that arrives while its lane is busy waits for the next group: under load groups grow by themselves, alone a command
 * waits for nothing.
 * <p>
 * One command that fails (refused by its incident, a conflict, a duplicate id found by the append) must not fail the
 * others: the group is rolled back and each of its commands is then sent alone, answering exactly what it answers
 * without groups. Only a failure of the commit itself (its outcome unknown) is every command's answer, as it would be
 * a lone command's.
 */
@Component
public class CommandGroups {

    static final String SIZES = "incident.sla.command.groups";
    static final String WAITING = "incident.sla.command.groups.waiting";

    private final CommandGateway gateway;
    private final TransactionManager transactions;
    private final CommandTargetResolver targets = AnnotationCommandTargetResolver.builder().build();
    private final boolean enabled;
    private final int limit;
    private final Lane[] lanes;
    private final DistributionSummary committed;
    private final DistributionSummary split;
    private final AtomicInteger waitingCommands = new AtomicInteger();

    public CommandGroups(CommandGateway gateway, TransactionManager transactions, CommandGroupSettings settings,
                         MeterRegistry meters) {
        this.gateway = gateway;
        this.transactions = transactions;
        this.enabled = settings.enabled();
        this.limit = settings.limit();
        this.lanes = new Lane[settings.lanes()];
        for (int i = 0; i < lanes.length; i++) {
            lanes[i] = new Lane();
        }
        this.committed = groupSizes(meters, "committed");
        this.split = groupSizes(meters, "split");
        Gauge.builder(WAITING, waitingCommands, AtomicInteger::get)
                .description("Commands waiting for their lane's group in hand to finish, to be handled in the next")
                .baseUnit("commands")
                .register(meters);
    }

    /**
     * What {@link CommandGateway#sendAndWait(Object)} answers for the command (its result, or the exception it throws),
     * once the command has committed with the others of its group. Blocking.
     */
    @SuppressWarnings("unchecked")
    public <R> R sendAndWait(CommandMessage<?> command) {
        String target = enabled ? target(command) : null;
        if (target == null || CurrentUnitOfWork.isStarted()) {
            return gateway.sendAndWait(command);
        }
        Waiting waiting = new Waiting(command, target);
        if (!lanes[Math.floorMod(target.hashCode(), lanes.length)].handle(waiting)) {
            return gateway.sendAndWait(command);
        }
        if (waiting.failure != null) {
            throw waiting.failure;
        }
        return (R) waiting.result;
    }

    private String target(CommandMessage<?> command) {
        try {
            return targets.resolveTarget(command).getIdentifier();
        } catch (IllegalArgumentException noTarget) {
            return null;
        }
    }

    private static DistributionSummary groupSizes(MeterRegistry meters, String outcome) {
        return DistributionSummary.builder(SIZES)
                .description("Commands committed together, per group; split: a group rolled back for one command's "
                        + "failure, its commands then sent alone")
                .baseUnit("commands")
                .tag("outcome", outcome)
                .register(meters);
    }

    /** A command waiting for its answer; written by the group's leader before it leaves the lane. */
    private static final class Waiting {
        final CommandMessage<?> command;
        final String target;
        boolean answered;
        Object result;
        RuntimeException failure;

        Waiting(CommandMessage<?> command, String target) {
            this.command = command;
            this.target = target;
        }

        void sendAlone(CommandGateway gateway) {
            try {
                answer(gateway.sendAndWait(command), null);
            } catch (RuntimeException e) {
                answer(null, e);
            }
        }

        void answer(Object result, RuntimeException failure) {
            this.result = result;
            this.failure = failure;
            this.answered = true;
        }
    }

    private final class Lane {
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition groupDone = lock.newCondition();
        private final ArrayDeque<Waiting> queue = new ArrayDeque<>();
        private final Set<String> inHand = new HashSet<>();
        private boolean busy;

        /**
         * Answers the command with its group's; false, leaving it unanswered, for a command to an aggregate the group
         * in hand holds: it goes alone at once and meets that group as any concurrent command would (the aggregate's
         * lock, optimistic concurrency), instead of waiting behind other aggregates' commands for it.
         */
        boolean handle(Waiting waiting) {
            lock.lock();
            try {
                if (inHand.contains(waiting.target)) {
                    return false;
                }
                queue.add(waiting);
                waitingCommands.incrementAndGet();
                while (!waiting.answered) {
                    if (busy) {
                        groupDone.awaitUninterruptibly();
                        continue;
                    }
                    List<Waiting> group = takeGroup();
                    group.forEach(each -> inHand.add(each.target));
                    busy = true;
                    lock.unlock();
                    try {
                        handleTogether(group);
                    } catch (RuntimeException | Error failure) {
                        group.stream().filter(each -> !each.answered).forEach(each -> each.answer(null,
                                new IllegalStateException("the command's group failed to finish: " + failure, failure)));
                        throw failure;
                    } finally {
                        lock.lock();
                        inHand.clear();
                        busy = false;
                        groupDone.signalAll();
                    }
                }
                return true;
            } finally {
                lock.unlock();
            }
        }

        /** The longest waiting commands, at most one for an aggregate; the others keep their places. */
        private List<Waiting> takeGroup() {
            List<Waiting> group = new ArrayList<>();
            Set<String> aggregates = new HashSet<>();
            for (Iterator<Waiting> it = queue.iterator(); it.hasNext() && group.size() < limit; ) {
                Waiting next = it.next();
                if (aggregates.add(next.target)) {
                    group.add(next);
                    it.remove();
                    waitingCommands.decrementAndGet();
                }
            }
            return group;
        }
    }

    private void handleTogether(List<Waiting> group) {
        if (group.size() == 1) {
            group.get(0).sendAlone(gateway);
            return;
        }
        List<Object> results;
        try {
            results = commitTogether(group);
        } catch (OutcomeUnknown unknown) {
            group.forEach(waiting -> waiting.answer(null, unknown.failure));
            return;
        }
        if (results == null) {
            split.record(group.size());
            group.forEach(waiting -> waiting.sendAlone(gateway));
            return;
        }
        committed.record(group.size());
        for (int i = 0; i < group.size(); i++) {
            group.get(i).answer(results.get(i), null);
        }
    }

    /** The group's results once its transaction committed; null when it rolled back, nothing of it committed. */
    private List<Object> commitTogether(List<Waiting> group) {
        List<Object> results = new ArrayList<>(group.size());
        boolean[] committing = {false};
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        try {
            unitOfWork.attachTransaction(transactions);
            // COMMIT handlers run last registered first: this one runs right before the transaction's commit.
            unitOfWork.onCommit(u -> committing[0] = true);
            for (Waiting waiting : group) {
                CompletableFuture<Object> answer = gateway.send(waiting.command);
                if (!answer.isDone()) {
                    throw new OutcomeUnknown(new IllegalStateException("command groups need a command bus that handles "
                            + "a command on the sender's thread, in the sender's unit of work"));
                }
                if (answer.isCompletedExceptionally()) {
                    unitOfWork.rollback();
                    return null;
                }
                results.add(answer.join());
            }
            unitOfWork.commit();
            return results;
        } catch (OutcomeUnknown unknown) {
            throw unknown;
        } catch (RuntimeException failure) {
            if (committing[0]) {
                throw new OutcomeUnknown(failure);
            }
            return null;
        } finally {
            if (CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get() == unitOfWork) {
                unitOfWork.rollback();
            }
        }
    }

    /** A failure after which the group may or may not have committed: every command's answer, none sent again. */
    private static final class OutcomeUnknown extends RuntimeException {
        final RuntimeException failure;

        OutcomeUnknown(RuntimeException failure) {
            super(failure.getMessage(), failure, false, false);
            this.failure = failure;
        }
    }
}
