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
        Path file = copyOfShippedPolicy().replace("policyVersion: \"2026-11-21.1\"", "policyVersion: \"operator-7\"").write();
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
