package dev.incidentsla.sla.cli;

import dev.incidentsla.api.SlaDecision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExplainDeadlineTest {

    private final Clock now = Clock.fixed(Instant.parse("2026-11-20T09:15:00Z"), ZoneOffset.UTC);

    @Test
    void explains_a_jakarta_sev_b_submitted_friday_evening() {
        SlaDecision decision = ExplainDeadline.explain(ExplainDeadline.arguments(new String[]{"submittedAt=2026-11-20T10:00:00Z"}), now);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExplainDeadline.print(decision, new PrintStream(out, true));
        assertThat(out.toString()).contains("dueAt: 2026-11-23T03:30:00Z", "rule: unified.sev-b.business-hours",
                "skipped Sat 2026-11-21 (weekend)");
    }

    @Test
    void without_a_submission_instant_the_incident_is_submitted_now() {
        SlaDecision decision = ExplainDeadline.explain(ExplainDeadline.arguments(new String[]{
                "severity=1", "programs=UNIFIED,UER", "timeZone=Europe/Berlin", "country=DE"}), now);
        assertThat(decision.dueAt()).isEqualTo(Instant.parse("2026-11-20T09:30:00Z"));
        assertThat(decision.seniorIncidentManager()).isTrue();
    }

    @Test
    void operator_holiday_tables_named_on_the_command_line_are_used(@TempDir Path directory) throws IOException {
        Files.writeString(directory.resolve("id.yaml"), """
                country: ID
                years:
                  2026:
                    source: "test"
                    holidays:
                      - {date: 2026-11-23, name: "operator holiday", kind: PUBLIC_HOLIDAY}
                    workingDays: []
                """);
        SlaDecision decision = ExplainDeadline.explain(ExplainDeadline.arguments(new String[]{
                "submittedAt=2026-11-20T10:00:00Z", "holidays=" + directory}), now);
        assertThat(decision.dueAt()).as("Monday is now a holiday: Tuesday 10:30 WIB").isEqualTo(Instant.parse("2026-11-24T03:30:00Z"));
        assertThat(decision.explanation()).contains("operator holiday");
    }

    @Test
    void an_unknown_program_is_refused_rather_than_ignored() {
        assertThatThrownBy(() -> ExplainDeadline.explain(ExplainDeadline.arguments(new String[]{"programs=UNIFIED,UERR"}), now))
                .hasMessageContaining("unknown program 'UERR'");
    }

    @Test
    void an_unknown_argument_is_refused() {
        assertThatThrownBy(() -> ExplainDeadline.arguments(new String[]{"sevrity=1"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sevrity=1");
    }
}
