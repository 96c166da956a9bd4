package dev.incidentsla.eventstore.schema;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;

import java.time.Duration;

/**
 * Migrates the schema when several nodes start at once on an empty database. Flyway's baseline of a schema that
 * already holds the other service's tables is not guarded by its migration lock: a node that finds the history table
 * just created, still empty, by another node gives up ("Unable to baseline ... as it already exists, and is empty").
 * Trying again after a pause finds the other node's history and goes on from there; a migration that keeps failing
 * still fails the start.
 */
public final class MigrationAlongsideOtherNodes implements FlywayMigrationStrategy {

    private static final int ATTEMPTS = 5;
    private static final Duration FIRST_PAUSE = Duration.ofMillis(500);

    @Override
    public void migrate(Flyway flyway) {
        for (int attempt = 1; ; attempt++) {
            try {
                flyway.migrate();
                return;
            } catch (FlywayException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                pause(FIRST_PAUSE.multipliedBy(attempt));
            }
        }
    }

    private static void pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to migrate the schema again", e);
        }
    }
}
