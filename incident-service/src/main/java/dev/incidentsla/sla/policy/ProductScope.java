package dev.incidentsla.sla.policy;

import java.util.Set;

/**
 * Which products a rule or a program's coverage applies to: those of the listed families (all families
 * when empty), minus a named exclusion list of SLA-RULES section 6.
 *
 * @param exclusionList the name of the exclusion list, for explanations, or null
 */
public record ProductScope(Set<String> families, String exclusionList, Set<String> excludedProducts) {

    public static final ProductScope ALL = new ProductScope(Set.of(), null, Set.of());

    public ProductScope {
        families = Set.copyOf(families);
        excludedProducts = Set.copyOf(excludedProducts);
    }

    /** Why the product is out of scope, or null when it is in scope. */
    public String exclusionReason(Product product) {
        if (!families.isEmpty() && !families.contains(product.family())) {
            return "product family " + product.family() + " is not " + String.join("/", families);
        }
        if (excludedProducts.contains(product.code())) {
            return product.code() + " is on the exclusion list " + exclusionList;
        }
        return null;
    }
}
