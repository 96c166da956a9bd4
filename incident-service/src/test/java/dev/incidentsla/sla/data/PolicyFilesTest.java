package dev.incidentsla.sla.data;

import dev.incidentsla.sla.policy.ProgramPolicy;
import dev.incidentsla.sla.policy.SlaPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyFilesTest {

    @TempDir
    Path directory;

    @Test
    void the_shipped_policy_holds_every_program_of_section_3_in_tie_break_order() {
        SlaPolicy policy = PolicyFiles.bundled();
        assertThat(policy.policyVersion()).isNotBlank();
        assertThat(policy.programs()).extracting(ProgramPolicy::program).containsExactly("UNIFIED", "UER",
                "AZURE_RAPID_RESPONSE", "AZURE_PLATFORM_MCS", "AZURE_EVENT_MCS", "SECURITY_CLOUD_MCS");
        assertThat(policy.programs()).filteredOn(ProgramPolicy::heldByEveryContract).extracting(ProgramPolicy::program)
                .containsExactly("UNIFIED");
    }

    @Test
    void an_operator_policy_file_is_read_from_a_path() throws IOException {
        Path file = copyOfShippedPolicy().replace("policyVersion: \"2026-12-06.1\"", "policyVersion: \"operator-7\"").write();
        assertThat(PolicyFiles.read(file).policyVersion()).isEqualTo("operator-7");
    }

    @Test
    void a_rule_naming_an_unknown_exclusion_list_is_refused() throws IOException {
        Path file = copyOfShippedPolicy().replace("excluding: unified-sev1-azure", "excluding: no-such-list").write();
        assertThatThrownBy(() -> PolicyFiles.read(file)).hasMessageContaining("unknown exclusion list no-such-list");
    }

    @Test
    void an_exclusion_list_naming_an_unknown_product_is_refused() throws IOException {
        Path file = copyOfShippedPolicy().replace("[azure-us-government, azure-china]", "[azure-us-government, azure-mars]").write();
        assertThatThrownBy(() -> PolicyFiles.read(file)).hasMessageContaining("unknown product azure-mars");
    }

    @Test
    void a_misspelt_setting_is_refused_rather_than_ignored() throws IOException {
        Path file = copyOfShippedPolicy().replace("atRiskShare: 0.75", "atRiskShares: 0.75").write();
        assertThatThrownBy(() -> PolicyFiles.read(file)).hasMessageContaining("atRiskShares");
    }

    @Test
    void an_at_risk_share_outside_zero_to_one_is_refused() throws IOException {
        Path file = copyOfShippedPolicy().replace("atRiskShare: 0.75", "atRiskShare: 1.5").write();
        assertThatThrownBy(() -> PolicyFiles.read(file)).hasMessageContaining("atRiskShare");
    }

    @Test
    void a_family_no_product_has_is_refused() throws IOException {
        Path file = copyOfShippedPolicy().replace("coverage: {families: [SECURITY]}", "coverage: {families: [SECURTY]}").write();
        assertThatThrownBy(() -> PolicyFiles.read(file)).hasMessageContaining("family SECURTY");
    }

    @Test
    void an_urgency_order_missing_a_level_is_refused() throws IOException {
        Path file = copyOfShippedPolicy().replace("  - {severity: B, aroundTheClock: true}\n", "").write();
        assertThatThrownBy(() -> PolicyFiles.read(file)).hasMessageContaining("urgency order has no level for severity B with 24x7");
    }

    @Test
    void default_business_hours_that_are_not_times_are_refused() throws IOException {
        Path file = copyOfShippedPolicy().replace("closes: \"17:30\"", "closes: \"5pm\"").write();
        assertThatThrownBy(() -> PolicyFiles.read(file)).hasMessageContaining("'5pm' is not a local time");
    }

    @Test
    void a_base_program_that_leaves_an_incident_without_target_is_refused() throws IOException {
        Path file = copyOfShippedPolicy().replace("      - {id: unified.sev-c.business-hours, severities: [C], target: PT4H, clock: BUSINESS_HOURS}\n", "")
                .write();
        assertThatThrownBy(() -> PolicyFiles.read(file)).hasMessageContaining("no base program gives a target for Sev C");
    }

    @Test
    void a_zero_target_is_refused() throws IOException {
        Path file = copyOfShippedPolicy().replace("severities: [A], target: PT30M", "severities: [A], target: PT0S").write();
        assertThatThrownBy(() -> PolicyFiles.read(file)).hasMessageContaining("positive target");
    }

    private PolicyText copyOfShippedPolicy() throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(PolicyFiles.BUNDLED)) {
            return new PolicyText(new String(in.readAllBytes()));
        }
    }

    private final class PolicyText {

        private final String text;

        PolicyText(String text) {
            this.text = text;
        }

        PolicyText replace(String from, String to) {
            assertThat(text).contains(from);
            return new PolicyText(text.replace(from, to));
        }

        Path write() throws IOException {
            return Files.writeString(directory.resolve("policy.yaml"), text);
        }
    }
}
