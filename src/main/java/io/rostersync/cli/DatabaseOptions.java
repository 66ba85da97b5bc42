package io.rostersync.cli;

import io.rostersync.storage.Database;
import io.rostersync.storage.Databases;
import io.rostersync.storage.StorageOptions;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where the commands that read or change a district find the database: the embedded server of the
 * data directory (shared with a running {@code serve}), or the server of {@code SPRING_DATASOURCE_URL}.
 */
final class DatabaseOptions {

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (default: ${DEFAULT-VALUE}).",
            defaultValue = "rostersync-data")
    Path dataDir;

    @Option(names = "--database-url", paramLabel = "JDBC_URL",
            description = "A PostgreSQL server instead of the embedded one (or SPRING_DATASOURCE_URL;"
                    + " user and password from SPRING_DATASOURCE_USERNAME/PASSWORD).")
    String url;

    /** The installation's keys, as {@code serve} on this data directory has them (or ROSTERSYNC_SECRET_KEY). */
    io.rostersync.storage.SecretBox secrets() throws java.io.IOException {
        return io.rostersync.storage.SecretBox.open(dataDir, System.getenv("ROSTERSYNC_SECRET_KEY"));
    }

    Database open() throws java.io.IOException {
        String jdbc = url != null ? url : System.getenv("SPRING_DATASOURCE_URL");
        return Databases.open(new StorageOptions(dataDir, jdbc, System.getenv("SPRING_DATASOURCE_USERNAME"),
                System.getenv("SPRING_DATASOURCE_PASSWORD")));
    }
}
