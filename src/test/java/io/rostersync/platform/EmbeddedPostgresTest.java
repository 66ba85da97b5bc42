package io.rostersync.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Proves that zonky's embedded PostgreSQL (binaries pinned to 18.6.0, linux-amd64 only) starts on this machine,
 * as root, with its data directory inside a private (0700, owned by the JVM's user) temporary home, and that data
 * survives a stop and a restart on the same data directory.
 *
 * <p>How root works: when the JVM runs as root, zonky starts initdb, pg_ctl and postgres through {@code unshare -U}
 * (a new user namespace with no uid mapping). Inside that namespace the processes see themselves as
 * {@code nobody} (uid 65534), so PostgreSQL's "cannot be run as root" check passes; to the kernel they are still
 * uid 0 without capabilities, so they can use a root-owned 0700 directory through its owner bits, and every file
 * they write is owned by root on the host. No chown and no world-accessible directory is needed.
 */
class EmbeddedPostgresTest {

    private static final int NAMESPACE_NOBODY_UID = 65534;

    @Test
    void startsAsRootInAPrivateDirectoryAndKeepsDataAcrossARestart() throws Exception {
        Path home = Files.createTempDirectory("rostersync-pg-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try {
            Path dataDirectory = home.resolve("pgdata");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home))).isEqualTo("rwx------");
            assertThat(Files.getOwner(home).getName()).isEqualTo(System.getProperty("user.name"));

            try (EmbeddedPostgres pg = start(dataDirectory);
                 Connection c = pg.getPostgresDatabase().getConnection();
                 Statement s = c.createStatement()) {
                assertThat(single(s, "SHOW server_version")).startsWith("18.6");
                assertThat(single(s, "SHOW data_directory")).isEqualTo(dataDirectory.toString());
                // The server's own view of its uid: /proc/self/status, read by the server process itself.
                String status = single(s, "SELECT pg_read_file('/proc/self/status')");
                String uidLine = status.lines().filter(l -> l.startsWith("Uid:")).findFirst().orElseThrow();
                if ("root".equals(System.getProperty("user.name"))) {
                    assertThat(uidLine).startsWith("Uid:\t" + NAMESPACE_NOBODY_UID + "\t");
                } else {
                    assertThat(uidLine).doesNotStartWith("Uid:\t0\t");
                }
                s.execute("CREATE TABLE survivor (id int PRIMARY KEY, name text NOT NULL)");
                s.execute("INSERT INTO survivor VALUES (1, 'kept across restart')");
            }

            // Stopped: the data directory is still there (setCleanDataDirectory(false)) and owned by the JVM's user
            // on the host, not chowned to nobody.
            assertThat(dataDirectory.resolve("PG_VERSION")).content().isEqualToIgnoringNewLines("18");
            assertThat(Files.getOwner(dataDirectory.resolve("PG_VERSION")).getName())
                    .isEqualTo(System.getProperty("user.name"));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDirectory)))
                    .isEqualTo("rwx------");

            try (EmbeddedPostgres pg = start(dataDirectory);
                 Connection c = pg.getPostgresDatabase().getConnection();
                 Statement s = c.createStatement()) {
                assertThat(single(s, "SELECT name FROM survivor WHERE id = 1")).isEqualTo("kept across restart");
            }
        } finally {
            deleteRecursively(home);
        }
    }

    private static EmbeddedPostgres start(Path dataDirectory) throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .start();
    }

    private static String single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as("a row from %s", sql).isTrue();
            return rs.getString(1);
        }
    }

    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
