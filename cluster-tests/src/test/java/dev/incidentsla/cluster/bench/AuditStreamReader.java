package dev.incidentsla.cluster.bench;

import java.io.IOException;
import java.time.Duration;

/**
 * An auditor reading the whole global stream ({@code GET /api/v1/audit/events}, NDJSON) on one keep-alive connection,
 * as the README documents its paging: from {@code after=-1}, each next page {@code after} = the previous page's
 * {@code X-Audit-Read-Through} header, until a page reads nothing new. Lines are counted as they arrive, never held,
 * so a single answer of any size (a streamed full replay: {@link #readOnce}) costs no memory here either.
 */
final class AuditStreamReader {

    static final String EVENTS_PATH = "/api/v1/audit/events";
    static final String READ_THROUGH_HEADER = "X-Audit-Read-Through";

    /** What was read: events (NDJSON lines), body bytes, requests, the last global sequence read, and the time it took. */
    record Result(long events, long bytes, long requests, long readThrough, Duration took) {
        double eventsPerSecond() {
            return events / Math.max(1e-9, took.toNanos() / 1e9);
        }
    }

    private final int port;

    AuditStreamReader(int port) {
        this.port = port;
    }

    /** Every event, in pages of {@code pageSize}. */
    Result readAllPaged(int pageSize) throws IOException {
        long started = System.nanoTime();
        long after = -1;
        long events = 0;
        long bytes = 0;
        long requests = 0;
        try (KeepAliveHttp http = new KeepAliveHttp(port)) {
            while (true) {
                Page page = page(http, EVENTS_PATH + "?after=" + after + "&limit=" + pageSize);
                requests++;
                events += page.lines();
                bytes += page.bytes();
                if (page.readThrough() <= after) {
                    break;
                }
                after = page.readThrough();
            }
        }
        return new Result(events, bytes, requests, after, Duration.ofNanos(System.nanoTime() - started));
    }

    /** One request for {@code target} (a path and query), its whole answer counted: for a streamed replay in one answer. */
    Result readOnce(String target) throws IOException {
        long started = System.nanoTime();
        try (KeepAliveHttp http = new KeepAliveHttp(port)) {
            Page page = page(http, target);
            return new Result(page.lines(), page.bytes(), 1, page.readThrough(), Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private record Page(long lines, long bytes, long readThrough) {
    }

    private static Page page(KeepAliveHttp http, String target) throws IOException {
        long[] counted = new long[2];
        KeepAliveHttp.Head head = http.exchange("GET", target, null, (bytes, offset, length) -> {
            counted[1] += length;
            for (int i = offset; i < offset + length; i++) {
                if (bytes[i] == '\n') {
                    counted[0]++;
                }
            }
        });
        if (head.status() != 200) {
            throw new IOException("GET " + target + " answered " + head.status());
        }
        String readThrough = head.header(READ_THROUGH_HEADER);
        return new Page(counted[0], counted[1], readThrough == null ? -1 : Long.parseLong(readThrough.trim()));
    }
}
