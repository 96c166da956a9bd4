package dev.incidentsla.sla.policy;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

public final class ProductCatalog {

    private final Map<String, Product> products = new LinkedHashMap<>();

    public ProductCatalog(Collection<Product> products) {
        for (Product product : products) {
            if (this.products.put(product.code(), product) != null) {
                throw new IllegalArgumentException("product code listed twice in the catalog: " + product.code());
            }
        }
    }

    public Optional<Product> find(String code) {
        return Optional.ofNullable(products.get(code));
    }

    public Product require(String code) {
        return find(code).orElseThrow(() -> new UnknownProductException(code));
    }

    public Collection<Product> all() {
        return products.values();
    }
}
