package dev.incidentsla.service;

import dev.incidentsla.api.incident.IncidentId;
import dev.incidentsla.api.incident.RecordMitigation;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link CommandGroups} on Axon's simple command bus and gateway, with a transaction manager that counts the
 * transactions it began (a transaction begun inside another joins it, as Spring's does) and can fail a commit. One lane:
 * the first command is held in its handler, so the others wait and then form one group.
 */
class CommandGroupsTest {

    /** A command that no incident is the target of. */
    record OtherCommand(@TargetAggregateIdentifier String id) {
    }

    private final CountingTransactions transactions = new CountingTransactions();

    /** A group's read ahead: the incidents of its commands, its unit of work, and what had happened by then. */
    private record ReadAhead(List<String> incidents, UnitOfWork<?> unitOfWork, int transactionsBegun,
                             int handledBefore) {
    }

    private final List<ReadAhead> readAhead = new CopyOnWriteArrayList<>();
    private volatile boolean readAheadFails;
    private final List<Handling> handled = new CopyOnWriteArrayList<>();
    private final List<GroupReads> readsAhead = List.of(group -> {
        List<String> incidents = group.stream().map(command -> command.getPayload() instanceof RecordMitigation m
                ? m.incidentId().value() : command.getPayloadType().getSimpleName()).toList();
        readAhead.add(new ReadAhead(incidents, CurrentUnitOfWork.get(), transactions.begun.get(), handled.size()));
        if (readAheadFails) {
            throw new IllegalStateException("the read ahead failed");
        }
    });
    private final SimpleCommandBus bus = SimpleCommandBus.builder().transactionManager(transactions).build();
    private final CommandGateway gateway = DefaultCommandGateway.builder().commandBus(bus).build();
    private SimpleMeterRegistry meters;
    private CommandGroups groups = groupsWaiting(Duration.ofSeconds(30));
    private final ExecutorService senders = Executors.newFixedThreadPool(8);

    /** Each handling of a command: the incident, its unit of work's root, the thread. */
    private record Handling(String incident, UnitOfWork<?> root, String thread) {
    }

    /** A command held in its handler until released. */
    private record Hold(CountDownLatch reached, CountDownLatch released) {
        Hold() {
            this(new CountDownLatch(1), new CountDownLatch(1));
        }
    }

    private final Hold held = new Hold();
    private final Map<String, Hold> holds = new ConcurrentHashMap<>(Map.of("INC-held", held));
    private volatile Predicate<String> refuses = incident -> false;
    /** Handlers fail on an interrupted thread, as Axon's lock waits and JDBC calls do. */
    private volatile boolean failsWhenInterrupted;

    CommandGroupsTest() {
        bus.subscribe(RecordMitigation.class.getName(), message -> {
            String incident = ((RecordMitigation) message.getPayload()).incidentId().value();
            handled.add(new Handling(incident, CurrentUnitOfWork.get().root(), Thread.currentThread().getName()));
            Hold hold = holds.remove(incident);
            if (hold != null) {
                hold.reached().countDown();
                hold.released().await(30, TimeUnit.SECONDS);
            }
            if (failsWhenInterrupted && Thread.currentThread().isInterrupted()) {
                throw new IllegalStateException(incident + " handled on an interrupted thread");
            }
            if (refuses.test(incident)) {
                throw new RuleViolationException(incident + " refused");
            }
            return "done " + incident;
        });
        bus.subscribe(OtherCommand.class.getName(), message -> "other " + ((OtherCommand) message.getPayload()).id());
    }

    @AfterEach
    void stop() {
        held.released().countDown();
        senders.shutdownNow();
    }

    private CommandGroups groupsWaiting(Duration maxWait) {
        meters = new SimpleMeterRegistry();
        return new CommandGroups(gateway, transactions, new CommandTargets(), readsAhead,
                new CommandGroupSettings(true, 1, 50, maxWait), meters);
    }

    @Test
    void commands_waiting_behind_a_group_are_handled_in_incident_order_in_one_unit_of_work_and_answered_once_committed()
            throws Exception {
        Future<Object> first = sendHeld();
        List<String> incidents = List.of("INC-5", "INC-4", "INC-3", "INC-2", "INC-1");
        List<Future<String>> answers = new ArrayList<>();
        for (String incident : incidents) {
            answers.add(senders.submit(() -> {
                Object answer = groups.sendAndWait(mitigation(incident));
                return answer + " after " + transactions.committed.get() + " commits"
                        + (CurrentUnitOfWork.isStarted() ? ", a unit of work left open" : "");
            }));
        }
        awaitWaiting(5);

        held.released().countDown();

        assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo("done INC-held");
        for (int i = 0; i < incidents.size(); i++) {
            assertThat(answers.get(i).get(30, TimeUnit.SECONDS)).isEqualTo("done " + incidents.get(i) + " after 2 commits");
        }
        List<Handling> group = handled.subList(1, handled.size());
        assertThat(group).extracting(Handling::incident).containsExactly("INC-1", "INC-2", "INC-3", "INC-4", "INC-5");
        assertThat(group).extracting(Handling::root).containsOnly(group.get(0).root()).doesNotContain(handled.get(0).root());
        assertThat(transactions.begun.get()).isEqualTo(2);
        assertThat(transactions.rolledBack.get()).isZero();
        assertThat(meters.get(CommandGroups.SIZES).tag("outcome", "committed").summary().totalAmount()).isEqualTo(5);
    }

    @Test
    void a_group_s_shared_reads_are_made_in_its_unit_of_work_and_transaction_before_its_first_command()
            throws Exception {
        Future<Object> first = sendHeld();
        List<Future<Object>> answers = waitingBehindTheHeld("INC-3", "INC-1", "INC-2");

        held.released().countDown();

        assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo("done INC-held");
        for (Future<Object> answer : answers) {
            assertThat(answer.get(30, TimeUnit.SECONDS)).asString().startsWith("done INC-");
        }
        assertThat(readAhead).as("once, for the group; the first command went alone").hasSize(1);
        ReadAhead read = readAhead.get(0);
        assertThat(read.incidents()).as("the group's commands in the order they are handled")
                .containsExactly("INC-1", "INC-2", "INC-3");
        assertThat(read.unitOfWork()).as("the group's unit of work").isSameAs(handled.get(1).root());
        assertThat(read.transactionsBegun()).as("the held command's transaction, then the group's, begun").isEqualTo(2);
        assertThat(read.handledBefore()).as("only the held command handled before it").isEqualTo(1);
    }

    @Test
    void a_read_ahead_that_fails_splits_the_group_and_each_command_is_sent_alone() throws Exception {
        readAheadFails = true;
        Future<Object> first = sendHeld();
        List<Future<Object>> answers = waitingBehindTheHeld("INC-1", "INC-2");

        held.released().countDown();

        assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo("done INC-held");
        assertThat(answers.get(0).get(30, TimeUnit.SECONDS)).isEqualTo("done INC-1");
        assertThat(answers.get(1).get(30, TimeUnit.SECONDS)).isEqualTo("done INC-2");
        assertThat(handled).extracting(Handling::incident).as("no command handled in the group")
                .containsExactlyInAnyOrder("INC-held", "INC-1", "INC-2");
        assertThat(transactions.rolledBack.get()).as("the group's transaction").isEqualTo(1);
        assertThat(meters.get(CommandGroups.SIZES).tag("outcome", "split").summary().totalAmount()).isEqualTo(2);
    }

    @Test
    void a_refused_command_splits_its_group_and_each_command_is_then_sent_alone_by_its_own_sender() throws Exception {
        refuses = incident -> incident.equals("INC-2");
        Future<Object> first = sendHeld();
        Map<String, Future<Object>> answers = new ConcurrentHashMap<>();
        Map<String, String> senderThreads = new ConcurrentHashMap<>();
        for (String incident : List.of("INC-1", "INC-2", "INC-3")) {
            answers.put(incident, senders.submit(() -> {
                senderThreads.put(incident, Thread.currentThread().getName());
                return groups.sendAndWait(mitigation(incident));
            }));
        }
        awaitWaiting(3);

        held.released().countDown();

        assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo("done INC-held");
        assertThat(answers.get("INC-1").get(30, TimeUnit.SECONDS)).isEqualTo("done INC-1");
        assertThat(answers.get("INC-3").get(30, TimeUnit.SECONDS)).isEqualTo("done INC-3");
        assertThatThrownBy(() -> answers.get("INC-2").get(30, TimeUnit.SECONDS))
                .hasCauseInstanceOf(RuleViolationException.class).hasMessageContaining("INC-2 refused");
        for (String incident : List.of("INC-1", "INC-2", "INC-3")) {
            List<Handling> handlings = handled.stream().filter(handling -> handling.incident().equals(incident)).toList();
            assertThat(handlings).as(incident + ": in the group (INC-3 not reached), then alone").hasSize(incident.equals("INC-3") ? 1 : 2);
            Handling alone = handlings.get(handlings.size() - 1);
            assertThat(alone.thread()).as("sent alone by its sender").isEqualTo(senderThreads.get(incident));
            assertThat(alone.root()).as("in a unit of work of its own").isNotIn(handlings.subList(0, handlings.size() - 1)
                    .stream().map(Handling::root).toList());
        }
        assertThat(transactions.begun.get()).as("the held one, the group, three alone").isEqualTo(5);
        assertThat(transactions.rolledBack.get()).as("the group and the refused command").isEqualTo(2);
        assertThat(meters.get(CommandGroups.SIZES).tag("outcome", "split").summary().count()).isEqualTo(1);
        assertThat(meters.get(CommandGroups.WAITING).gauge().value()).as("no command left waiting").isZero();
    }

    @Test
    void a_commit_whose_outcome_is_unknown_is_every_command_s_answer_and_none_is_sent_again() throws Exception {
        Future<Object> first = sendHeld();
        transactions.failCommit = 2;
        List<Future<Object>> answers = waitingBehindTheHeld("INC-1", "INC-2");

        held.released().countDown();

        assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo("done INC-held");
        for (Future<Object> answer : answers) {
            assertThatThrownBy(() -> answer.get(30, TimeUnit.SECONDS)).hasMessageContaining("connection lost at commit");
        }
        assertThat(handled).extracting(Handling::incident).containsExactly("INC-held", "INC-1", "INC-2");
        assertThat(transactions.begun.get()).isEqualTo(2);
        assertThat(meters.get(CommandGroups.WAITING).gauge().value()).as("no command left waiting").isZero();
    }

    @Test
    void a_command_for_the_incident_in_hand_or_for_no_incident_goes_alone_at_once() throws Exception {
        Future<Object> first = sendHeld();
        assertThat(senders.submit(() -> groups.<Object>sendAndWait(mitigation("INC-held"))).get(30, TimeUnit.SECONDS))
                .isEqualTo("done INC-held");
        assertThat(senders.submit(() -> groups.<Object>sendAndWait(GenericCommandMessage.asCommandMessage(
                new OtherCommand("contract-1")))).get(30, TimeUnit.SECONDS)).isEqualTo("other contract-1");
        assertThat(first.isDone()).as("the first still held").isFalse();
        held.released().countDown();
        assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo("done INC-held");
    }

    @Test
    void a_command_that_waited_max_wait_without_being_taken_into_a_group_is_sent_alone_beside_the_lane() throws Exception {
        groups = groupsWaiting(Duration.ofMillis(100));
        Future<Object> first = sendHeld();
        Map<String, String> senderThreads = new ConcurrentHashMap<>();
        Future<Object> waited = senders.submit(() -> {
            senderThreads.put("INC-1", Thread.currentThread().getName());
            return groups.sendAndWait(mitigation("INC-1"));
        });

        assertThat(waited.get(30, TimeUnit.SECONDS)).isEqualTo("done INC-1");
        assertThat(first.isDone()).as("the group in hand still held").isFalse();
        Handling alone = handled.get(handled.size() - 1);
        assertThat(alone.thread()).isEqualTo(senderThreads.get("INC-1"));
        assertThat(alone.root()).isNotEqualTo(handled.get(0).root());
        assertThat(meters.get(CommandGroups.WAITED_TOO_LONG).counter().count()).isEqualTo(1);
        assertThat(meters.get(CommandGroups.WAITING).gauge().value()).isZero();
        held.released().countDown();
        assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo("done INC-held");
        assertThat(groups.<Object>sendAndWait(mitigation("INC-9"))).isEqualTo("done INC-9");
        assertThat(handled).extracting(Handling::incident).as("INC-1 left the queue: no later group handles it again")
                .containsExactly("INC-held", "INC-1", "INC-9");
        assertThat(transactions.begun.get()).isEqualTo(3);
    }

    @Test
    void a_command_taken_into_a_group_waits_for_that_group_however_long_it_takes() throws Exception {
        groups = groupsWaiting(Duration.ofSeconds(3));
        Hold slow = new Hold();
        holds.put("INC-2", slow);
        Future<Object> first = sendHeld();
        List<Future<Object>> answers = new ArrayList<>();
        for (String incident : List.of("INC-1", "INC-2", "INC-3")) {
            answers.add(senders.submit(() -> groups.sendAndWait(mitigation(incident))));
        }
        awaitWaiting(3);
        held.released().countDown();
        assertThat(slow.reached().await(30, TimeUnit.SECONDS)).isTrue();

        Thread.sleep(3_500);
        slow.released().countDown();

        assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo("done INC-held");
        for (int i = 0; i < answers.size(); i++) {
            assertThat(answers.get(i).get(30, TimeUnit.SECONDS)).isEqualTo("done INC-" + (i + 1));
        }
        assertThat(handled).extracting(Handling::incident).containsExactly("INC-held", "INC-1", "INC-2", "INC-3");
        assertThat(handled.subList(1, 4)).extracting(Handling::root).containsOnly(handled.get(1).root());
        assertThat(meters.get(CommandGroups.WAITED_TOO_LONG).counter().count()).isZero();
        assertThat(transactions.begun.get()).isEqualTo(2);
    }

    @Test
    void a_leader_s_interrupt_is_set_aside_while_it_handles_the_group_and_kept_for_its_sender() throws Exception {
        failsWhenInterrupted = true;
        Future<Object> first = sendHeld();
        Map<String, String> senderThreads = new ConcurrentHashMap<>();
        Future<String> interrupted = senders.submit(() -> {
            senderThreads.put("INC-1", Thread.currentThread().getName());
            Thread.currentThread().interrupt();
            Object answer = groups.sendAndWait(mitigation("INC-1"));
            return answer + (Thread.currentThread().isInterrupted() ? ", still interrupted" : ", interrupt lost");
        });
        awaitWaiting(1);
        Future<Object> other = senders.submit(() -> groups.sendAndWait(mitigation("INC-2")));
        awaitWaiting(2);

        held.released().countDown();

        assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo("done INC-held");
        assertThat(interrupted.get(30, TimeUnit.SECONDS)).isEqualTo("done INC-1, still interrupted");
        assertThat(other.get(30, TimeUnit.SECONDS)).isEqualTo("done INC-2");
        assertThat(handled).extracting(Handling::incident).containsExactly("INC-held", "INC-1", "INC-2");
        assertThat(handled.get(2).thread()).as("the interrupted sender led the group").isEqualTo(senderThreads.get("INC-1"));
        assertThat(transactions.begun.get()).as("the held one, then one group").isEqualTo(2);
        assertThat(meters.get(CommandGroups.SIZES).tag("outcome", "split").summary().count()).isZero();
        assertThat(meters.get(CommandGroups.WAITING).gauge().value()).as("no command left waiting").isZero();
    }

    @Test
    void a_command_sent_inside_a_unit_of_work_is_handled_in_it_at_once_not_in_a_group() throws Exception {
        Future<Object> first = sendHeld();
        Future<String> inside = senders.submit(() -> {
            UnitOfWork<?> caller = DefaultUnitOfWork.startAndGet(null);
            try {
                Object answer = groups.sendAndWait(mitigation("INC-1"));
                return answer + (handled.get(handled.size() - 1).root() == caller ? " in the caller's unit of work" : "");
            } finally {
                caller.rollback();
            }
        });

        assertThat(inside.get(30, TimeUnit.SECONDS)).isEqualTo("done INC-1 in the caller's unit of work");
        assertThat(first.isDone()).as("the group in hand still held").isFalse();
        assertThat(meters.get(CommandGroups.WAITING).gauge().value()).isZero();
        held.released().countDown();
        assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo("done INC-held");
    }

    private Future<Object> sendHeld() throws InterruptedException {
        Future<Object> first = senders.submit(() -> groups.sendAndWait(mitigation("INC-held")));
        assertThat(held.reached().await(30, TimeUnit.SECONDS)).as("the first command reached its hold").isTrue();
        return first;
    }

    /** Mitigations of these incidents, sent while the held command is in hand: they wait for the lane. */
    private List<Future<Object>> waitingBehindTheHeld(String... incidents) throws InterruptedException {
        List<Future<Object>> answers = new ArrayList<>();
        for (String incident : incidents) {
            answers.add(senders.submit(() -> groups.sendAndWait(mitigation(incident))));
        }
        awaitWaiting(incidents.length);
        return answers;
    }

    private static CommandMessage<?> mitigation(String incident) {
        return GenericCommandMessage.asCommandMessage(new RecordMitigation(new IncidentId(incident), null));
    }

    private void awaitWaiting(int commands) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (meters.get(CommandGroups.WAITING).gauge().value() < commands) {
            assertThat(System.nanoTime()).as("%d commands waiting", commands).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    /** Begins a transaction where none is open on the thread; one begun inside it joins it and does nothing. */
    private static final class CountingTransactions implements TransactionManager {
        final AtomicInteger begun = new AtomicInteger();
        final AtomicInteger committed = new AtomicInteger();
        final AtomicInteger rolledBack = new AtomicInteger();
        /** The number of the begun transaction whose commit fails, 0 for none. */
        volatile int failCommit;
        private final ThreadLocal<Integer> depth = ThreadLocal.withInitial(() -> 0);

        @Override
        public Transaction startTransaction() {
            int level = depth.get();
            depth.set(level + 1);
            int number = level == 0 ? begun.incrementAndGet() : 0;
            return new Transaction() {
                @Override
                public void commit() {
                    depth.set(level);
                    if (number > 0 && number == failCommit) {
                        throw new IllegalStateException("connection lost at commit");
                    }
                    if (number > 0) {
                        committed.incrementAndGet();
                    }
                }

                @Override
                public void rollback() {
                    depth.set(level);
                    if (number > 0) {
                        rolledBack.incrementAndGet();
                    }
                }
            };
        }
    }
}
