package dev.incidentsla.service;

import dev.incidentsla.service.config.IncidentSlaProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.NoTransactionManager;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandSenderTest {

    @Test
    void a_command_sent_from_a_non_blocking_thread_is_refused_before_it_reaches_a_handler() {
        CommandGateway unreachable = (CommandGateway) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{CommandGateway.class}, (proxy, method, args) -> {
                    throw new AssertionError("the gateway must not be called");
                });
        CommandGroups groups = new CommandGroups(unreachable, NoTransactionManager.INSTANCE, new CommandTargets(),
                List.of(), new CommandGroupSettings(true, 2, 50, Duration.ofMillis(20)), new SimpleMeterRegistry());
        CommandSender sender = new CommandSender(groups, new IncidentSlaProperties(null, null, Duration.ofSeconds(30), 3,
                new IncidentSlaProperties.EmbeddedDatabase(true, Path.of("."), 0, true)), new SimpleMeterRegistry());
        assertThatThrownBy(() -> Mono.fromCallable(() -> sender.send("command", new RequestContext("a", "c")))
                .subscribeOn(Schedulers.parallel()).block())
                .hasMessageContaining("must not run on the event loop");
    }
}
