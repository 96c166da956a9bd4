package dev.incidentsla.service.web;

import dev.incidentsla.sla.policy.Product;
import dev.incidentsla.sla.policy.ProductScope;
import dev.incidentsla.sla.policy.ProgramPolicy;
import dev.incidentsla.sla.policy.SlaPolicy;
import dev.incidentsla.sla.policy.TargetRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

@RestController
@RequestMapping("/api/v1/products")
@Tag(name = "Products", description = "The product catalog of the SLA policy")
class ProductController {

    /**
     * A product of the catalog.
     *
     * @param exclusionTags the policy's exclusion lists that name the product (SLA-RULES section 6)
     */
    record ProductView(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "azure-virtual-machines") String code,
                       @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "Azure Virtual Machines") String name,
                       @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String family,
                       @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<String> exclusionTags,
                       @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<String> tags) {
    }

    private final List<ProductView> catalog;

    ProductController(SlaPolicy policy) {
        this.catalog = policy.products().all().stream()
                .map(product -> new ProductView(product.code(), product.name(), product.family(),
                        exclusionTags(policy, product), product.tags()))
                .toList();
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The product catalog", description = "Role: any valid token. Incidents name a product by `code`.")
    List<ProductView> products() {
        return catalog;
    }

    private static List<String> exclusionTags(SlaPolicy policy, Product product) {
        return policy.programs().stream()
                .flatMap(ProductController::scopes)
                .filter(scope -> scope.excludedProducts().contains(product.code()))
                .map(ProductScope::exclusionList)
                .filter(Objects::nonNull)
                .distinct()
                .sorted()
                .toList();
    }

    private static Stream<ProductScope> scopes(ProgramPolicy program) {
        return Stream.concat(Stream.of(program.coverage().products()), program.rules().stream().map(TargetRule::products));
    }
}
