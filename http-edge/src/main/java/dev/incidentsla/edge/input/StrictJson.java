package dev.incidentsla.edge.input;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.annotation.Nulls;
import dev.incidentsla.edge.problem.RefusedInputException;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The services read JSON strictly: every value in the one form the API documents. Strings only from strings,
 * booleans only from {@code true}/{@code false}, enums by their exact names, instants only as ISO-8601 with a zone and
 * dates only as dates, within the product's range; no unknown or repeated fields, no nulls inside arrays, nothing
 * after the document. A lenient reader turns a client's mistake into a different incident than the one it meant.
 */
public final class StrictJson implements JsonMapperBuilderCustomizer {

    @Override
    public void customize(JsonMapper.Builder builder) {
        builder.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                        DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY, DeserializationFeature.ACCEPT_FLOAT_AS_INT,
                        DeserializationFeature.ACCEPT_EMPTY_STRING_AS_NULL_OBJECT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS, MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS,
                        MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .changeDefaultNullHandling(handling -> handling.withContentNulls(Nulls.FAIL))
                .addModule(module());
    }

    static SimpleModule module() {
        SimpleModule module = new SimpleModule("strict-input");
        module.addDeserializer(String.class, new Scalar<>(String.class, JsonToken.VALUE_STRING, "a string",
                (parser) -> InputRules.text(parser.getString())));
        module.addDeserializer(Boolean.class, new Scalar<>(Boolean.class, null, "true or false", JsonParser::getBooleanValue));
        module.addDeserializer(boolean.class, new Scalar<>(Boolean.class, null, "true or false", JsonParser::getBooleanValue));
        module.addDeserializer(Instant.class, new Scalar<>(Instant.class, JsonToken.VALUE_STRING,
                "an instant with its zone, such as 2026-11-20T09:15:00Z", parser -> InputRules.instant(parser.getString())));
        module.addDeserializer(LocalDate.class, new Scalar<>(LocalDate.class, JsonToken.VALUE_STRING,
                "a date such as 2026-12-24", parser -> InputRules.date(parser.getString())));
        module.setDeserializerModifier(new ValueDeserializerModifier() {
            @Override
            public ValueDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
                                                               BeanDescription.Supplier description,
                                                               ValueDeserializer<?> deserializer) {
                return new ExactEnum(type.getRawClass());
            }
        });
        return module;
    }

    /**
     * One JSON token type, read one way; anything else refused with what was expected. {@code token} null means
     * {@code true} or {@code false}.
     */
    private static final class Scalar<T> extends StdDeserializer<T> {

        private final JsonToken token;
        private final String expected;
        private final Function<JsonParser, T> read;

        Scalar(Class<T> type, JsonToken token, String expected, Function<JsonParser, T> read) {
            super(type);
            this.token = token;
            this.expected = expected;
            this.read = read;
        }

        @Override
        public T deserialize(JsonParser parser, DeserializationContext context) {
            JsonToken current = parser.currentToken();
            boolean fits = token == null ? current == JsonToken.VALUE_TRUE || current == JsonToken.VALUE_FALSE : current == token;
            if (!fits) {
                throw new RefusedInputException(parser, "must be " + expected);
            }
            try {
                return read.apply(parser);
            } catch (IllegalArgumentException e) {
                throw new RefusedInputException(parser, e.getMessage());
            }
        }
    }

    /** An enum by its exact JSON name (its {@code @JsonValue}, else its constant's name): no case folding, no trimming. */
    private static final class ExactEnum extends StdDeserializer<Object> {

        private final Map<String, Object> byName = new LinkedHashMap<>();

        ExactEnum(Class<?> type) {
            super(type);
            Method jsonValue = Arrays.stream(type.getMethods())
                    .filter(method -> method.isAnnotationPresent(JsonValue.class) && method.getParameterCount() == 0)
                    .findFirst().orElse(null);
            for (Object constant : type.getEnumConstants()) {
                byName.put(jsonName(constant, jsonValue), constant);
            }
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) {
            if (parser.currentToken() == JsonToken.VALUE_STRING) {
                Object constant = byName.get(parser.getString());
                if (constant != null) {
                    return constant;
                }
            }
            throw new RefusedInputException(parser, "must be one of " + String.join(", ", byName.keySet()));
        }

        private static String jsonName(Object constant, Method jsonValue) {
            if (jsonValue == null) {
                return ((Enum<?>) constant).name();
            }
            try {
                return String.valueOf(jsonValue.invoke(constant));
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read the JSON name of " + constant, e);
            }
        }
    }
}
