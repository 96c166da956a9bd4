package dev.incidentsla.sla.policy;

public final class UnknownProductException extends IllegalArgumentException {

    public UnknownProductException(String code) {
        super("unknown product code '" + code + "' (GET /api/v1/products lists the catalog)");
    }
}
