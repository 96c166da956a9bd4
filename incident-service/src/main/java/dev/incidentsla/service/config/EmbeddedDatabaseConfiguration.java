package dev.incidentsla.service.config;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;

/**
 * The local run's database: a real PostgreSQL started from the jars, keeping its data under
 * {@code ./data/postgres} across restarts, so that nothing needs installing. Production turns it off
 * ({@code incident-sla.embedded-database.enabled=false}) and names its own {@code spring.datasource.*}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "incident-sla.embedded-database.enabled", havingValue = "true", matchIfMissing = true)
class EmbeddedDatabaseConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(IncidentSlaProperties properties) throws IOException {
        IncidentSlaProperties.EmbeddedDatabase settings = properties.embeddedDatabase();
        Files.createDirectories(settings.directory());
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(settings.directory())
                .setCleanDataDirectory(false);
        if (settings.port() != 0) {
            builder.setPort(settings.port());
        }
        return builder.start();
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedPostgres postgres) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        dataSource.setUsername("postgres");
        dataSource.setMaximumPoolSize(10);
        return dataSource;
    }
}
