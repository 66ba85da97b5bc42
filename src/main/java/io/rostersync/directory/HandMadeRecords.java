package io.rostersync.directory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * Writes records people make by hand (managed by no source: no School IDs, no source links),
 * inside a {@link DirectoryTransaction}, so that they commit together under the district's sync
 * lock; and the School IDs with which an admin matches a school to the feed's. Every write outside
 * a sync moves the directory epoch, so what a sync remembered of the directory no longer holds.
 */
public final class HandMadeRecords {

    private final Connection connection;
    private final long districtId;

    private HandMadeRecords(DirectoryTransaction transaction) {
        this.connection = transaction.connection();
        this.districtId = transaction.districtId();
    }

    /** Hand-made records written in this transaction, which commits (or rolls back) them all. */
    public static HandMadeRecords in(DirectoryTransaction transaction) throws SQLException {
        transaction.touch();
        return new HandMadeRecords(transaction);
    }

    /** A school, without School IDs. */
    public long addSchool(String name) throws SQLException {
        return insertReturningId("INSERT INTO school (district_id, name) VALUES (?, ?) RETURNING id", name);
    }

    /** Matches a school to the feed's org of this sourcedId: the sync links them through it from then on. */
    public void addSchoolId(long schoolId, String orgSourcedId) throws SQLException {
        update("INSERT INTO school_source_id (district_id, org_sourced_id, school_id) VALUES (?, ?, ?)", orgSourcedId,
                schoolId);
    }

    /**
     * A person with one role, at a school (or the whole district when {@code schoolId} is null).
     *
     * @param role student, teacher, aide, administrator, parent, guardian or relative
     */
    public long addPerson(HandMadePerson person, String role, Long schoolId) throws SQLException {
        long id = insertReturningId("""
                INSERT INTO person (district_id, kind, given_name, family_name, preferred_given_name, email, sms_phone,
                                    home_phone, grade, student_number, username, birth_key)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""", kindOf(role).label(), person.givenName(),
                person.familyName(), person.preferredGivenName(), person.email(), person.smsPhone(), person.homePhone(),
                person.grade(), person.studentNumber(), person.username(), person.birthKey());
        update("INSERT INTO person_role (district_id, person_id, role, school_id) VALUES (?, ?, ?, ?)", id, role,
                schoolId);
        return id;
    }

    public long addClassroom(HandMadeClassroom classroom) throws SQLException {
        return insertReturningId("""
                INSERT INTO classroom (district_id, school_id, title, code, grades, periods, terms)
                VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id""", classroom.schoolId(), classroom.title(), classroom.code(),
                textArray(classroom.grades()), textArray(classroom.periods()), textArray(classroom.terms()));
    }

    /** @param role teacher, student, administrator or proctor */
    public void addMember(long classroomId, long personId, String role, boolean primary) throws SQLException {
        update("INSERT INTO classroom_member (district_id, classroom_id, person_id, role, is_primary)"
                + " VALUES (?, ?, ?, ?, ?)", classroomId, personId, role, primary);
    }

    /** @param relationship parent, guardian or relative */
    public void linkGuardian(long guardianId, long studentId, String relationship) throws SQLException {
        update("INSERT INTO guardian_link (district_id, guardian_id, student_id, relationship) VALUES (?, ?, ?, ?)",
                guardianId, studentId, relationship);
    }

    public long addAnnouncement(long studentId, String title, String body, Instant createdAt) throws SQLException {
        return insertReturningId("INSERT INTO announcement (district_id, student_id, title, body, created_at)"
                + " VALUES (?, ?, ?, ?, ?) RETURNING id", studentId, title, body, Timestamp.from(createdAt));
    }

    public long addBackpackItem(long studentId, String name, String contentRef, Instant createdAt) throws SQLException {
        return insertReturningId("INSERT INTO backpack_item (district_id, student_id, name, content_ref, created_at)"
                + " VALUES (?, ?, ?, ?, ?) RETURNING id", studentId, name, contentRef, Timestamp.from(createdAt));
    }

    public long addInteractionLog(long studentId, String kind, String note, String author, Instant occurredAt)
            throws SQLException {
        return insertReturningId("INSERT INTO interaction_log (district_id, student_id, kind, note, author, occurred_at)"
                + " VALUES (?, ?, ?, ?, ?, ?) RETURNING id", studentId, kind, note, author, Timestamp.from(occurredAt));
    }

    /** Sets a student's attribute (one value per name). */
    public void setAttribute(long studentId, String name, String value) throws SQLException {
        update("INSERT INTO student_attribute (district_id, student_id, name, value) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (district_id, student_id, name) DO UPDATE SET value = excluded.value,"
                + " updated_at = now()", studentId, name, value);
    }

    /**
     * What to do with a classroom made before the sync that no class is: keep it as it is, or
     * archive it now. Only a hand-made classroom is decided here; deciding again replaces the
     * answer (keeping one archived here makes it active again).
     *
     * @return false when the classroom is not one made by hand and unlinked
     */
    public boolean decideUnlinkedClassroom(long classroomId, boolean archive, String admin) throws SQLException {
        try (PreparedStatement s = prepare("""
                SELECT c.state, d.decision FROM classroom c
                LEFT JOIN unlinked_classroom_decision d ON d.district_id = c.district_id AND d.classroom_id = c.id
                WHERE c.district_id = ? AND c.id = ? AND c.managed_by IS NULL
                  AND NOT EXISTS (SELECT 1 FROM source_link l WHERE l.district_id = c.district_id
                                  AND l.kind = 'classroom' AND l.local_id = c.id) FOR UPDATE OF c""", classroomId);
                ResultSet rs = s.executeQuery()) {
            if (!rs.next()) {
                return false;
            }
            String state = rs.getString(1);
            boolean archivedHere = "archive".equals(rs.getString(2));
            if (archive && !state.equals("archived")) {
                update("UPDATE classroom SET state = 'archived', updated_at = now() WHERE district_id = ? AND id = ?",
                        classroomId);
            } else if (!archive && archivedHere && state.equals("archived")) {
                update("UPDATE classroom SET state = 'active', updated_at = now() WHERE district_id = ? AND id = ?",
                        classroomId);
            }
        }
        update("""
                INSERT INTO unlinked_classroom_decision (district_id, classroom_id, decision, decided_by)
                VALUES (?, ?, ?, ?)
                ON CONFLICT (district_id, classroom_id) DO UPDATE SET decision = excluded.decision,
                  decided_by = excluded.decided_by, decided_at = now()""", classroomId, archive ? "archive" : "keep",
                admin);
        return true;
    }

    /** Forgets what was decided for an unlinked classroom (it is being linked instead). */
    public void forgetUnlinkedClassroomDecision(long classroomId) throws SQLException {
        update("DELETE FROM unlinked_classroom_decision WHERE district_id = ? AND classroom_id = ?", classroomId);
    }

    /**
     * Keeps a record that left the files and waits out its grace period: it stops being the sync's
     * (no source link, managed by no one, its roles, memberships and guardian links too) and is
     * active again, so no later run archives it. If the files send it again, the match rules find it.
     *
     * @param table person or classroom
     * @return false when no such record waits out a grace period
     */
    public boolean keepLeaving(String table, long id) throws SQLException {
        String kind = leavingKind(table);
        if (update("UPDATE " + table + " SET managed_by = NULL, state = 'active', removal_due_at = NULL,"
                + " updated_at = now() WHERE district_id = ? AND id = ? AND state = 'pending_removal'", id) == 0) {
            return false;
        }
        update("DELETE FROM source_link WHERE district_id = ? AND kind = '" + kind + "' AND local_id = ?", id);
        if (table.equals("person")) {
            update("UPDATE person_role SET managed_by = NULL WHERE district_id = ? AND person_id = ?", id);
            update("UPDATE classroom_member SET managed_by = NULL WHERE district_id = ? AND person_id = ?", id);
            update("UPDATE guardian_link SET managed_by = NULL WHERE district_id = ? AND (guardian_id = ?"
                    + " OR student_id = ?)", id, id);
        } else {
            update("UPDATE classroom_member SET managed_by = NULL WHERE district_id = ? AND classroom_id = ?", id);
        }
        return true;
    }

    /**
     * Archives now a record that left the files, rather than at the end of its grace period.
     *
     * @param table person or classroom
     * @return false when no such record waits out a grace period
     */
    public boolean archiveLeaving(String table, long id) throws SQLException {
        leavingKind(table);
        return update("UPDATE " + table + " SET state = 'archived', removal_due_at = NULL, updated_at = now()"
                + " WHERE district_id = ? AND id = ? AND state = 'pending_removal'", id) > 0;
    }

    private static String leavingKind(String table) {
        return switch (table) {
            case "person" -> "person";
            case "classroom" -> "classroom";
            default -> throw new IllegalArgumentException("no records of " + table + " leave");
        };
    }

    private static EntityKind kindOf(String role) {
        return switch (role) {
            case "student" -> EntityKind.STUDENTS;
            case "teacher", "aide", "administrator" -> EntityKind.STAFF;
            case "parent", "guardian", "relative" -> EntityKind.GUARDIANS;
            default -> throw new IllegalArgumentException("no role " + role);
        };
    }

    private java.sql.Array textArray(List<String> values) throws SQLException {
        return connection.createArrayOf("text", values.toArray());
    }

    /** Runs a statement whose first parameter is the district, then {@code values}. */
    private PreparedStatement prepare(String sql, Object... values) throws SQLException {
        PreparedStatement s = connection.prepareStatement(sql);
        s.setLong(1, districtId);
        for (int i = 0; i < values.length; i++) {
            s.setObject(i + 2, values[i]);
        }
        return s;
    }

    private int update(String sql, Object... values) throws SQLException {
        try (PreparedStatement s = prepare(sql, values)) {
            return s.executeUpdate();
        }
    }

    private long insertReturningId(String sql, Object... values) throws SQLException {
        try (PreparedStatement s = prepare(sql, values); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
