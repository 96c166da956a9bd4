package dev.incidentsla.cluster.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP/1.1 keep-alive connection to a service on loopback, one request at a time: a load client that costs
 * little CPU on a machine whose two cores the service and PostgreSQL need (a request is one socket write, an answer
 * is read straight off the socket, no client framework). Bodies come with {@code Content-Length} or chunked; either
 * may be streamed to a {@link BodySink} instead of held. After an answer that closes the connection, or an I/O
 * failure, the next request opens a new one. Not thread-safe: one per load worker.
 */
final class KeepAliveHttp implements AutoCloseable {

    /** Receives a body's bytes as they are read. */
    @FunctionalInterface
    interface BodySink {
        void accept(byte[] bytes, int offset, int length);
    }

    /** An answer's status and headers (names in lower case). */
    record Head(int status, Map<String, String> headers) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** An answer with its body held. */
    record Response(Head head, byte[] body) {
        int status() {
            return head.status();
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private static final int TIMEOUT_MILLIS = 60_000;
    private static final int MAX_HEAD_BYTES = 64 * 1024;

    private final int port;
    private final byte[] buffer = new byte[64 * 1024];
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    KeepAliveHttp(int port) {
        this.port = port;
    }

    Response send(String method, String target, String jsonBody) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        Head head = exchange(method, target, jsonBody, body::write);
        return new Response(head, body.toByteArray());
    }

    /** Sends one request (a JSON body, or none when null) and streams the answer's body to the sink. */
    Head exchange(String method, String target, String jsonBody, BodySink sink) throws IOException {
        byte[] body = jsonBody == null ? null : jsonBody.getBytes(StandardCharsets.UTF_8);
        StringBuilder request = new StringBuilder(256 + (jsonBody == null ? 0 : jsonBody.length()))
                .append(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: 127.0.0.1:").append(port)
                .append("\r\nX-Actor: bench-database-speed\r\n");
        if (body != null) {
            request.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
        }
        request.append("\r\n");
        byte[] head = request.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] whole = new byte[head.length + (body == null ? 0 : body.length)];
        System.arraycopy(head, 0, whole, 0, head.length);
        if (body != null) {
            System.arraycopy(body, 0, whole, head.length, body.length);
        }
        try {
            connect();
            out.write(whole);
            out.flush();
            Head answer = readHead();
            boolean keepAlive = readBody(answer, sink);
            if (!keepAlive) {
                close();
            }
            return answer;
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private void connect() throws IOException {
        if (socket != null) {
            return;
        }
        Socket fresh = new Socket();
        fresh.setTcpNoDelay(true);
        fresh.setSoTimeout(TIMEOUT_MILLIS);
        fresh.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket = fresh;
        in = new BufferedInputStream(fresh.getInputStream(), 64 * 1024);
        out = fresh.getOutputStream();
    }

    private Head readHead() throws IOException {
        String statusLine = readLine();
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.1 status line: " + statusLine);
        }
        Map<String, String> headers = new TreeMap<>();
        int headBytes = statusLine.length();
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            headBytes += line.length();
            if (headBytes > MAX_HEAD_BYTES) {
                throw new IOException("answer head over " + MAX_HEAD_BYTES + " bytes");
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim(),
                        (first, second) -> first + ", " + second);
            }
        }
        return new Head(Integer.parseInt(parts[1]), headers);
    }

    /** Reads the body into the sink; whether the connection may carry the next request. */
    private boolean readBody(Head head, BodySink sink) throws IOException {
        boolean closes = "close".equalsIgnoreCase(head.header("connection"));
        String length = head.header("content-length");
        if ("chunked".equalsIgnoreCase(head.header("transfer-encoding"))) {
            for (long size = chunkSize(); size > 0; size = chunkSize()) {
                copy(size, sink);
                expectLineEnd();
            }
            for (String trailer = readLine(); !trailer.isEmpty(); trailer = readLine()) {
                // trailers carry nothing the benchmark uses
            }
            return !closes;
        }
        if (length != null) {
            copy(Long.parseLong(length), sink);
            return !closes;
        }
        if (head.status() == 204 || head.status() == 304) {
            return !closes;
        }
        for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
            sink.accept(buffer, 0, read);
        }
        return false;
    }

    private long chunkSize() throws IOException {
        String line = readLine();
        int extension = line.indexOf(';');
        return Long.parseLong((extension < 0 ? line : line.substring(0, extension)).trim(), 16);
    }

    private void copy(long length, BodySink sink) throws IOException {
        long left = length;
        while (left > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                throw new EOFException("the connection closed " + left + " bytes before the body's end");
            }
            sink.accept(buffer, 0, read);
            left -= read;
        }
    }

    private void expectLineEnd() throws IOException {
        if (!readLine().isEmpty()) {
            throw new IOException("a chunk does not end with CRLF");
        }
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("the connection closed mid-answer");
            }
            if (b != '\r') {
                line.append((char) b);
            }
            if (line.length() > MAX_HEAD_BYTES) {
                throw new IOException("a line over " + MAX_HEAD_BYTES + " bytes");
            }
        }
        return line.toString();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            socket = null;
            in = null;
            out = null;
        }
    }
}
