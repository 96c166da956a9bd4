package dev.incidentsla.service.web;

import dev.incidentsla.sla.policy.Product;
import dev.incidentsla.sla.policy.ProgramPolicy;
import dev.incidentsla.sla.policy.SlaPolicy;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The incident service's part of its OpenAPI document that annotations cannot say: the program and product family
 * enums, read from the SLA policy in force (so that a policy with another program documents it), and the shared
 * value types of {@code api-contracts}, which stay free of framework annotations: their required fields, forms and
 * examples.
 */
@Component
class IncidentServiceOpenApi implements OpenApiCustomizer {

    private final List<String> programs;
    private final List<String> families;

    IncidentServiceOpenApi(SlaPolicy policy) {
        this.programs = policy.programs().stream().map(ProgramPolicy::program).toList();
        this.families = policy.products().all().stream().map(Product::family).distinct().toList();
    }

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getComponents() == null || openApi.getComponents().getSchemas() == null) {
            return;
        }
        Map<String, Schema> schemas = openApi.getComponents().getSchemas();
        schemas.values().forEach(schema -> {
            enumOf(property(schema, "program"), programs, "A program of the SLA policy");
            for (String duration : List.of("target")) {
                Schema<?> property = property(schema, duration);
                if (property != null && isString(property)) {
                    property.setFormat("duration");
                    property.setDescription("An ISO-8601 duration, e.g. PT2H");
                }
            }
        });
        enumOf(property(schemas.get("ProductView"), "family"), families, "The product's family");

        describe(schemas.get("SupportLocation"), "Where the customer's support contacts sit. Only `timeZone` and `country` "
                + "are required; absent fields take the policy's defaults (Saturday and Sunday off, 09:00 to 17:30, no "
                + "exceptions).", "timeZone", "country");
        example(schemas.get("SupportLocation"), "id", "jakarta", "Names the location among the contract's "
                + "`supportLocations`, for incidents to name it: required there; a contract's only location given none "
                + "is `primary`");
        example(schemas.get("SupportLocation"), "timeZone", "Asia/Jakarta", "An IANA zone id");
        example(schemas.get("SupportLocation"), "country", "ID", "An ISO 3166-1 alpha-2 code whose public holidays apply");
        example(schemas.get("SupportLocation"), "subdivision", "JK",
                "An ISO 3166-2 subdivision code without the country prefix; absent for national holidays only");
        describe(schemas.get("BusinessHours"), "Local opening hours as HH:mm (24:00 closes at midnight); `days` holds "
                + "per-weekday windows (split shifts included) that replace `opens`/`closes` for that weekday.");
        example(schemas.get("BusinessHours"), "opens", "09:00", "Opening time of every working day without its own entry");
        example(schemas.get("BusinessHours"), "closes", "17:30", "Closing time of those days");
        describe(schemas.get("TimeWindow"), "One local working window, HH:mm to HH:mm, closing time excluded.",
                "opens", "closes");
        describe(schemas.get("ProgramEntitlement"), "A program the contract holds.", "program");
        example(schemas.get("ProgramEntitlement"), "effectiveFrom", null,
                "Local date from which the program covers incidents; absent for the whole contract");
        example(schemas.get("ProgramEntitlement"), "events", null,
                "Scheduled critical business events (AZURE_EVENT_MCS only)");
        describe(schemas.get("ScheduledEvent"), "A scheduled critical business event, covered from `start` 00:00 to the "
                + "end of `end`, local time of the support location.", "eventId", "start", "end");
        example(schemas.get("ScheduledEvent"), "eventId", "launch-2026", null);
        example(schemas.get("ScheduledEvent"), "confirmedOn", null, "The local date the window was confirmed in writing");
        example(schemas.get("ScheduledEvent"), "approved", null, "Covered despite a late confirmation; default false");
    }

    private static Schema<?> property(Schema<?> schema, String name) {
        return schema == null || schema.getProperties() == null ? null : schema.getProperties().get(name);
    }

    private static boolean isString(Schema<?> schema) {
        return "string".equals(schema.getType()) || (schema.getTypes() != null && schema.getTypes().contains("string"));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void enumOf(Schema property, List<String> values, String description) {
        if (property != null && isString(property)) {
            property.setEnum(new ArrayList<>(values));
            if (property.getDescription() == null) {
                property.setDescription(description);
            }
        }
    }

    private static void describe(Schema<?> schema, String description, String... required) {
        if (schema == null) {
            return;
        }
        schema.setDescription(description);
        for (String name : required) {
            if (schema.getRequired() == null || !schema.getRequired().contains(name)) {
                schema.addRequiredItem(name);
            }
        }
    }

    private static void example(Schema<?> schema, String name, Object example, String description) {
        Schema<?> property = property(schema, name);
        if (property == null) {
            return;
        }
        if (example != null) {
            property.setExample(example);
        }
        if (description != null) {
            property.setDescription(description);
        }
    }
}
