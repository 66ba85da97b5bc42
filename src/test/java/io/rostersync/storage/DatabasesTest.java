package io.rostersync.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded database of a data directory: started as root in a private home, migrated, shared
 * with a second opener instead of started twice, and its data still there after a restart.
 */
class DatabasesTest {

    @TempDir
    Path temp;

    @Test
    void keepsItsDataInThePrivateDataDirectoryAcrossRestartsAndSharesTheRunningServer() throws Exception {
        Path home = Files.createDirectory(temp.resolve("home"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path data = home.resolve("rostersync-data");
        String url;
        try (Database first = Databases.open(StorageOptions.embedded(data))) {
            assertThat(first.kind()).isEqualTo(Database.Kind.EMBEDDED_OWNED);
            assertThat(data.resolve("postgres.port")).exists();
            execute(first, "INSERT INTO district (slug, name) VALUES ('maple-valley', 'Maple Valley Unified')");
            try (Database second = Databases.open(StorageOptions.embedded(data))) {
                assertThat(second.kind()).isEqualTo(Database.Kind.EMBEDDED_SHARED);
                assertThat(second.jdbcUrl()).isEqualTo(first.jdbcUrl());
                assertThat(districts(second)).isEqualTo(1);
            }
            url = first.jdbcUrl();
            try (Database configured = Databases.open(new StorageOptions(temp.resolve("unused"), url, "postgres", null))) {
                assertThat(configured.kind()).isEqualTo(Database.Kind.CONFIGURED);
                assertThat(districts(configured)).isEqualTo(1);
            }
        }
        assertThat(data.resolve("postgres.port")).doesNotExist();
        try (Database again = Databases.open(StorageOptions.embedded(data))) {
            assertThat(again.kind()).isEqualTo(Database.Kind.EMBEDDED_OWNED);
            assertThat(districts(again)).isEqualTo(1);
        }
        assertThat(Files.getOwner(data.resolve("postgres")).getName()).isEqualTo(System.getProperty("user.name"));
    }

    private static void execute(Database db, String sql) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static int districts(Database db) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM district")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
