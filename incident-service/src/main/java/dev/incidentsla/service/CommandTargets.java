package dev.incidentsla.service;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.annotation.AnnotationUtils;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.springframework.stereotype.Component;

import java.lang.annotation.Annotation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The aggregate a command is for, as Axon's {@link AnnotationCommandTargetResolver} finds it, with its reflective
 * search done once per command type rather than for every command: Axon walks the command's fields and methods and
 * their annotations each time, about 5 % of a busy node's CPU in a flight recording (issue 9). A record whose one
 * component is annotated {@link TargetAggregateIdentifier}, and none {@link TargetAggregateVersion}, as every command of
 * {@code api-contracts} is, is read through that component's accessor. Any other command, and a record whose target is
 * null, goes to Axon's resolver, which answers or refuses it as before.
 * <p>
 * The aggregates name it ({@code @Aggregate(commandTargetResolver = ...)}); {@link CommandGroups} finds a command's
 * incident with it.
 */
@Component(CommandTargets.BEAN)
public class CommandTargets implements CommandTargetResolver {

    public static final String BEAN = "commandTargets";

    private final CommandTargetResolver annotations = AnnotationCommandTargetResolver.builder().build();
    private final ClassValue<Optional<MethodHandle>> identifierAccessors = new ClassValue<>() {
        @Override
        protected Optional<MethodHandle> computeValue(Class<?> type) {
            return identifierAccessor(type);
        }
    };

    @Override
    public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
        Optional<MethodHandle> accessor = identifierAccessors.get(command.getPayloadType());
        if (accessor.isPresent()) {
            Object identifier = read(accessor.get(), command.getPayload());
            if (identifier != null) {
                return new VersionedAggregateIdentifier(identifier, null);
            }
        }
        return annotations.resolveTarget(command);
    }

    /** Whether commands of the type are read through their target component's accessor rather than by Axon's search. */
    boolean readsDirectly(Class<?> commandType) {
        return identifierAccessors.get(commandType).isPresent();
    }

    private static Optional<MethodHandle> identifierAccessor(Class<?> type) {
        if (!type.isRecord()) {
            return Optional.empty();
        }
        List<RecordComponent> components = Arrays.asList(type.getRecordComponents());
        List<RecordComponent> targets = components.stream()
                .filter(component -> annotated(type, component, TargetAggregateIdentifier.class)).toList();
        boolean versioned = components.stream().anyMatch(component -> annotated(type, component, TargetAggregateVersion.class));
        if (targets.size() != 1 || versioned) {
            return Optional.empty();
        }
        try {
            Method accessor = targets.get(0).getAccessor();
            accessor.setAccessible(true);
            return Optional.of(MethodHandles.lookup().unreflect(accessor));
        } catch (IllegalAccessException | RuntimeException inaccessible) {
            return Optional.empty();
        }
    }

    /** On the component's field or accessor, directly or as a meta-annotation, where Axon's search finds it. */
    private static boolean annotated(Class<?> type, RecordComponent component, Class<? extends Annotation> annotation) {
        try {
            return AnnotationUtils.isAnnotationPresent(component.getAccessor(), annotation)
                    || AnnotationUtils.isAnnotationPresent(type.getDeclaredField(component.getName()), annotation);
        } catch (NoSuchFieldException impossible) {
            return AnnotationUtils.isAnnotationPresent(component.getAccessor(), annotation);
        }
    }

    private static Object read(MethodHandle accessor, Object command) {
        try {
            return accessor.invoke(command);
        } catch (RuntimeException | Error failure) {
            throw failure;
        } catch (Throwable checked) {
            throw new IllegalStateException("reading the target of " + command, checked);
        }
    }
}
