package io.rostersync.sync.internal.report;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.IOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A run's report as CSV, one row per change, skip and problem, each with the source file and line
 * behind it and the setting that decided it. Creates come from the rows the run created (a first
 * load does not write them twice); everything else from the run's journal.
 */
public final class RunCsv {

    static final String[] HEADER = {"record", "operation", "kind", "local_id", "other_id", "sourced_id", "file", "line",
            "setting", "detail"};

    private RunCsv() {
    }

    public static void write(Connection c, long district, long run, Writer out) throws SQLException, IOException {
        CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF).build(out);
        csv.writeRecord(HEADER);
        String created = """
                SELECT 'change', 'create', p.kind, p.id, NULL::bigint, l.sourced_id, 'users.csv', p.source_line, NULL, NULL
                FROM person p LEFT JOIN LATERAL (SELECT min(sourced_id) AS sourced_id FROM source_link s
                  WHERE s.district_id = p.district_id AND s.kind = 'person' AND s.local_id = p.id) l ON true
                WHERE p.district_id = ?1 AND p.created_run = ?2
                UNION ALL
                SELECT 'change', 'create', 'classrooms', c.id, NULL, l.sourced_id, 'classes.csv', c.source_line, NULL, c.title
                FROM classroom c LEFT JOIN source_link l ON l.district_id = c.district_id AND l.kind = 'classroom'
                  AND l.local_id = c.id
                WHERE c.district_id = ?1 AND c.created_run = ?2
                UNION ALL
                SELECT 'change', 'create', 'schools', s.id, NULL, NULL, 'orgs.csv', NULL, 'schoolsThatSync', s.name
                FROM school s WHERE s.district_id = ?1 AND s.created_run = ?2
                UNION ALL
                SELECT 'change', 'member_added', 'enrollments', m.classroom_id, m.person_id, NULL, 'enrollments.csv',
                  m.source_line, NULL, m.role
                FROM classroom_member m WHERE m.district_id = ?1 AND m.created_run = ?2
                UNION ALL
                SELECT 'change', 'guardian_link_added', 'guardians', g.guardian_id, g.student_id, NULL, 'users.csv',
                  g.source_line, NULL, g.relationship
                FROM guardian_link g WHERE g.district_id = ?1 AND g.created_run = ?2
                UNION ALL
                SELECT CASE WHEN waiting THEN 'waiting' ELSE 'change' END, op, kind, local_id, other_id, sourced_id, file,
                  line, setting, detail::text
                FROM run_change WHERE district_id = ?1 AND run_id = ?2
                UNION ALL
                SELECT 'skip', NULL, kind, NULL, NULL, sourced_id, file, line, setting, why
                FROM run_skip WHERE district_id = ?1 AND run_id = ?2
                UNION ALL
                SELECT 'problem', code, severity, NULL, NULL, sourced_id, file, line, column_name, message
                FROM run_problem WHERE district_id = ?1 AND run_id = ?2
                """;
        int count = 0;
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < created.length(); i++) {
            char ch = created.charAt(i);
            if (ch == '?' && i + 1 < created.length() && Character.isDigit(created.charAt(i + 1))) {
                i++;
                count++;
            }
            sql.append(ch);
        }
        try (PreparedStatement s = c.prepareStatement(sql.toString())) {
            s.setFetchSize(10_000);
            for (int i = 1; i <= count; i += 2) {
                s.setLong(i, district);
                s.setLong(i + 1, run);
            }
            try (ResultSet rs = s.executeQuery()) {
                String[] row = new String[HEADER.length];
                while (rs.next()) {
                    for (int i = 0; i < row.length; i++) {
                        String v = rs.getString(i + 1);
                        row[i] = v == null ? "" : v;
                    }
                    row[row.length - 1] = withoutBirthKeys(row[row.length - 1]);
                    csv.writeRecord(row);
                }
            }
        }
        csv.flush();
    }

    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder()
            .build();

    /**
     * An update's detail without the keys of a birth date: the journal keeps them, for an undo; a
     * report says only that the date was added, changed or removed (equal keys would tell who shares a
     * birthday).
     */
    static String withoutBirthKeys(String detail) {
        if (!detail.contains("\"birth_key\"")) {
            return detail;
        }
        tools.jackson.databind.JsonNode json = JSON.readTree(detail);
        for (tools.jackson.databind.JsonNode f : json.path("fields")) {
            if (f instanceof tools.jackson.databind.node.ObjectNode field && "birth_key".equals(f.path("field").asString(""))) {
                boolean before = !f.path("before").isNull() && !f.path("before").isMissingNode();
                boolean after = !f.path("after").isNull() && !f.path("after").isMissingNode();
                field.put("before", before ? "(a birth date)" : null);
                field.put("after", after ? before ? "(another birth date)" : "(a birth date)" : null);
            }
        }
        return JSON.writeValueAsString(json);
    }
}
