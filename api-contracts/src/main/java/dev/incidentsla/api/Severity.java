package dev.incidentsla.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;

/** Business impact of an incident, from "critical system down" (1) to "minor impact" (C). */
public enum Severity {
    SEV_1("1"), A("A"), B("B"), C("C");

    private final String code;

    Severity(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    @JsonCreator
    public static Severity fromCode(String code) {
        return Arrays.stream(values())
                .filter(severity -> severity.code.equals(code))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown severity '" + code + "' (expected one of 1, A, B, C)"));
    }

    @Override
    public String toString() {
        return code;
    }
}
