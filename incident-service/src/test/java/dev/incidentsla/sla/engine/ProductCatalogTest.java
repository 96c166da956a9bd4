package dev.incidentsla.sla.engine;

import dev.incidentsla.sla.policy.Product;
import dev.incidentsla.sla.policy.ProductScope;
import dev.incidentsla.sla.policy.ProgramPolicy;
import dev.incidentsla.sla.policy.TargetRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static dev.incidentsla.sla.engine.EngineFixture.EVENT_MCS;
import static dev.incidentsla.sla.engine.EngineFixture.PLATFORM_MCS;
import static dev.incidentsla.sla.engine.EngineFixture.POLICY;
import static dev.incidentsla.sla.engine.EngineFixture.RAPID_RESPONSE;
import static dev.incidentsla.sla.engine.EngineFixture.SECURITY_MCS;
import static dev.incidentsla.sla.engine.EngineFixture.UER;
import static dev.incidentsla.sla.engine.EngineFixture.UNIFIED;
import static org.assertj.core.api.Assertions.assertThat;

/** SLA-RULES section 6: the product catalog and the programs' exclusion lists, as the shipped policy has them. */
class ProductCatalogTest {

    private static final Set<String> AZURE_ROW = Set.of("azure-virtual-machines", "azure-sql-database", "azure-kubernetes-service",
            "azure-storsimple", "github-ae", "azure-communication-services", "billing-subscription-management",
            "azure-media-services", "azure-stack", "azure-maps", "azure-us-government", "azure-china", "test-base-m365",
            "microsoft-mesh", "universal-print", "a40");
    private static final Set<String> SECURITY_ROW = Set.of("microsoft-entra", "microsoft-intune", "microsoft-purview",
            "microsoft-defender", "microsoft-sentinel");
    private static final Set<String> OTHER_ROW = Set.of("exchange-server", "sql-server", "windows-server", "microsoft-365",
            "dynamics-365");

    private static String familyOf(String code) {
        return POLICY.products().require(code).family();
    }

    private static ProgramPolicy program(String name) {
        return POLICY.program(name).orElseThrow(() -> new AssertionError("the policy has no program " + name));
    }

    private static ProductScope ruleScope(String program, String ruleId) {
        return program(program).rules().stream().filter(rule -> rule.id().equals(ruleId)).findFirst()
                .map(TargetRule::products)
                .orElseThrow(() -> new AssertionError(program + " has no rule " + ruleId));
    }

    private static ProductScope coverageScope(String program) {
        return program(program).coverage().products();
    }

    // ---- families ----

    @ParameterizedTest
    @ValueSource(strings = {"azure-virtual-machines", "azure-sql-database", "azure-kubernetes-service", "azure-storsimple",
            "github-ae", "azure-communication-services", "billing-subscription-management", "azure-media-services", "azure-stack",
            "azure-maps", "azure-us-government", "azure-china", "test-base-m365", "microsoft-mesh", "universal-print", "a40"})
    void every_code_of_the_azure_row_is_family_azure(String code) {
        assertThat(familyOf(code)).isEqualTo("AZURE");
    }

    @Test
    void every_other_azure_service_in_the_catalog_is_family_azure() {
        assertThat(POLICY.products().all()).filteredOn(product -> product.code().startsWith("azure-"))
                .isNotEmpty()
                .allSatisfy(product -> assertThat(product.family()).as(product.code()).isEqualTo("AZURE"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"microsoft-entra", "microsoft-intune", "microsoft-purview", "microsoft-defender", "microsoft-sentinel"})
    void every_code_of_the_security_row_is_family_security(String code) {
        assertThat(familyOf(code)).isEqualTo("SECURITY");
    }

    @ParameterizedTest
    @ValueSource(strings = {"exchange-server", "sql-server", "windows-server", "microsoft-365", "dynamics-365"})
    void every_code_of_the_other_row_is_family_other(String code) {
        assertThat(familyOf(code)).isEqualTo("OTHER");
    }

    @Test
    void the_catalog_holds_only_the_products_of_section_6_and_further_azure_services() {
        assertThat(POLICY.products().all()).extracting(Product::code).allSatisfy(code -> assertThat(
                AZURE_ROW.contains(code) || SECURITY_ROW.contains(code) || OTHER_ROW.contains(code) || code.startsWith("azure-"))
                .as(code + " is not a section-6 product").isTrue());
    }

    // ---- exclusion lists ----

    @Test
    void the_unified_sev_1_azure_rule_excludes_exactly_the_section_6_list() {
        assertThat(ruleScope(UNIFIED, "unified.sev-1.azure").excludedProducts()).containsExactlyInAnyOrder(
                "azure-storsimple", "github-ae", "azure-communication-services", "billing-subscription-management");
    }

    @Test
    void the_uer_sev_1_azure_rule_excludes_exactly_the_section_6_list() {
        assertThat(ruleScope(UER, "uer.sev-1.azure").excludedProducts()).containsExactlyInAnyOrder(
                "azure-us-government", "azure-storsimple", "github-ae", "a40", "azure-media-services", "azure-stack",
                "test-base-m365", "microsoft-mesh", "universal-print");
    }

    @Test
    void rapid_response_does_not_cover_exactly_the_section_6_list() {
        assertThat(coverageScope(RAPID_RESPONSE).excludedProducts()).containsExactlyInAnyOrder(
                "azure-media-services", "azure-stack", "azure-storsimple", "github-ae", "universal-print",
                "azure-communication-services", "billing-subscription-management", "test-base-m365", "microsoft-mesh");
    }

    @Test
    void platform_mcs_puts_exactly_the_newer_section_6_list_out_of_scope() {
        assertThat(coverageScope(PLATFORM_MCS).excludedProducts()).containsExactlyInAnyOrder(
                "azure-us-government", "azure-china", "azure-media-services", "azure-stack", "billing-subscription-management",
                "azure-maps", "azure-storsimple", "github-ae", "universal-print", "test-base-m365", "microsoft-mesh");
    }

    @Test
    void event_mcs_excludes_exactly_the_government_and_sovereign_clouds() {
        assertThat(coverageScope(EVENT_MCS).excludedProducts()).containsExactlyInAnyOrder("azure-us-government", "azure-china");
    }

    @Test
    void the_azure_add_ons_cover_only_the_azure_family_and_security_mcs_only_the_security_family() {
        assertThat(Stream.of(RAPID_RESPONSE, PLATFORM_MCS, EVENT_MCS).map(name -> coverageScope(name).families()))
                .containsOnly(Set.of("AZURE"));
        assertThat(coverageScope(SECURITY_MCS).families()).containsExactly("SECURITY");
        assertThat(coverageScope(SECURITY_MCS).excludedProducts()).isEmpty();
    }

    @Test
    void every_product_an_exclusion_list_names_is_itself_family_azure() {
        List<ProductScope> lists = List.of(ruleScope(UNIFIED, "unified.sev-1.azure"), ruleScope(UER, "uer.sev-1.azure"),
                coverageScope(RAPID_RESPONSE), coverageScope(PLATFORM_MCS), coverageScope(EVENT_MCS));
        assertThat(lists.stream().flatMap(scope -> scope.excludedProducts().stream()).map(ProductCatalogTest::familyOf))
                .isNotEmpty().containsOnly("AZURE");
    }

    @Test
    void the_programs_are_in_section_3_order_which_breaks_ties() {
        assertThat(POLICY.programs()).extracting(ProgramPolicy::program)
                .containsExactly(UNIFIED, UER, RAPID_RESPONSE, PLATFORM_MCS, EVENT_MCS, SECURITY_MCS);
        assertThat(POLICY.programs()).filteredOn(ProgramPolicy::heldByEveryContract).extracting(ProgramPolicy::program)
                .containsExactly(UNIFIED);
    }
}
