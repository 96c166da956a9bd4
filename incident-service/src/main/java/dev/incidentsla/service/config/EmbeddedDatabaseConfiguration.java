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
        Files.createDirectories(properties.embeddedDatabase().directory());
        return EmbeddedPostgres.builder()
                .setDataDirectory(properties.embeddedDatabase().directory())
                .setCleanDataDirectory(false)
                .start();
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
