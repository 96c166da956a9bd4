package dev.incidentsla.service.config;

import dev.incidentsla.sla.data.HolidayLibrary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** The operator's policy and holiday tables named in configuration replace the shipped ones, without a release. */
class SlaEngineConfigurationTest {

    private final SlaEngineConfiguration configuration = new SlaEngineConfiguration();

    private static IncidentSlaProperties properties(Path policy, Path holidays) {
        return new IncidentSlaProperties(policy, holidays, Duration.ofSeconds(30), 3,
                new IncidentSlaProperties.EmbeddedDatabase(true, Path.of("./data/postgres"), 0, true));
    }

    @Test
    void without_settings_the_shipped_policy_and_tables_are_used() {
        IncidentSlaProperties shipped = properties(null, null);
        assertThat(configuration.slaPolicy(shipped).policyVersion()).isEqualTo("2026-12-06.1");
        assertThat(configuration.holidayLibrary(shipped).publicHolidays("CN", null).inYear(2027).holidays()).isEmpty();
    }

    @Test
    void a_configured_policy_file_and_holiday_directory_are_read(@TempDir Path directory) throws IOException {
        Path policy = directory.resolve("policy.yaml");
        try (InputStream shipped = getClass().getClassLoader().getResourceAsStream("sla-policy.yaml")) {
            Files.writeString(policy, new String(shipped.readAllBytes()).replace("\"2026-12-06.1\"", "\"operator-2\""));
        }
        Path tables = Files.createDirectories(directory.resolve("holidays"));
        Files.writeString(tables.resolve("cn.yaml"), """
                country: CN
                years:
                  2027:
                    source: "operator"
                    holidays:
                      - {date: 2027-01-01, name: "元旦", kind: PUBLIC_HOLIDAY}
                    workingDays: []
                """);
        IncidentSlaProperties operated = properties(policy, tables);
        assertThat(configuration.slaPolicy(operated).policyVersion()).isEqualTo("operator-2");
        HolidayLibrary library = configuration.holidayLibrary(operated);
        assertThat(library.publicHolidays("CN", null).inYear(2027).holidays()).containsOnlyKeys(LocalDate.parse("2027-01-01"));
    }
}
