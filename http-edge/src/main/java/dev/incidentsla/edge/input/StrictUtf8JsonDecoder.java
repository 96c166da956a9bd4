package dev.incidentsla.edge.input;

import org.springframework.core.ResolvableType;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.codec.json.JacksonJsonDecoder;
import org.springframework.util.MimeType;
import tools.jackson.databind.json.JsonMapper;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Refuses a body that is not well-formed UTF-8 before Jackson reads it: Jackson decodes overlong forms
 * ({@code C0 AF} as "/"), so a value could pass every check in one spelling and mean another. For the same reason it
 * refuses a body in another encoding: one whose {@code Content-Type} names another charset (Spring would transcode
 * it), and one with a NUL byte, which no UTF-8 JSON text has (a NUL in a string is escaped) and every UTF-16 or
 * UTF-32 one does, and which Jackson would otherwise read in whichever of them it guesses.
 */
public final class StrictUtf8JsonDecoder extends JacksonJsonDecoder {

    public StrictUtf8JsonDecoder(JsonMapper mapper) {
        super(mapper);
    }

    @Override
    public Object decode(DataBuffer body, ResolvableType targetType, MimeType mimeType, Map<String, Object> hints) {
        if (mimeType != null && mimeType.getParameter("charset") != null && !isUtf8(mimeType.getParameter("charset"))) {
            DataBufferUtils.release(body);
            throw new DecodingException("the body must be JSON in UTF-8; the request's Content-Type names another charset");
        }
        ByteBuffer bytes = ByteBuffer.allocate(body.readableByteCount());
        body.toByteBuffer(body.readPosition(), bytes, 0, bytes.capacity());
        String refusal = notUtf8JsonText(bytes);
        if (refusal != null) {
            DataBufferUtils.release(body);
            throw new DecodingException(refusal);
        }
        return super.decode(body, targetType, mimeType, hints);
    }

    /**
     * Why these bytes are not JSON text in UTF-8, or null: one pass, decoded a chunk at a time. A NUL byte in valid
     * UTF-8 decodes to U+0000, so looking for that character finds it.
     */
    private static String notUtf8JsonText(ByteBuffer bytes) {
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer chunk = CharBuffer.allocate(1024);
        CoderResult result;
        do {
            result = utf8.decode(bytes, chunk, true);
            if (result.isError()) {
                return "the body is not well-formed UTF-8";
            }
            chunk.flip();
            while (chunk.hasRemaining()) {
                if (chunk.get() == '\0') {
                    return "the body is not JSON in UTF-8: it holds a NUL byte (UTF-16 or UTF-32 text?)";
                }
            }
            chunk.clear();
        } while (result.isOverflow());
        return null;
    }

    private static boolean isUtf8(String charset) {
        String name = charset.strip().replace("\"", "");
        return name.equalsIgnoreCase("UTF-8") || name.equalsIgnoreCase("UTF8");
    }
}
