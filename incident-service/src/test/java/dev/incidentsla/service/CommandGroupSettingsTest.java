package dev.incidentsla.service;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class CommandGroupSettingsTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(Settings.class);

    @EnableConfigurationProperties(CommandGroupSettings.class)
    static class Settings {
    }

    @Test
    void groups_are_on_with_two_lanes_of_at_most_fifty_commands_each_waiting_at_most_20_ms_unless_set() {
        context.run(started -> assertThat(started.getBean(CommandGroupSettings.class))
                .isEqualTo(new CommandGroupSettings(true, 2, 50, Duration.ofMillis(20))));
    }

    @Test
    void each_setting_binds() {
        context.withPropertyValues("incident-sla.command-groups.enabled=false", "incident-sla.command-groups.lanes=4",
                        "incident-sla.command-groups.limit=8", "incident-sla.command-groups.max-wait=5ms")
                .run(started -> assertThat(started.getBean(CommandGroupSettings.class))
                        .isEqualTo(new CommandGroupSettings(false, 4, 8, Duration.ofMillis(5))));
    }

    @Test
    void no_lane_an_empty_group_or_no_wait_is_refused_at_start() {
        context.withPropertyValues("incident-sla.command-groups.lanes=0")
                .run(started -> assertThat(started).hasFailed().getFailure().hasStackTraceContaining("at least 1"));
        context.withPropertyValues("incident-sla.command-groups.limit=0")
                .run(started -> assertThat(started).hasFailed().getFailure().hasStackTraceContaining("at least 1"));
        context.withPropertyValues("incident-sla.command-groups.max-wait=0s")
                .run(started -> assertThat(started).hasFailed().getFailure().hasStackTraceContaining("must be positive"));
    }
}
