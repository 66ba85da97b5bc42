package io.rostersync.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The process that owns the embedded database is killed (SIGKILL: no shutdown hook runs). Its
 * PostgreSQL survives it, orphaned; the next process on the same data directory must take over:
 * stop the orphan, start its own server, and find every committed row.
 */
class EmbeddedServerCrashIT {

    @TempDir
    Path temp;

    @Test
    void theNextProcessTakesOverAfterTheOwnerIsKilled() throws Exception {
        Path data = temp.resolve("data");
        Process owner = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HoldDatabase.class.getName(), data.toString(),
                "written-before-crash")).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(owner.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.equals("READY"));
            assertThat(line).as("the owner got its database ready").isEqualTo("READY");
            owner.destroyForcibly();
            assertThat(owner.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        try (Database next = Databases.open(StorageOptions.embedded(data))) {
            assertThat(next.kind()).isEqualTo(Database.Kind.EMBEDDED_OWNED);
            try (Connection c = next.dataSource().getConnection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT count(*) FROM district WHERE slug = 'written-before-crash'")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
    }
}
