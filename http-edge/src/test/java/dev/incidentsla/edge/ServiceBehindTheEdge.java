package dev.incidentsla.edge;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test's own small service behind the edge, as the services run: auto-configured, with {@link HttpEdge}, and no
 * generated local user (callers are tokens' subjects). The test class adds its access rules and controllers.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootConfiguration
@EnableAutoConfiguration(excludeName = "org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration")
@Import(HttpEdge.class)
@interface ServiceBehindTheEdge {
}
