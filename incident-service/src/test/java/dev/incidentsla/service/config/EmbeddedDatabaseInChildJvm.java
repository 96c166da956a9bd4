package dev.incidentsla.service.config;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.nio.file.Path;

/**
 * A JVM that starts the local run's database on the directory it is given and then waits to be killed, so that a test
 * can leave that database's server behind the way {@code kill -9} of the service does.
 */
final class EmbeddedDatabaseInChildJvm {

    static final String READY = "EMBEDDED-DATABASE-READY";

    private EmbeddedDatabaseInChildJvm() {
    }

    public static void main(String[] arguments) throws Exception {
        EmbeddedPostgres postgres = EmbeddedDatabaseConfiguration.start(
                new IncidentSlaProperties.EmbeddedDatabase(true, Path.of(arguments[0]), 0, true));
        System.out.println(READY + " " + postgres.getPort());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
