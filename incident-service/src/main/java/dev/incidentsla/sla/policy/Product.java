package dev.incidentsla.sla.policy;

import java.util.List;

/** A product of the catalog: rules look at its family and code, never at its display name. */
public record Product(String code, String name, String family, List<String> tags) {

    public Product {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
