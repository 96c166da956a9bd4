package dev.incidentsla.service.web;

import dev.incidentsla.api.contract.ContractEvent;
import dev.incidentsla.api.contract.ContractId;
import dev.incidentsla.api.contract.RegisterContract;
import dev.incidentsla.api.incident.RegradeIncident;
import dev.incidentsla.contract.ContractDirectory;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.Registration;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests on one contract or one incident at once, through HTTP. Many at once show what a race may do; a command held
 * at one point of its handling while another request completes shows one interleaving every time. The clock stands
 * at {@link #NOW}; a client instant a little later (within the allowed skew) stands for a command that another node,
 * whose clock runs ahead, or a later request, recorded first.
 */
class ConcurrentCommandsApiTest extends ApiTestSupport {

    private static final int REQUESTS = 24;

    @Autowired
    ContractDirectory contracts;

    @Autowired
    CommandBus commandBus;

    private ExecutorService pool;
    private final List<Registration> interceptors = new ArrayList<>();

    @BeforeEach
    void startPool() {
        pool = Executors.newFixedThreadPool(REQUESTS);
    }

    @AfterEach
    void stopPoolAndInterceptors() {
        interceptors.forEach(Registration::cancel);
        interceptors.clear();
        pool.shutdownNow();
    }

    /** A response's status and JSON body. */
    private record Answer(int status, Map<String, Object> body) {
    }

    /** Holds the first command it picks, on the thread handling it, until the test lets it go on. */
    private static final class Hold {

        private final Predicate<Object> picks;
        private final AtomicBoolean taken = new AtomicBoolean();
        private final CountDownLatch reached = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        Hold(Predicate<Object> picks) {
            this.picks = picks;
        }

        void holdIfPicked(Object payload) {
            if (picks.test(payload) && taken.compareAndSet(false, true)) {
                reached.countDown();
                try {
                    released.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        void awaitReached() throws InterruptedException {
            assertThat(reached.await(60, TimeUnit.SECONDS)).as("the held command reached its hold").isTrue();
        }

        void release() {
            released.countDown();
        }
    }

    /** The command is held when sent, before its handler loads the aggregate. */
    private Hold holdWhenSent(Predicate<Object> picks) {
        Hold hold = new Hold(picks);
        MessageDispatchInterceptor<CommandMessage<?>> interceptor = messages -> (index, command) -> {
            hold.holdIfPicked(command.getPayload());
            return command;
        };
        interceptors.add(commandBus.registerDispatchInterceptor(interceptor));
        return hold;
    }

    /**
     * The command is held once it committed and released the aggregate (cleanup callbacks run in reverse order of
     * registration, so this one runs after the repository's lock release), before the sender reads anything back.
     */
    private Hold holdWhenCommitted(Predicate<Object> picks) {
        Hold hold = new Hold(picks);
        MessageHandlerInterceptor<CommandMessage<?>> interceptor = (unitOfWork, chain) -> {
            Object payload = unitOfWork.getMessage().getPayload();
            unitOfWork.onCleanup(done -> hold.holdIfPicked(payload));
            return chain.proceed();
        };
        interceptors.add(commandBus.registerHandlerInterceptor(interceptor));
        return hold;
    }

    @Test
    void a_put_answers_with_its_own_version_when_another_put_amends_before_it_reads_back() throws Exception {
        String contractId = "held-" + suffix;
        assertThat(register(contractId, "Original").status()).isEqualTo(200);
        Hold hold = holdWhenCommitted(command -> command instanceof RegisterContract registration
                && registration.customerName().equals("First"));
        Future<Answer> first = pool.submit(() -> register(contractId, "First"));
        hold.awaitReached();
        Answer second = register(contractId, "Second");
        hold.release();

        assertThat(second.status()).isEqualTo(200);
        assertThat(second.body()).containsEntry("version", 3).containsEntry("customerName", "Second");
        Answer answer = first.get();
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).containsEntry("version", 2).containsEntry("customerName", "First");
    }

    @Test
    void concurrent_puts_of_one_contract_each_answer_with_the_version_their_own_terms_made() throws Exception {
        String contractId = "racing-" + suffix;
        List<Callable<Answer>> puts = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            String customerName = "Customer " + i;
            puts.add(() -> register(contractId, customerName));
        }
        List<Answer> answers = allAtOnce(puts);

        Map<Integer, String> storedNames = new HashMap<>();
        for (ContractEvent version : contracts.versions(new ContractId(contractId))) {
            storedNames.put(version.version(), version.customerName());
        }
        List<Answer> registered = answers.stream().filter(answer -> answer.status() == 200).toList();
        assertThat(answers).extracting(Answer::status).as("registered, or at worst retries exhausted").isSubsetOf(200, 409);
        assertThat(registered).as("enough registrations raced to tell").hasSizeGreaterThan(1);
        for (int i = 0; i < answers.size(); i++) {
            Answer answer = answers.get(i);
            if (answer.status() == 200) {
                assertThat(answer.body().get("customerName")).as("answer to PUT %d", i).isEqualTo("Customer " + i);
                assertThat(storedNames.get((Integer) answer.body().get("version"))).as("stored version answered to PUT %d", i)
                        .isEqualTo("Customer " + i);
            }
        }
        assertThat(storedNames).as("one version per registration").hasSize(registered.size());
    }

    @Test
    void a_regrade_without_an_instant_succeeds_when_a_later_instant_commits_while_it_waits() throws Exception {
        String incidentId = openIncidentNow();
        Instant later = NOW.plusSeconds(5);
        Hold hold = holdWhenSent(command -> command instanceof RegradeIncident regrade && regrade.reason().equals("waits"));
        Future<Answer> waiting = pool.submit(() -> regrade(incidentId, "A", "waits", null));
        hold.awaitReached();
        assertThat(regrade(incidentId, "C", "commits first", later).status()).isEqualTo(200);
        hold.release();

        Answer answer = waiting.get();
        assertThat(answer.status()).as("answer %s", answer.body()).isEqualTo(200);
        assertThat(answer.body()).containsEntry("severity", "A");
        assertThat(recordedInstants(incidentId)).containsExactly(NOW, later, later);
    }

    @Test
    void commands_without_an_instant_on_a_clock_behind_the_history_take_its_last_instant() {
        Instant ahead = NOW.plusSeconds(10);
        String incidentId = "INC-" + suffix;
        openIncident(incidentId, jakartaContract("{\"program\": \"UER\"}"), "B", ahead.toString()).expectStatus().isCreated();

        assertThat(regrade(incidentId, "A", "more impact", null).status()).isEqualTo(200);
        assertThat(command(incidentId, "first-response", "{\"channel\": \"PHONE\", \"engineer\": \"eng-7\"}").status())
                .isEqualTo(200);
        assertThat(command(incidentId, "close", "{\"resolution\": \"restarted\"}").status()).isEqualTo(200);
        assertThat(recordedInstants(incidentId)).containsExactly(ahead, ahead, ahead, ahead);
    }

    @Test
    void concurrent_regrades_without_an_instant_never_precede_the_history() throws Exception {
        String incidentId = openIncidentNow();
        List<Callable<Answer>> regrades = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            String severity = i % 2 == 0 ? "A" : "C";
            Instant at = i % 2 == 0 ? null : NOW.plusMillis(i);
            regrades.add(() -> regrade(incidentId, severity, "racing", at));
        }
        List<Answer> answers = allAtOnce(regrades);

        for (int i = 0; i < REQUESTS; i += 2) {
            assertThat(answers.get(i).status()).as("re-grade %d without an instant: %s", i, answers.get(i).body())
                    .isIn(200, 409);
        }
        assertThat(answers).filteredOn(answer -> answer.status() == 200).isNotEmpty();
        assertThat(recordedInstants(incidentId)).hasSizeGreaterThan(1).isSorted();
    }

    @Test
    void a_response_and_a_close_without_instants_racing_regrades_never_precede_the_history() throws Exception {
        String incidentId = openIncidentNow();
        List<Callable<Answer>> commands = new ArrayList<>();
        for (int i = 0; i < REQUESTS - 2; i++) {
            String severity = i % 2 == 0 ? "A" : "C";
            Instant at = NOW.plusMillis(i);
            commands.add(() -> regrade(incidentId, severity, "racing", at));
        }
        commands.add(REQUESTS / 2, () -> command(incidentId, "first-response", "{\"channel\": \"PHONE\"}"));
        commands.add(() -> command(incidentId, "close", "{\"resolution\": \"restarted\"}"));
        List<Answer> answers = allAtOnce(commands);

        assertThat(answers.get(REQUESTS / 2).status()).as("first response: %s", answers.get(REQUESTS / 2).body())
                .isIn(200, 409);
        assertThat(answers.get(REQUESTS - 1).status()).as("close: %s", answers.get(REQUESTS - 1).body()).isEqualTo(200);
        assertThat(recordedInstants(incidentId)).hasSizeGreaterThan(1).isSorted();
    }

    private Answer register(String contractId, String customerName) {
        return exchange(client.put().uri("/api/v1/contracts/{id}", contractId), """
                {"customerName": "%s", "supportLocation": {"timeZone": "Asia/Jakarta", "country": "ID"},
                 "programs": [{"program": "UER"}]}""".formatted(customerName));
    }

    private Answer regrade(String incidentId, String severity, String reason, Instant at) {
        return command(incidentId, "regrade", at == null
                ? "{\"severity\": \"%s\", \"reason\": \"%s\"}".formatted(severity, reason)
                : "{\"severity\": \"%s\", \"reason\": \"%s\", \"at\": \"%s\"}".formatted(severity, reason, at));
    }

    private Answer command(String incidentId, String command, String body) {
        return exchange(client.post().uri("/api/v1/incidents/{id}/{command}", incidentId, command), body);
    }

    /** An incident submitted now, by the clock, under a contract of its own. */
    private String openIncidentNow() {
        String contractId = jakartaContract("{\"program\": \"UER\"}");
        String incidentId = "INC-" + suffix;
        assertThat(exchange(client.post().uri("/api/v1/incidents"), """
                {"incidentId": "%s", "contractId": "%s", "severity": "B", "product": "azure-virtual-machines",
                 "channel": "WEB"}""".formatted(incidentId, contractId)).status()).isEqualTo(201);
        return incidentId;
    }

    /** The instants the incident's commands recorded, in the order they were stored. */
    @SuppressWarnings("unchecked")
    private List<Instant> recordedInstants(String incidentId) {
        List<Map<String, Object>> events = client.get().uri("/api/v1/incidents/{id}/events", incidentId).exchange()
                .expectStatus().isOk().expectBodyList((Class<Map<String, Object>>) (Class<?>) Map.class)
                .returnResult().getResponseBody();
        List<Instant> instants = new ArrayList<>();
        for (Map<String, Object> event : events) {
            Map<String, Object> payload = (Map<String, Object>) event.get("payload");
            String instant = switch ((String) event.get("type")) {
                case "IncidentOpened" -> (String) payload.get("submittedAt");
                case "IncidentRegraded" -> (String) payload.get("at");
                case "FirstResponseRecorded" -> (String) payload.get("respondedAt");
                case "IncidentClosed" -> (String) payload.get("closedAt");
                default -> null;
            };
            if (instant != null) {
                instants.add(Instant.parse(instant));
            }
        }
        return instants;
    }

    private List<Answer> allAtOnce(List<Callable<Answer>> requests) throws Exception {
        CountDownLatch ready = new CountDownLatch(requests.size());
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Answer>> pending = new ArrayList<>();
        for (Callable<Answer> request : requests) {
            pending.add(pool.submit(() -> {
                ready.countDown();
                go.await();
                return request.call();
            }));
        }
        ready.await();
        go.countDown();
        List<Answer> answers = new ArrayList<>();
        for (Future<Answer> answer : pending) {
            answers.add(answer.get());
        }
        return answers;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Answer exchange(WebTestClient.RequestBodySpec request, String body) {
        EntityExchangeResult<Map> result = request.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectBody(Map.class).returnResult();
        return new Answer(result.getStatus().value(), (Map<String, Object>) result.getResponseBody());
    }
}
