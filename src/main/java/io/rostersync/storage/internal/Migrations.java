package io.rostersync.storage.internal;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** The schema's history: classpath:db/migration, applied in order, once. */
public final class Migrations {

    private Migrations() {
    }

    public static void apply(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .load()
                .migrate();
    }
}
