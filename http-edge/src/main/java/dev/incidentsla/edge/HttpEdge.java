package dev.incidentsla.edge;

import dev.incidentsla.edge.access.AccessConfiguration;
import dev.incidentsla.edge.input.RequestHeadGuard;
import dev.incidentsla.edge.input.StrictJson;
import dev.incidentsla.edge.input.StrictParameters;
import dev.incidentsla.edge.input.StrictUtf8JsonDecoder;
import dev.incidentsla.edge.openapi.OpenApiDocumentation;
import dev.incidentsla.edge.problem.ProblemExceptionHandler;
import dev.incidentsla.edge.problem.ProblemMapping;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.http.codec.CodecCustomizer;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import reactor.netty.NettyPipeline;
import tools.jackson.databind.json.JsonMapper;

/**
 * What both services do at their HTTP edge, imported by each: access control, strict input, every error as
 * {@code application/problem+json}, and the OpenAPI document's shared part (error responses, security scheme).
 */
@Configuration(proxyBeanMethods = false)
@Import({AccessConfiguration.class, OpenApiDocumentation.class})
public class HttpEdge {

    @Bean
    ProblemExceptionHandler problemExceptionHandler(ObjectProvider<ProblemMapping> mappings) {
        return new ProblemExceptionHandler(mappings.orderedStream().toList());
    }

    @Bean
    StrictJson strictJson() {
        return new StrictJson();
    }

    @Bean
    StrictParameters strictParameters() {
        return new StrictParameters();
    }

    /** After Spring Boot's own codec customizer, which would otherwise put its plain decoder back. */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    CodecCustomizer strictUtf8Json(JsonMapper mapper) {
        return codecs -> codecs.defaultCodecs().jacksonJsonDecoder(new StrictUtf8JsonDecoder(mapper));
    }

    @Bean
    NettyServerCustomizer requestHeadGuard() {
        return server -> server.doOnChannelInit((observer, channel, remoteAddress) -> {
            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
                channel.pipeline().addAfter(NettyPipeline.HttpCodec, "incident-sla.request-head-guard", new RequestHeadGuard());
            }
        });
    }
}
