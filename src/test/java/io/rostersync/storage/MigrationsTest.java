package io.rostersync.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The schema as migrated, on the embedded server and, in CI, on Debian's PostgreSQL 15 too. */
@org.junit.jupiter.api.Tag("database")
class MigrationsTest {

    private static Database db;

    @BeforeAll
    static void database() {
        db = TestDatabases.fresh("migrations");
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    @Test
    void districtsAreKeyedBySlugsThatWorkInUrls() throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO district (slug, name) VALUES ('maple-valley', 'Maple Valley Unified')");
            assertThatThrownBy(() -> s.execute("INSERT INTO district (slug, name) VALUES ('maple-valley', 'Twice')"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("duplicate key");
            assertThatThrownBy(() -> s.execute("INSERT INTO district (slug, name) VALUES ('Maple Valley', 'Spaces')"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("check constraint");
            var rs = s.executeQuery("SELECT current_setting('server_version_num')::int");
            rs.next();
            assertThat(rs.getInt(1)).as("PostgreSQL 15 or newer").isGreaterThanOrEqualTo(150000);
        }
    }

    @Test
    void migratingAgainChangesNothing() throws Exception {
        int before = appliedMigrations();
        io.rostersync.storage.internal.Migrations.apply(db.dataSource());
        assertThat(appliedMigrations()).isEqualTo(before).isPositive();
    }

    private static int appliedMigrations() throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT count(*) FROM flyway_schema_history WHERE success")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
