package dev.incidentsla.projection.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The projection's part of its OpenAPI document that annotations cannot say: programs as an enum, durations as
 * ISO-8601 durations. The projection does not load the SLA policy (the incident service does and records each
 * decision's program), so the program names are API.md's, which the public contract fixes.
 */
@Component
class ProjectionOpenApi implements OpenApiCustomizer {

    /** The programs API.md names (the names of the incident service's sla-policy.yaml). */
    static final List<String> PROGRAMS = List.of("UNIFIED", "UER", "AZURE_RAPID_RESPONSE", "AZURE_PLATFORM_MCS",
            "AZURE_EVENT_MCS", "SECURITY_CLOUD_MCS");

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public void customise(OpenAPI openApi) {
        if (openApi.getComponents() == null || openApi.getComponents().getSchemas() == null) {
            return;
        }
        for (Schema<?> schema : openApi.getComponents().getSchemas().values()) {
            Map<String, Schema> properties = schema.getProperties();
            if (properties == null) {
                continue;
            }
            Schema program = properties.get("program");
            if (program != null && isString(program)) {
                program.setEnum(new ArrayList<>(PROGRAMS));
                program.setDescription("The program whose rule set the deadline");
            }
            duration(properties.get("target"), "The target, an ISO-8601 duration (e.g. PT2H)");
            duration(properties.get("timeLeft"), "Until the deadline, an ISO-8601 duration; negative once it has passed");
        }
        openApi.getPaths().forEach((path, item) -> item.readOperations().forEach(operation -> {
            if (operation.getParameters() != null) {
                operation.getParameters().stream().filter(parameter -> "program".equals(parameter.getName()))
                        .filter(parameter -> parameter.getSchema() != null && isString(parameter.getSchema()))
                        .forEach(parameter -> parameter.getSchema().setEnum(new ArrayList<>(PROGRAMS)));
            }
        }));
    }

    private static void duration(Schema<?> property, String description) {
        if (property != null && isString(property)) {
            property.setFormat("duration");
            property.setDescription(description);
        }
    }

    private static boolean isString(Schema<?> schema) {
        return "string".equals(schema.getType()) || (schema.getTypes() != null && schema.getTypes().contains("string"));
    }
}
