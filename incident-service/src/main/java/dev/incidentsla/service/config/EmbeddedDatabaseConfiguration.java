package dev.incidentsla.service.config;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The local run's database: a real PostgreSQL started from the jars, keeping its data under
 * {@code ./data/postgres} across restarts, so that nothing needs installing. Production turns it off
 * ({@code incident-sla.embedded-database.enabled=false}) and names its own {@code spring.datasource.*}.
 * It keeps what it acknowledged, and a start after the JVM was killed stops the server the dead JVM left behind.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "incident-sla.embedded-database.enabled", havingValue = "true", matchIfMissing = true)
class EmbeddedDatabaseConfiguration {

    /**
     * Stopped by the context, after everything that uses it: zonky's own JVM shutdown hook would stop the server while
     * the context is still closing, and Axon's processors could then neither finish nor release their token claims, so
     * that the next start waited for the claims to time out.
     */
    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(IncidentSlaProperties properties) throws IOException {
        return builder(properties.embeddedDatabase()).setRegisterShutdownHook(false).start();
    }

    static EmbeddedPostgres start(IncidentSlaProperties.EmbeddedDatabase settings) throws IOException {
        return builder(settings).start();
    }

    private static EmbeddedPostgres.Builder builder(IncidentSlaProperties.EmbeddedDatabase settings) throws IOException {
        // Absolute, so that the server's command line names its directory whatever a later start's working directory.
        Path directory = Files.createDirectories(settings.directory()).toAbsolutePath().normalize();
        StalePostmaster.stopIn(directory);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(directory)
                .setCleanDataDirectory(false);
        if (settings.durable()) {
            // zonky is built for throwaway test databases: it starts the server with -F (fsync off) and
            // synchronous_commit=off, so a crash loses or corrupts what was acknowledged. Later -c options win over
            // -F; full_page_writes is on by default and named so that no postgresql.conf can turn it off.
            builder.setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on");
        }
        if (settings.port() != 0) {
            builder.setPort(settings.port());
        }
        return builder;
    }

    /**
     * The pool's settings ({@code spring.datasource.hikari}) as a deployed node's, only the address is the embedded one.
     * They are bound after the address is set, so a {@code jdbc-url} or {@code username} among them would win: the
     * embedded run sets neither.
     */
    @Bean(destroyMethod = "close")
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgres postgres) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        dataSource.setUsername("postgres");
        return dataSource;
    }
}
