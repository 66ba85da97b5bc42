package io.rostersync.cleanup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Every row of a district's directory (and of what is attached to its students), every column, one
 * line a row, table by table in key order: two dumps are equal exactly when nothing changed.
 */
final class DistrictRows {

    static final Map<String, String> TABLES = new LinkedHashMap<>();

    static {
        TABLES.put("person", "id");
        TABLES.put("person_role", "id");
        TABLES.put("source_link", "source, kind, sourced_id");
        TABLES.put("guardian_link", "guardian_id, student_id");
        TABLES.put("classroom_member", "classroom_id, person_id, role");
        TABLES.put("announcement", "id");
        TABLES.put("backpack_item", "id");
        TABLES.put("interaction_log", "id");
        TABLES.put("student_attribute", "student_id, name");
        TABLES.put("match_decision", "source, kind, sourced_id");
        TABLES.put("person_alias", "kind, value, merge_id");
    }

    private DistrictRows() {
    }

    static String of(DataSource dataSource, long districtId) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Connection c = dataSource.getConnection()) {
            for (Map.Entry<String, String> table : TABLES.entrySet()) {
                out.append("## ").append(table.getKey()).append('\n');
                try (PreparedStatement s = c.prepareStatement("SELECT * FROM " + table.getKey()
                        + " WHERE district_id = ? ORDER BY " + table.getValue())) {
                    s.setLong(1, districtId);
                    try (ResultSet rs = s.executeQuery()) {
                        ResultSetMetaData meta = rs.getMetaData();
                        while (rs.next()) {
                            for (int i = 1; i <= meta.getColumnCount(); i++) {
                                out.append(meta.getColumnName(i)).append('=').append(rs.getString(i)).append(' ');
                            }
                            out.append('\n');
                        }
                    }
                }
            }
        }
        return out.toString();
    }

    /** How many rows of a table belong to the district. */
    static long count(DataSource dataSource, long districtId, String table) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT count(*) FROM " + table + " WHERE district_id = ?")) {
            s.setLong(1, districtId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
