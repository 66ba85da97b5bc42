package io.rostersync.directory.internal;

import com.carrotsearch.hppc.LongHashSet;
import com.carrotsearch.hppc.cursors.LongCursor;
import io.rostersync.storage.CopyBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What the rows a run copies straight into the directory refer to, kept so that a bulk load, which
 * goes in without the per-row foreign-key triggers, is checked before it commits without reading
 * back what it wrote: a reference to a record the run itself created is sound (its COPY succeeded
 * in the same transaction, and the district's lock keeps anyone else from deleting it); every other
 * referenced id is looked up, one set-based query per table.
 */
final class DirectReferences {

    enum Table {
        PERSON("person"), CLASSROOM("classroom"), SCHOOL("school");

        final String name;

        Table(String name) {
            this.name = name;
        }
    }

    private final LongHashSet[] created = new LongHashSet[Table.values().length];
    private final LongHashSet[] elsewhere = new LongHashSet[Table.values().length];

    DirectReferences() {
        for (Table t : Table.values()) {
            created[t.ordinal()] = new LongHashSet();
            elsewhere[t.ordinal()] = new LongHashSet();
        }
    }

    void created(Table table, long id) {
        created[table.ordinal()].add(id);
    }

    void referenced(Table table, long id) {
        if (!created[table.ordinal()].contains(id)) {
            elsewhere[table.ordinal()].add(id); // made earlier, or later in this run: see verify
        }
    }

    /**
     * Looks up every referenced id the run did not create.
     *
     * @throws SQLException (SQLState 23503, as a foreign key would) naming the table and how many ids are missing
     */
    void verify(Connection connection, long districtId, long runId) throws SQLException {
        for (Table table : Table.values()) {
            LongHashSet ids = elsewhere[table.ordinal()];
            ids.removeAll(created[table.ordinal()]);
            if (ids.isEmpty()) {
                continue;
            }
            try (Statement s = connection.createStatement()) {
                s.execute("CREATE TEMP TABLE IF NOT EXISTS stage_reference (id bigint) ON COMMIT DROP");
                s.execute("TRUNCATE stage_reference");
            }
            CopyBuffer copy = new CopyBuffer(connection, "stage_reference (id)");
            for (LongCursor id : ids) {
                copy.add(id.value).endRow();
            }
            copy.flush();
            if (ids.size() > 10_000) {
                try (Statement s = connection.createStatement()) {
                    s.execute("ANALYZE stage_reference"); // temp tables are never analyzed on their own
                }
            }
            try (PreparedStatement s = connection.prepareStatement("SELECT count(*) FROM stage_reference r"
                    + " WHERE NOT EXISTS (SELECT 1 FROM " + table.name + " t WHERE t.district_id = ? AND t.id = r.id)")) {
                s.setLong(1, districtId);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    long missing = r.getLong(1);
                    if (missing > 0) {
                        throw new SQLException("rows created by run " + runId + " refer to " + missing + " "
                                + table.name + " record(s) that do not exist", "23503");
                    }
                }
            }
        }
    }
}
