package io.rostersync.storage;

import io.rostersync.storage.internal.EmbeddedServer;
import io.rostersync.storage.internal.Migrations;
import java.io.IOException;

/** Opens the database the service and the command line work on, and brings its schema up to date. */
public final class Databases {

    private Databases() {
    }

    /**
     * With a configured URL, that server; otherwise the embedded server of the data directory:
     * started here if no other process owns it, or shared with the process that does (a running
     * {@code serve}), found through the lock and port files in the data directory.
     */
    public static Database open(StorageOptions options) throws IOException {
        Database database;
        if (options.url() != null && !options.url().isBlank()) {
            database = new Database(options.url(), options.user(), options.password(), Database.Kind.CONFIGURED,
                    null);
        } else {
            EmbeddedServer.Endpoint endpoint = EmbeddedServer.openIn(options.dataDirectory());
            database = new Database(endpoint.jdbcUrl(), endpoint.user(), null, endpoint.ownedServer() != null
                    ? Database.Kind.EMBEDDED_OWNED : Database.Kind.EMBEDDED_SHARED, endpoint.ownedServer());
        }
        try {
            Migrations.apply(database.dataSource());
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        return database;
    }
}
