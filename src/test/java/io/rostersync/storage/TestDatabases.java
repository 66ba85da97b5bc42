package io.rostersync.storage;

import io.rostersync.storage.internal.Migrations;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Databases for tests: one PostgreSQL server per test JVM, and a fresh database per test class,
 * copied from a template that is migrated once. The server is an embedded one, or, when
 * {@code ROSTERSYNC_TEST_DB_URL} names an admin database of a real server (as CI does with Debian's
 * PostgreSQL 15), that server.
 */
public final class TestDatabases {

    private static final String TEMPLATE = "rostersync_template";
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static Server server;

    private record Server(String host, int port, String user, String password, EmbeddedPostgres embedded) {

        String url(String database) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }
    }

    private TestDatabases() {
    }

    /** A new, migrated database; closing it drops it. */
    public static synchronized Database fresh(String purpose) {
        Server s = server();
        String name = "t_" + purpose.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "_") + "_"
                + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        admin(s, "CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE);
        return new Database(s.url(name), s.user(), s.password(), Database.Kind.CONFIGURED,
                () -> admin(s, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"));
    }

    /** Whether the tests run against a real server rather than the embedded one. */
    public static boolean onConfiguredServer() {
        return System.getenv("ROSTERSYNC_TEST_DB_URL") != null;
    }

    private static Server server() {
        if (server != null) {
            return server;
        }
        String url = System.getenv("ROSTERSYNC_TEST_DB_URL");
        if (url != null) {
            java.net.URI uri = java.net.URI.create(url.substring("jdbc:".length()));
            server = new Server(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(),
                    System.getenv().getOrDefault("ROSTERSYNC_TEST_DB_USER", "postgres"),
                    System.getenv("ROSTERSYNC_TEST_DB_PASSWORD"), null);
        } else {
            try {
                EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
                server = new Server("localhost", pg.getPort(), "postgres", null, pg);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        pg.close();
                    } catch (IOException ignored) {
                        // the JVM is going away
                    }
                }));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        admin(server, "DROP DATABASE IF EXISTS " + TEMPLATE);
        admin(server, "CREATE DATABASE " + TEMPLATE);
        Database template = new Database(server.url(TEMPLATE), server.user(), server.password(),
                Database.Kind.CONFIGURED, null);
        Migrations.apply(template.dataSource());
        return server;
    }

    private static void admin(Server s, String sql) {
        try (Connection c = DriverManager.getConnection(s.url("postgres"), s.user(), s.password());
                Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
