package io.rostersync.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The schema as migrated, on the embedded server and, in CI, on Debian's PostgreSQL 15 too. */
@Tag("database")
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
            ResultSet rs = s.executeQuery("SELECT current_setting('server_version_num')::int");
            rs.next();
            assertThat(rs.getInt(1)).as("PostgreSQL 15 or newer").isGreaterThanOrEqualTo(150000);
        }
    }

    @Test
    void oneSchoolIdNeverMapsToTwoSchoolsButASchoolMayHaveSeveral() throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO district (slug, name) VALUES ('pine-ridge', 'Pine Ridge')");
            s.execute("INSERT INTO school (district_id, name) SELECT id, 'Pine Ridge Elementary' FROM district"
                    + " WHERE slug = 'pine-ridge'");
            s.execute("INSERT INTO school (district_id, name) SELECT id, 'Pine Ridge High' FROM district"
                    + " WHERE slug = 'pine-ridge'");
            s.execute("INSERT INTO school_source_id (district_id, org_sourced_id, school_id) SELECT district_id,"
                    + " 'org-1', id FROM school WHERE name = 'Pine Ridge Elementary'");
            s.execute("INSERT INTO school_source_id (district_id, org_sourced_id, school_id) SELECT district_id,"
                    + " 'org-1b', id FROM school WHERE name = 'Pine Ridge Elementary'");
            assertThatThrownBy(() -> s.execute("INSERT INTO school_source_id (district_id, org_sourced_id, school_id)"
                    + " SELECT district_id, 'org-1', id FROM school WHERE name = 'Pine Ridge High'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("duplicate key");
        }
    }

    @Test
    void everyTableButDistrictIsKeyedByDistrictFirst() throws Exception {
        List<String> offenders = new ArrayList<>();
        int tables = 0;
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT t.relname, (SELECT a.attname FROM pg_index i JOIN pg_attribute a"
                                + " ON a.attrelid = t.oid AND a.attnum = i.indkey[0]"
                                + " WHERE i.indrelid = t.oid AND i.indisprimary) AS first_key"
                                + " FROM pg_class t JOIN pg_namespace n ON n.oid = t.relnamespace"
                                + " WHERE t.relkind = 'r' AND n.nspname = current_schema()"
                                // installation-wide, one row: a reference table under Citus, as district is
                                + " AND t.relname NOT IN ('district', 'flyway_schema_history', 'installation_key')")) {
            while (rs.next()) {
                tables++;
                if (!"district_id".equals(rs.getString(2))) {
                    offenders.add(rs.getString(1) + " (" + rs.getString(2) + ")");
                }
            }
        }
        assertThat(tables).isGreaterThanOrEqualTo(12);
        assertThat(offenders).as("tables whose primary key does not start with district_id").isEmpty();
    }

    @Test
    void migratingAgainChangesNothing() throws Exception {
        int before = appliedMigrations();
        io.rostersync.storage.internal.Migrations.apply(db.dataSource());
        assertThat(appliedMigrations()).isEqualTo(before).isPositive();
    }

    private static int appliedMigrations() throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM flyway_schema_history WHERE success")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
