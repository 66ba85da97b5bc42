package io.rostersync.directory.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;

/**
 * The journal of a merge: each row a move changes, written as it is changed (what, how, the row's key,
 * and the row itself when it is dropped or replaced), and put back one move at a time, newest first,
 * by an undo. A row that is there again makes the undo fail rather than drop the journal's row.
 */
public final class MergeJournal {

    /**
     * The columns a journaled row is put back with, named (a column added later takes its default rather
     * than a NULL from an old journal).
     */
    private static final Map<String, String> JOURNALED_COLUMNS = Map.of(
            "student_attribute", "district_id, student_id, name, value, updated_at",
            "guardian_link", "district_id, guardian_id, student_id, relationship, managed_by, created_run, source_line",
            "classroom_member", "district_id, classroom_id, person_id, role, is_primary, begin_date, end_date,"
                    + " managed_by, created_run, source_line",
            "person_role", "district_id, id, person_id, role, school_id, managed_by, created_run");

    private final Connection c;
    private final long d;
    private final long k;
    private final long s;
    private final long m;

    public MergeJournal(Connection c, long d, long k, long s, long m) {
        this.c = c;
        this.d = d;
        this.k = k;
        this.s = s;
        this.m = m;
    }

    /**
     * Runs the statement ({@code :d}, {@code :s}, {@code :m}: the district, the survivor, the merged record)
     * and journals each row it returns (its key and data) as a move of this kind.
     */
    public void record(String what, String how, String statement) throws SQLException {
        String sql = "WITH changed (row_key, row_data) AS (" + statement.replace(":d", Long.toString(d))
                .replace(":s", Long.toString(s)).replace(":m", Long.toString(m)) + ")"
                + " INSERT INTO person_merge_move (district_id, merge_id, what, how, row_key, row_data)"
                + " SELECT ?, ?, ?, ?, row_key, row_data FROM changed";
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setLong(1, d);
            p.setLong(2, k);
            p.setString(3, what);
            p.setString(4, how);
            p.executeUpdate();
        }
    }

    /** Puts back one move of the merge of {@code m} into {@code s}; the caller goes newest first. */
    public static void reverse(Connection c, long d, long s, long m, String what, String how, String key, String data)
            throws SQLException {
        switch (what + " " + how) {
            case "announcement moved", "backpack_item moved", "interaction_log moved" -> update(c,
                    "UPDATE " + what + " SET student_id = ? WHERE district_id = ? AND id = ? AND student_id = ?", m, d,
                    Long.parseLong(key), s);
            case "student_attribute moved" -> update(c, "UPDATE student_attribute SET student_id = ?"
                    + " WHERE district_id = ? AND student_id = ? AND name = ?", m, d, s, key);
            case "guardian_link moved" -> update(c, "UPDATE guardian_link SET student_id = ? WHERE district_id = ?"
                    + " AND student_id = ? AND guardian_id = ?", m, d, s, Long.parseLong(key));
            case "classroom_member moved" -> {
                String[] parts = key.split(" ", 2);
                update(c, "UPDATE classroom_member SET person_id = ? WHERE district_id = ? AND person_id = ?"
                        + " AND classroom_id = ? AND role = ?", m, d, s, Long.parseLong(parts[0]), parts[1]);
            }
            case "person_role moved" -> update(c, "UPDATE person_role SET person_id = ? WHERE district_id = ?"
                    + " AND id = ? AND person_id = ?", m, d, Long.parseLong(key), s);
            case "source_link moved" -> update(c, "UPDATE source_link SET local_id = ? WHERE district_id = ?"
                    + " AND kind = 'person' AND sourced_id = ? AND source = ?::jsonb ->> 'source' AND local_id = ?", m,
                    d, key, data, s);
            case "match_decision moved" -> update(c, "UPDATE match_decision SET link_to = ? WHERE district_id = ?"
                    + " AND kind = 'person' AND sourced_id = ? AND source = ?::jsonb ->> 'source' AND link_to = ?", m,
                    d, key, data, s);
            case "person replaced" -> update(c, """
                    UPDATE person p SET given_name = o.given_name, family_name = o.family_name,
                      middle_name = o.middle_name, preferred_given_name = o.preferred_given_name,
                      preferred_family_name = o.preferred_family_name, email = o.email, sms_phone = o.sms_phone,
                      home_phone = o.home_phone, grade = o.grade, student_number = o.student_number,
                      username = o.username, birth_key = o.birth_key, managed_by = o.managed_by, state = o.state,
                      removal_due_at = o.removal_due_at, edited_fields = o.edited_fields, updated_at = o.updated_at
                    FROM jsonb_populate_record(NULL::person, ?::jsonb) o
                    WHERE p.district_id = ? AND p.id = ?""", data, d, s);
            case "person_role replaced" -> update(c, "UPDATE person_role SET managed_by = ?::jsonb ->> 'managed_by'"
                    + " WHERE district_id = ? AND id = ?", data, d, Long.parseLong(key));
            // a row that is there again makes the insert fail, and the undo refuses: the journal's row is never dropped
            case "student_attribute dropped", "student_attribute replaced", "guardian_link dropped",
                    "classroom_member dropped", "person_role dropped" -> {
                String columns = JOURNALED_COLUMNS.get(what);
                update(c, "INSERT INTO " + what + " (" + columns + ")" + (what.equals("person_role")
                        ? " OVERRIDING SYSTEM VALUE" : "") + " SELECT " + columns + " FROM jsonb_populate_record(NULL::"
                        + what + ", ?::jsonb)", data);
            }
            default -> throw new IllegalStateException("no way back for " + what + " " + how);
        }
    }

    private static void update(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            s.executeUpdate();
        }
    }
}
