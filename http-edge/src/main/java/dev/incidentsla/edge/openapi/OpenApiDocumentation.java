package dev.incidentsla.edge.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

import java.util.List;

/**
 * What both services' OpenAPI documents share (springdoc builds them from the controllers): the service's info, a
 * relative server, the {@value ProblemDocumentation#SECURITY_SCHEME} security scheme, the {@code Problem} schema, and
 * on every operation under {@code /api} the bearer requirement and the error responses the HTTP edge may answer, each
 * as {@code application/problem+json} with an example. What only one service knows (enums, required fields, its
 * status codes) is declared on its controllers and in its own customizers.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiDocumentation {

    /** The base document springdoc completes; its server is relative, so the document is the same on every node. */
    @Bean
    OpenAPI incidentSlaOpenApi(Environment environment) {
        String name = environment.getProperty("spring.application.name", "incident-sla");
        return new OpenAPI()
                .info(new Info().title(name).version(environment.getProperty("incident-sla.api-version", "v1"))
                        .description(ProblemDocumentation.globalDescription(name)))
                .servers(List.of(new Server().url("/").description("this node of " + name)))
                .components(new Components()
                        .addSecuritySchemes(ProblemDocumentation.SECURITY_SCHEME, new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                                .description("A JWT from the operator's identity provider; its `roles` claim names the "
                                        + "caller's roles, an optional `contracts` claim limits it to those contracts. "
                                        + "Checked only with access control on (the production profile).")));
    }

    /** Runs after the services' own customizers, so that an error response they declare gets its problem content too. */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    OpenApiCustomizer incidentSlaErrorResponses() {
        return ProblemDocumentation::document;
    }
}
