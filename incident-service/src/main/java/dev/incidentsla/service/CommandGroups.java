package dev.incidentsla.service;

import dev.incidentsla.api.incident.IncidentId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Commits the incident commands that arrive while others are being handled together: one unit of work and one
 * transaction for a group, their events appended in one batch, instead of a transaction, a commit and an append each.
 * Most of what PostgreSQL and the JDBC driver spend on a command is per statement and per commit, not per row, so a
 * burst of opens costs far less in groups.
 * <p>
 * Each of a node's {@code lanes} handles one group at a time, so a node handles at most that many grouped commands at
 * once; an incident's commands always take the same lane, and a group holds at most one command for an incident, so
 * no two groups want one incident's lock. Whoever finds its lane idle leads: it takes the waiting commands (up to
 * {@code limit}, in incident order so that two nodes' groups take their rows in one order) and handles them on its own
 * thread, each in a unit of work nested in the group's, after the reads its commands share have been made once for the
 * group ({@link GroupReads}). A nested unit of work's events, deadlines and after-commit work belong to the group's, so
 * nothing is published, handed over or answered before the group's transaction has committed. A command that arrives
 * while its lane is busy waits for the group in hand to finish: under load groups grow by themselves, and an idle lane
 * takes a command at once. It waits {@code max-wait} at most to be taken into a group, then goes alone: while groups
 * are slow (a JVM just started, a host short of CPU) the commands that find their lane busy run side by side, as
 * without groups, and only those taken into the next group wait for it. An incident's commands sent at the same time
 * are concurrent requests: one that went alone may be handled before or after a later one taken into a group, as their
 * order at the incident's lock decides.
 * <p>
 * One command that fails (refused by its incident, a conflict, an id that exists found by the append) must not fail
 * the others: the group is rolled back and each of its commands is then sent alone, by its own sender, answering
 * exactly what it answers without groups. Only a failure of the commit itself (its outcome unknown) is every command's
 * answer, as it would be a lone command's.
 * <p>
 * Contract commands are not grouped: Axon's store answers a unit of work's reads with its own uncommitted events too,
 * so an open grouped after a contract's new version would read, and the contract directory keep, a version that a
 * rollback of the group takes back. A command sent inside a unit of work or a transaction goes alone as well.
 */
@Component
public class CommandGroups {

    static final String SIZES = "incident.sla.command.groups";
    static final String WAITING = "incident.sla.command.groups.waiting";
    static final String WAITED_TOO_LONG = "incident.sla.command.groups.waited.too.long";

    private final CommandGateway gateway;
    private final TransactionManager transactions;
    private final CommandTargetResolver targets;
    private final List<GroupReads> readsAhead;
    private final boolean enabled;
    private final int limit;
    private final Lane[] lanes;
    private final DistributionSummary committed;
    private final DistributionSummary split;
    private final long maxWaitNanos;
    private final Counter waitedTooLong;
    private final AtomicInteger waitingCommands = new AtomicInteger();

    public CommandGroups(CommandGateway gateway, TransactionManager transactions, CommandTargets targets,
                         List<GroupReads> readsAhead, CommandGroupSettings settings, MeterRegistry meters) {
        this.gateway = gateway;
        this.targets = targets;
        this.readsAhead = List.copyOf(readsAhead);
        this.transactions = transactions;
        this.enabled = settings.enabled();
        this.limit = settings.limit();
        this.lanes = new Lane[settings.lanes()];
        for (int i = 0; i < lanes.length; i++) {
            lanes[i] = new Lane();
        }
        this.committed = groupSizes(meters, "committed");
        this.split = groupSizes(meters, "split");
        this.maxWaitNanos = settings.maxWait().toNanos();
        this.waitedTooLong = Counter.builder(WAITED_TOO_LONG)
                .description("Commands sent alone after waiting max-wait for their lane without being taken into a group")
                .baseUnit("commands")
                .register(meters);
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
        String incident = groupable(command);
        if (incident == null) {
            return gateway.sendAndWait(command);
        }
        Waiting waiting = new Waiting(command, incident);
        if (!lanes[Math.floorMod(incident.hashCode(), lanes.length)].handle(waiting) || waiting.alone) {
            return gateway.sendAndWait(command);
        }
        if (waiting.failure != null) {
            throw waiting.failure;
        }
        return (R) waiting.result;
    }

    /** The incident the command is for, if it may join a group. */
    private String groupable(CommandMessage<?> command) {
        if (!enabled || CurrentUnitOfWork.isStarted() || TransactionSynchronizationManager.isActualTransactionActive()) {
            return null;
        }
        VersionedAggregateIdentifier target;
        try {
            target = targets.resolveTarget(command);
        } catch (IllegalArgumentException noTarget) {
            return null;
        }
        return target.getIdentifierValue() instanceof IncidentId incident ? incident.value() : null;
    }

    private static DistributionSummary groupSizes(MeterRegistry meters, String outcome) {
        return DistributionSummary.builder(SIZES)
                .description("Commands handled together, per group; committed, or split: rolled back (a command "
                        + "failed, or something before the commit did), its commands then sent alone by their senders")
                .baseUnit("commands")
                .tag("outcome", outcome)
                .register(meters);
    }

    /**
     * A command waiting for its answer. The leader writes it without the lane's lock, and a sender may read it before
     * that leader has taken the lock again (another waiter woken with it may lead the next group first), so
     * {@code answered} is volatile and written last.
     */
    private static final class Waiting {
        final CommandMessage<?> command;
        final String incident;
        volatile boolean answered;
        /** Taken into a group; guarded by the lane's lock. */
        boolean taken;
        boolean alone;
        Object result;
        RuntimeException failure;

        Waiting(CommandMessage<?> command, String incident) {
            this.command = command;
            this.incident = incident;
        }

        void answer(Object result, RuntimeException failure) {
            this.result = result;
            this.failure = failure;
            this.answered = true;
        }

        void sendAlone() {
            this.alone = true;
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
         * Answers the command with its group, or tells its sender to send it alone; false for a command that goes
         * alone, beside the lane, and meets the group in hand as any concurrent command would (the incident's lock,
         * optimistic concurrency): a command to an incident that group holds, at once, and one that has waited
         * {@code max-wait} without being taken into a group. A command taken into a group waits for that group.
         * An interrupt (Reactor interrupts a cancelled blocking call) cuts no wait short: the flag is set aside while
         * the command waits, so that a wait it would end rechecks the lane instead, and kept for the sender. A
         * failure out of the lane itself (an {@code Error}) takes the command out of the queue, so no group handles it.
         */
        boolean handle(Waiting waiting) {
            boolean interrupted = false;
            lock.lock();
            try {
                if (inHand.contains(waiting.incident)) {
                    return false;
                }
                queue.add(waiting);
                waitingCommands.incrementAndGet();
                long deadline = System.nanoTime() + maxWaitNanos;
                while (!waiting.answered) {
                    if (busy && waiting.taken) {
                        groupDone.awaitUninterruptibly();
                    } else if (busy) {
                        interrupted |= Thread.interrupted();
                        try {
                            groupDone.awaitNanos(deadline - System.nanoTime());
                        } catch (InterruptedException e) {
                            interrupted = true;
                        }
                        if (busy && overdue(waiting, deadline)) {
                            return leaveQueue(waiting);
                        }
                    } else {
                        leadNextGroup(waiting);
                        if (overdue(waiting, deadline)) {
                            return leaveQueue(waiting);
                        }
                    }
                }
                return true;
            } catch (RuntimeException | Error failure) {
                if (!waiting.taken && queue.remove(waiting)) {
                    waitingCommands.decrementAndGet();
                }
                throw failure;
            } finally {
                lock.unlock();
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        /** Not taken into a group by its deadline. */
        private static boolean overdue(Waiting waiting, long deadline) {
            return !waiting.taken && deadline - System.nanoTime() <= 0;
        }

        /** A command that waited too long to be taken into a group: its sender sends it alone. */
        private boolean leaveQueue(Waiting waiting) {
            queue.remove(waiting);
            waitingCommands.decrementAndGet();
            waitedTooLong.increment();
            return false;
        }

        /**
         * Takes the next group and handles it with the lane's lock released, the lane busy and its incidents in hand.
         * The leader's own command is not in it when an earlier one for the same incident is, or when {@code limit}
         * commands came before it; it then waits for another group.
         */
        private void leadNextGroup(Waiting own) {
            List<Waiting> group = takeGroup();
            group.forEach(each -> inHand.add(each.incident));
            busy = true;
            lock.unlock();
            try {
                lead(group, own);
            } finally {
                lock.lock();
                inHand.clear();
                busy = false;
                groupDone.signalAll();
            }
        }

        /** The longest waiting commands, at most one for an incident, in incident order; the others keep their places. */
        private List<Waiting> takeGroup() {
            List<Waiting> group = new ArrayList<>();
            Set<String> incidents = new HashSet<>();
            for (Iterator<Waiting> it = queue.iterator(); it.hasNext() && group.size() < limit; ) {
                Waiting next = it.next();
                if (incidents.add(next.incident)) {
                    next.taken = true;
                    group.add(next);
                    it.remove();
                    waitingCommands.decrementAndGet();
                }
            }
            group.sort(Comparator.comparing(waiting -> waiting.incident));
            return group;
        }
    }

    /**
     * Handles the group on this thread. A cancelled request's interrupt (Reactor interrupts a cancelled blocking call)
     * belongs to its own command: it must not make the group's lock waits and queries fail, so the flag is set aside
     * while the group is handled. (One that comes while the group is in hand fails a command of it, and so splits it:
     * each command then answers for itself.) A group of one that is not the leader's own command goes back to its
     * sender, whose thread is the one its request may interrupt.
     */
    private void lead(List<Waiting> group, Waiting own) {
        boolean interrupted = Thread.interrupted();
        try {
            handleTogether(group, own);
        } catch (RuntimeException | Error failure) {
            group.stream().filter(each -> !each.answered).forEach(each -> each.answer(null,
                    new IllegalStateException("the command's group failed to finish: " + failure, failure)));
            if (failure instanceof Error error) {
                throw error;
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void handleTogether(List<Waiting> group, Waiting own) {
        if (group.isEmpty()) {
            return;
        }
        if (group.size() == 1 && group.get(0) != own) {
            group.get(0).sendAlone();
            return;
        }
        if (group.size() == 1) {
            Waiting alone = group.get(0);
            try {
                alone.answer(gateway.sendAndWait(alone.command), null);
            } catch (RuntimeException e) {
                alone.answer(null, e);
            }
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
            group.forEach(Waiting::sendAlone);
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
            if (!readsAhead.isEmpty()) {
                List<CommandMessage<?>> commands = new ArrayList<>(group.size());
                group.forEach(waiting -> commands.add(waiting.command));
                readsAhead.forEach(reads -> reads.readAhead(commands));
            }
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
            while (CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get().root() == unitOfWork) {
                CurrentUnitOfWork.get().rollback();
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
