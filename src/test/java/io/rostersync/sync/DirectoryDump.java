package io.rostersync.sync;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * A deterministic text dump of one district's directory: every column of every row of the tables a
 * sync writes, one line per row, table by table, ordered by each table's key. Two dumps are equal
 * exactly when a run changed nothing (timestamps included: an apply sets {@code updated_at}).
 */
final class DirectoryDump {

    /** The directory's tables and the order of their rows (their keys within the district). */
    private static final Map<String, String> TABLES = new LinkedHashMap<>();

    static {
        TABLES.put("school", "id");
        TABLES.put("school_source_id", "org_sourced_id");
        TABLES.put("person", "id");
        TABLES.put("person_role", "id");
        TABLES.put("source_link", "source, kind, sourced_id");
        TABLES.put("guardian_link", "guardian_id, student_id");
        TABLES.put("classroom", "id");
        TABLES.put("classroom_member", "classroom_id, person_id, role");
    }

    /**
     * What an undo does not give back although the directory says the same again, as found by undoing
     * day 1 of a generated district: when a person was last written ({@code updated_at}: reverting an
     * update is a write), which run wrote a row and from which source line ({@code created_run},
     * {@code source_line}: a membership that day 1 removed is put back by the undo run, without a
     * line), and the surrogate key of a person's role ({@code person_role.id}: a change of roles
     * deletes the sync's roles and inserts them anew). Everything else must be as it was.
     */
    static final Set<String> WRITE_BOOKKEEPING = Set.of("updated_at", "created_run", "source_line", "person_role.id");

    private DirectoryDump() {
    }

    /** Every column of every row. */
    static String of(DataSource dataSource, String districtSlug) throws SQLException {
        return of(dataSource, districtSlug, Set.of());
    }

    /**
     * The dump without some columns ({@code column} in every table, or {@code table.column}); the
     * rows of a table with a left-out key are ordered by all their remaining columns.
     */
    static String of(DataSource dataSource, String districtSlug, Set<String> leftOut) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                // one snapshot for all tables, and timestamps printed the same whatever the JVM's zone
                s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                s.execute("SET LOCAL TIME ZONE 'UTC'");
            }
            long district = districtId(c, districtSlug);
            for (var table : TABLES.entrySet()) {
                List<String> columns = columns(c, table.getKey(), leftOut);
                String order = table.getValue();
                for (String key : order.split(", ")) {
                    if (!columns.contains(key)) {
                        order = String.join(", ", columns);
                        break;
                    }
                }
                int rows = 0;
                StringBuilder body = new StringBuilder();
                try (PreparedStatement s = c.prepareStatement("SELECT " + String.join(", ", columns) + " FROM "
                        + table.getKey() + " WHERE district_id = ? ORDER BY " + order)) {
                    s.setLong(1, district);
                    try (ResultSet rs = s.executeQuery()) {
                        ResultSetMetaData meta = rs.getMetaData();
                        while (rs.next()) {
                            rows++;
                            body.append(table.getKey());
                            for (int i = 1; i <= meta.getColumnCount(); i++) {
                                body.append(" | ").append(meta.getColumnName(i)).append('=').append(rs.getString(i));
                            }
                            body.append('\n');
                        }
                    }
                }
                out.append("== ").append(table.getKey()).append(": ").append(rows).append(" rows\n").append(body);
            }
            c.rollback();
        }
        return out.toString();
    }

    private static long districtId(Connection c, String slug) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM district WHERE slug = ?")) {
            s.setString(1, slug);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("there is no district " + slug);
                }
                return rs.getLong(1);
            }
        }
    }

    /** The table's columns in their order, but those left out. */
    private static List<String> columns(Connection c, String table, Set<String> leftOut) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT column_name FROM information_schema.columns"
                + " WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position")) {
            s.setString(1, table);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String column = rs.getString(1);
                    if (!leftOut.contains(column) && !leftOut.contains(table + "." + column)) {
                        columns.add(column);
                    }
                }
            }
        }
        if (columns.isEmpty()) {
            throw new IllegalStateException("no table " + table);
        }
        return columns;
    }

    /** Fails, showing the first lines that differ (not two dumps of megabytes), unless the dumps are equal. */
    static void assertEqual(String expected, String actual, String what) {
        if (!expected.equals(actual)) {
            throw new AssertionError(what + ": the dumps differ; the first differing lines (- expected, + actual):\n"
                    + firstDifferences(expected, actual, 20));
        }
    }

    /** The first lines where two dumps differ, for a failure message that can be read. */
    static String firstDifferences(String expected, String actual, int max) {
        List<String> a = List.of(expected.split("\n"));
        List<String> b = List.of(actual.split("\n"));
        Set<String> inA = new java.util.HashSet<>(a);
        Set<String> inB = new java.util.HashSet<>(b);
        StringBuilder out = new StringBuilder();
        int shown = 0;
        for (String line : a) {
            if (!inB.contains(line) && shown++ < max) {
                out.append("- ").append(line).append('\n');
            }
        }
        for (String line : b) {
            if (!inA.contains(line) && shown++ < max) {
                out.append("+ ").append(line).append('\n');
            }
        }
        return out.length() == 0 ? "(same lines, different order)" : out.toString();
    }
}
