package dev.incidentsla.service;

import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An event's stored shape may change only with a new {@code @Revision}: upcasters key on it, and the audit stream
 * passes a payload stored at its type's current revision through as stored (AuditLog), which is right only if every
 * payload stored at that revision has today's fields. Each line of {@code event-revisions.txt} is an event type, its
 * revision and the fields of it and of the project's types inside it; a change of fields without a new revision fails
 * here. After bumping the revision, replace the event's line with the one this test prints.
 */
class EventRevisionsTest {

    private static final String MESSAGES = "dev.incidentsla.api";

    @Test
    void every_event_s_fields_are_those_recorded_for_its_revision() throws IOException {
        Set<String> expected = recorded();
        Set<String> actual = new TreeSet<>();
        for (Class<?> event : revisedTypes()) {
            actual.add(event.getSimpleName() + " " + event.getAnnotation(Revision.class).value() + " " + shape(event));
        }
        assertThat(actual).as("event shapes by revision; changed or new lines are, as they are now:%n%s",
                        actual.stream().filter(line -> !expected.contains(line)).collect(Collectors.joining("\n")))
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    private static List<Class<?>> revisedTypes() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Revision.class));
        List<Class<?>> types = new ArrayList<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents(MESSAGES)) {
            try {
                types.add(Class.forName(candidate.getBeanClassName()));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        assertThat(types).as("events with a @Revision under " + MESSAGES).isNotEmpty();
        return types;
    }

    /** The record's fields with their types, and those of the project's records inside it, each once. */
    private static String shape(Class<?> type) {
        Set<Class<?>> seen = new LinkedHashSet<>();
        StringBuilder shape = new StringBuilder();
        describe(type, seen, shape);
        return shape.toString();
    }

    private static void describe(Class<?> type, Set<Class<?>> seen, StringBuilder shape) {
        if (!type.isRecord() || !seen.add(type)) {
            return;
        }
        RecordComponent[] components = type.getRecordComponents();
        shape.append(seen.size() == 1 ? "" : " " + type.getSimpleName()).append('(');
        List<Class<?>> inner = new ArrayList<>();
        for (int i = 0; i < components.length; i++) {
            Type generic = components[i].getGenericType();
            shape.append(i == 0 ? "" : ",").append(components[i].getName()).append(':').append(typeName(generic));
            collectProjectTypes(generic, inner);
        }
        shape.append(')');
        inner.forEach(nested -> describe(nested, seen, shape));
    }

    private static void collectProjectTypes(Type type, List<Class<?>> into) {
        if (type instanceof Class<?> plain && plain.getName().startsWith(MESSAGES)) {
            into.add(plain);
        } else if (type instanceof ParameterizedType parameterized) {
            for (Type argument : parameterized.getActualTypeArguments()) {
                collectProjectTypes(argument, into);
            }
        }
    }

    private static String typeName(Type type) {
        return type.getTypeName().replaceAll("[\\w.]+\\.(\\w+)", "$1").replace(" ", "");
    }

    private static Set<String> recorded() throws IOException {
        try (InputStream lines = EventRevisionsTest.class.getResourceAsStream("/event-revisions.txt")) {
            assertThat(lines).as("event-revisions.txt on the test class path").isNotNull();
            return new String(lines.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
