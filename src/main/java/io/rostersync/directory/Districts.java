package io.rostersync.directory;

import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Finds and creates districts by their slug, the short name in URLs and on the command line. */
public final class Districts {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private final JdbcClient jdbc;

    public Districts(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    public Optional<District> find(String slug) {
        return jdbc.sql("SELECT id, slug, name FROM district WHERE slug = ?").param(slug)
                .query((rs, n) -> new District(rs.getLong(1), rs.getString(2), rs.getString(3))).optional();
    }

    public Optional<District> find(long id) {
        return jdbc.sql("SELECT id, slug, name FROM district WHERE id = ?").param(id)
                .query((rs, n) -> new District(rs.getLong(1), rs.getString(2), rs.getString(3))).optional();
    }

    /** Whether no district exists yet: a fresh installation. */
    public boolean none() {
        return jdbc.sql("SELECT NOT EXISTS (SELECT 1 FROM district)").query(Boolean.class).single();
    }

    /** The district of this slug, created (named after it) on first use; safe when two callers race. */
    public District findOrCreate(String slug) {
        if (!SLUG.matcher(slug).matches()) {
            throw new IllegalArgumentException("A district slug is lower-case letters, digits and dashes, at most 63: '"
                    + slug + "'");
        }
        jdbc.sql("INSERT INTO district (slug, name) VALUES (?, ?) ON CONFLICT (slug) DO NOTHING")
                .params(slug, slug).update();
        return find(slug).orElseThrow();
    }
}
