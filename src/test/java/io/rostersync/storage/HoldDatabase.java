package io.rostersync.storage;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

/**
 * A process that owns a data directory's database, writes one district and then waits to be
 * killed: the other side of {@link EmbeddedServerCrashIT}.
 */
public final class HoldDatabase {

    private HoldDatabase() {
    }

    public static void main(String[] args) throws Exception {
        Database db = Databases.open(StorageOptions.embedded(Path.of(args[0])));
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO district (slug, name) VALUES ('" + args[1] + "', 'Written before the crash')");
        }
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
