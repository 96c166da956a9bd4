package dev.incidentsla.edge.input;

import org.springframework.core.ResolvableType;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.codec.json.JacksonJsonDecoder;
import org.springframework.util.MimeType;
import tools.jackson.databind.json.JsonMapper;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Refuses a body that is not well-formed UTF-8 before Jackson reads it: Jackson decodes overlong forms
 * ({@code C0 AF} as "/"), so a value could pass every check in one spelling and mean another.
 */
public final class StrictUtf8JsonDecoder extends JacksonJsonDecoder {

    public StrictUtf8JsonDecoder(JsonMapper mapper) {
        super(mapper);
    }

    @Override
    public Object decode(DataBuffer body, ResolvableType targetType, MimeType mimeType, Map<String, Object> hints) {
        ByteBuffer bytes = ByteBuffer.allocate(body.readableByteCount());
        body.toByteBuffer(body.readPosition(), bytes, 0, bytes.capacity());
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes);
        } catch (CharacterCodingException e) {
            DataBufferUtils.release(body);
            throw new DecodingException("the body is not well-formed UTF-8");
        }
        return super.decode(body, targetType, mimeType, hints);
    }
}
