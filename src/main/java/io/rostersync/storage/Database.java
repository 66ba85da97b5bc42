package io.rostersync.storage;

import java.util.Map;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * An open, migrated database. Closing it stops the embedded server when this process started it,
 * and does nothing to a server that someone else runs.
 */
public final class Database implements AutoCloseable {

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final Kind kind;
    private final AutoCloseable owner;

    /** Where the connection comes from. */
    public enum Kind {
        /** The operator's server, from {@code spring.datasource.url}. */
        CONFIGURED,
        /** An embedded server this process started in the data directory. */
        EMBEDDED_OWNED,
        /** The embedded server another process (a running {@code serve}) owns in the same data directory. */
        EMBEDDED_SHARED
    }

    Database(String jdbcUrl, String user, String password, Kind kind, AutoCloseable owner) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.kind = kind;
        this.owner = owner;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String user() {
        return user;
    }

    public Kind kind() {
        return kind;
    }

    /** A plain, unpooled data source, for commands that run without Spring. */
    public DataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(jdbcUrl);
        if (user != null) { // else the URL's own user=..., if it has one
            ds.setUser(user);
        }
        if (password != null) {
            ds.setPassword(password);
        }
        return ds;
    }

    /** The Spring Boot properties that point the application at this database. */
    public Map<String, Object> springProperties() {
        Map<String, Object> properties = new java.util.HashMap<>();
        properties.put("spring.datasource.url", jdbcUrl);
        if (user != null) { // else the URL's own user=..., if it has one
            properties.put("spring.datasource.username", user);
        }
        properties.put("spring.datasource.password", password == null ? "" : password);
        return Map.copyOf(properties);
    }

    @Override
    public void close() {
        if (owner != null) {
            try {
                owner.close();
            } catch (Exception e) {
                throw new IllegalStateException("could not stop the embedded database cleanly", e);
            }
        }
    }
}
