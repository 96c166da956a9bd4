package dev.incidentsla.edge.input;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One kept-alive connection on which a test writes raw bytes (several requests in one write, if it likes) and reads
 * the answers one by one, as a pooling client does. A server that stops reading the connection shows as a read that
 * times out.
 */
public final class KeepAliveConnection implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;

    private KeepAliveConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
    }

    public static KeepAliveConnection open(int port, Duration readTimeout) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout((int) readTimeout.toMillis());
        socket.setTcpNoDelay(true);
        return new KeepAliveConnection(socket);
    }

    public void write(String requests) throws IOException {
        socket.getOutputStream().write(requests.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
    }

    /** The next answer's status; its body is read and dropped, so the following answer starts where it should. */
    public int readStatus() throws IOException {
        String head = readHead();
        String[] lines = head.split("\r\n");
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            skipChunks();
        } else {
            skip(Integer.parseInt(headers.getOrDefault("content-length", "0")));
        }
        return Integer.parseInt(lines[0].split(" ")[1]);
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (true) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("the server closed the connection before answering");
            }
            head.write(next);
            byte[] bytes = head.toByteArray();
            int length = bytes.length;
            if (length >= 4 && bytes[length - 4] == '\r' && bytes[length - 3] == '\n' && bytes[length - 2] == '\r'
                    && bytes[length - 1] == '\n') {
                return new String(bytes, 0, length - 4, StandardCharsets.ISO_8859_1);
            }
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int next = in.read(); next != '\n'; next = in.read()) {
            if (next < 0) {
                throw new IOException("the server closed the connection mid-answer");
            }
            if (next != '\r') {
                line.write(next);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    private void skipChunks() throws IOException {
        while (true) {
            String sizeLine = readLine();
            int extension = sizeLine.indexOf(';');
            int size = Integer.parseInt((extension < 0 ? sizeLine : sizeLine.substring(0, extension)).trim(), 16);
            if (size == 0) {
                readLine();
                return;
            }
            skip(size);
            readLine();
        }
    }

    private void skip(int length) throws IOException {
        if (in.readNBytes(length).length < length) {
            throw new IOException("the server closed the connection mid-body");
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
