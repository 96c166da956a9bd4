package dev.incidentsla.cluster.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Opens Sev 1 Azure incidents over REST at a fixed rate (a scheduler tick per open, each request asynchronous, so a
 * slow answer does not slow the rate), round robin over the incident nodes still up, each submitted so that it
 * breaches {@code breachAfter} after it is opened. Every {@code answerEvery}-th acknowledged open gets its first
 * response at once, on the same node.
 */
final class LoadGenerator {

    static final String PREFIX = "LOAD-";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SEV_1_TARGET = Duration.ofMinutes(15);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    /** What became of a first response asked for: answered (200), refused (another status), or unknown (no answer). */
    enum Answer { NOT_ASKED, ANSWERED, REFUSED, UNKNOWN }

    /**
     * One open as the client saw it. {@code dueAt} is null unless the service acknowledged the open (201).
     *
     * @param status the HTTP status of the open, or -1 for no answer (connection refused, reset, timeout)
     * @param failure why the open or the response got no answer (the exception's class), else null
     */
    record Open(String incidentId, String phase, Instant sentAt, int port, int status, Instant dueAt, Answer answer,
                double openMillis, String failure) {
        boolean acknowledged() {
            return dueAt != null;
        }

        /** A breach must come, exactly once: acknowledged, and no response the service acknowledged or may have applied. */
        boolean breachExpected() {
            return acknowledged() && (answer == Answer.NOT_ASKED || answer == Answer.REFUSED);
        }

        String expectedBreachId() {
            return "breach:" + incidentId + ":" + dueAt;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final ConcurrentLinkedQueue<Open> opens = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong sequence = new AtomicLong();
    private final String run;
    private final Duration breachAfter;
    private final int answerEvery;
    private final String contractId;
    private volatile List<Integer> ports;
    private volatile String phase = "steady";
    private ScheduledExecutorService ticker;

    LoadGenerator(String run, List<Integer> ports, Duration breachAfter, int answerEvery, String contractId) {
        this.run = run;
        this.ports = List.copyOf(ports);
        this.breachAfter = breachAfter;
        this.answerEvery = answerEvery;
        this.contractId = contractId;
    }

    void start(double perSecond) {
        ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "load-ticker");
            thread.setDaemon(true);
            return thread;
        });
        long periodNanos = Math.round(1_000_000_000L / perSecond);
        ticker.scheduleAtFixedRate(this::openOne, 0, periodNanos, TimeUnit.NANOSECONDS);
    }

    /** Later opens go only to these nodes (a load balancer that noticed a node is gone). */
    void routeTo(List<Integer> livePorts) {
        ports = List.copyOf(livePorts);
    }

    void phase(String name) {
        phase = name;
    }

    /** Stops opening and waits (bounded) for the answers of what is in flight. */
    void stop(Duration patience) throws InterruptedException {
        ticker.shutdownNow();
        ticker.awaitTermination(5, TimeUnit.SECONDS);
        Instant giveUp = Instant.now().plus(patience);
        while (inFlight.get() > 0 && Instant.now().isBefore(giveUp)) {
            Thread.sleep(100);
        }
        if (inFlight.get() > 0) {
            System.out.println("  load: " + inFlight.get() + " requests still unanswered after " + patience);
        }
    }

    List<Open> opens() {
        return List.copyOf(opens);
    }

    /** A tick must never throw: the scheduler would cancel the rest. */
    private void openOne() {
        try {
            openNext();
        } catch (RuntimeException e) {
            System.out.println("  load: an open could not be sent: " + e);
        }
    }

    /** Opens one incident (asynchronously) that breaches {@code breachAfter} from now. */
    private void openNext() {
        long n = sequence.getAndIncrement();
        List<Integer> targets = ports;
        int port = targets.get((int) (n % targets.size()));
        String incidentId = PREFIX + run + "-" + n;
        String currentPhase = phase;
        boolean answer = n % answerEvery == 0;
        Instant sentAt = Instant.now();
        Instant submittedAt = sentAt.truncatedTo(ChronoUnit.SECONDS).minus(SEV_1_TARGET).plus(breachAfter);
        String body = """
                {"incidentId": "%s", "contractId": "%s", "severity": "1", "product": "azure-virtual-machines",
                 "channel": "PHONE", "submittedAt": "%s", "title": "load"}""".formatted(incidentId, contractId, submittedAt);
        long started = System.nanoTime();
        inFlight.incrementAndGet();
        CompletableFuture<Open> outcome = post(port, "/api/v1/incidents", body).handle((response, failure) -> {
            double millis = (System.nanoTime() - started) / 1e6;
            if (failure != null) {
                return new Open(incidentId, currentPhase, sentAt, port, -1, null, Answer.NOT_ASKED, millis, reason(failure));
            }
            Instant dueAt = response.statusCode() == 201 ? dueAtOf(response.body()) : null;
            return new Open(incidentId, currentPhase, sentAt, port, response.statusCode(), dueAt, Answer.NOT_ASKED, millis,
                    response.statusCode() != 201 ? "HTTP " + response.statusCode()
                            : dueAt == null ? "201 without firstResponse.dueAt" : null);
        }).thenCompose(open -> !answer || !open.acknowledged() ? CompletableFuture.completedFuture(open)
                : post(port, "/api/v1/incidents/" + incidentId + "/first-response",
                        "{\"channel\": \"PHONE\", \"engineer\": \"eng-7\"}").handle((response, failure) ->
                        new Open(open.incidentId(), open.phase(), open.sentAt(), open.port(), open.status(), open.dueAt(),
                                failure != null ? Answer.UNKNOWN : response.statusCode() == 200 ? Answer.ANSWERED : Answer.REFUSED,
                                open.openMillis(), failure != null ? "first response: " + reason(failure)
                                : response.statusCode() == 200 ? null : "first response: HTTP " + response.statusCode())));
        outcome.whenComplete((open, failure) -> {
            if (open != null) {
                opens.add(open);
            }
            inFlight.decrementAndGet();
        });
    }

    private CompletableFuture<HttpResponse<String>> post(int port, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(REQUEST_TIMEOUT).header("Content-Type", "application/json").header("X-Actor", "bench-load")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static String reason(Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause.getClass().getSimpleName();
    }

    private static Instant dueAtOf(String body) {
        try {
            JsonNode view = JSON.readTree(body);
            return Instant.parse(view.get("firstResponse").get("dueAt").asText());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
