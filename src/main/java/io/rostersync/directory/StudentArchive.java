package io.rostersync.directory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Archives students by hand, as one action per selection that can be undone: the students of a
 * directory's filter (every page of it, or the rows an admin ticked), limited to the admin's
 * schools. Only students made by hand are archived: the sync's own leave when the SIS stops sending
 * them, so they are counted as skipped, never archived here. An archived student is out of the
 * default listings, and a guardian with no student left in use receives no announcements.
 */
public final class StudentArchive {

    private final DataSource dataSource;

    public StudentArchive(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Which students an action is about: those the filter lists (its role is taken as student), and,
     * when {@code ids} is not null, only those of them.
     */
    public record Selection(PeopleReads.Filter filter, List<Long> ids) {

        public Selection {
            ids = ids == null ? null : List.copyOf(ids);
        }

        public static Selection everyMatching(PeopleReads.Filter filter) {
            return new Selection(filter, null);
        }
    }

    /** What archiving a selection does, or did: {@code archived} now, and those left alone, by why. */
    public record Outcome(long actionId, int archived, int skippedSynced, int alreadyArchived) {

        public int selected() {
            return archived + skippedSynced + alreadyArchived;
        }
    }

    /** What {@link #archive} would do, without doing it. */
    public Outcome preview(long districtId, Selection selection) throws SQLException {
        StringBuilder sql = new StringBuilder("""
                SELECT count(*) FILTER (WHERE p.managed_by IS NULL AND p.state <> 'archived'),
                       count(*) FILTER (WHERE p.managed_by IS NOT NULL AND p.state <> 'archived'),
                       count(*) FILTER (WHERE p.state = 'archived')
                FROM person p WHERE p.district_id = ?""");
        List<Object> args = new ArrayList<>(List.of(districtId));
        students(sql, args, districtId, selection);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql.toString())) {
            PeopleReads.bind(c, s, args);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return new Outcome(0, rs.getInt(1), rs.getInt(2), rs.getInt(3));
            }
        }
    }

    /**
     * Archives the selection's students made by hand, in the transaction, as one action.
     *
     * @param scope in words, for the action's history ("Birchwood Elementary: students not in the sync")
     */
    public static Outcome archive(DirectoryTransaction tx, Selection selection, String scope, String admin)
            throws SQLException {
        Connection c = tx.connection();
        long district = tx.districtId();
        tx.touch();
        Outcome counted;
        StringBuilder count = new StringBuilder("""
                SELECT count(*) FILTER (WHERE p.managed_by IS NOT NULL AND p.state <> 'archived'),
                       count(*) FILTER (WHERE p.state = 'archived')
                FROM person p WHERE p.district_id = ?""");
        List<Object> countArgs = new ArrayList<>(List.of(district));
        students(count, countArgs, district, selection);
        try (PreparedStatement s = c.prepareStatement(count.toString())) {
            PeopleReads.bind(c, s, countArgs);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                counted = new Outcome(0, 0, rs.getInt(1), rs.getInt(2));
            }
        }
        long action;
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO archive_action (district_id, scope, archived_by, archived, skipped_synced)
                VALUES (?, ?, ?, 0, ?) RETURNING id""")) {
            s.setLong(1, district);
            s.setString(2, scope);
            s.setString(3, admin);
            s.setInt(4, counted.skippedSynced());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                action = rs.getLong(1);
            }
        }
        StringBuilder archive = new StringBuilder("""
                WITH chosen AS (
                  UPDATE person p SET state = 'archived', removal_due_at = NULL, updated_at = now()
                  WHERE p.district_id = ?""");
        List<Object> args = new ArrayList<>(List.of(district));
        students(archive, args, district, selection);
        archive.append(" AND p.managed_by IS NULL AND p.state <> 'archived' RETURNING p.id)"
                + " INSERT INTO archive_action_person (district_id, action_id, person_id)"
                + " SELECT ?, ?, id FROM chosen");
        args.add(district);
        args.add(action);
        int archived;
        try (PreparedStatement s = c.prepareStatement(archive.toString())) {
            PeopleReads.bind(c, s, args);
            archived = s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE archive_action SET archived = ? WHERE district_id = ? AND id = ?")) {
            s.setInt(1, archived);
            s.setLong(2, district);
            s.setLong(3, action);
            s.executeUpdate();
        }
        return new Outcome(action, archived, counted.skippedSynced(), counted.alreadyArchived());
    }

    /** An archiving action, as its history lists it. */
    public record Action(long id, String scope, String archivedBy, Instant archivedAt, int archived,
            int skippedSynced, String restoredBy, Instant restoredAt) {

        public boolean restored() {
            return restoredAt != null;
        }
    }

    public Optional<Action> action(long districtId, long actionId) throws SQLException {
        return actions(districtId, actionId, 1).stream().findFirst();
    }

    /** The newest actions first. */
    public List<Action> actions(long districtId, int limit) throws SQLException {
        return actions(districtId, null, limit);
    }

    private List<Action> actions(long districtId, Long actionId, int limit) throws SQLException {
        List<Action> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                SELECT id, scope, archived_by, archived_at, archived, skipped_synced, restored_by, restored_at
                FROM archive_action WHERE district_id = ? AND (?::bigint IS NULL OR id = ?)
                ORDER BY id DESC LIMIT ?""")) {
            s.setLong(1, districtId);
            s.setObject(2, actionId);
            s.setObject(3, actionId);
            s.setInt(4, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new Action(rs.getLong(1), rs.getString(2), rs.getString(3),
                            rs.getTimestamp(4).toInstant(), rs.getInt(5), rs.getInt(6), rs.getString(7),
                            rs.getTimestamp(8) == null ? null : rs.getTimestamp(8).toInstant()));
                }
            }
        }
        return out;
    }

    /**
     * Undoes an action: its students are in use again, but those archived since by other means
     * (merged into another record, or taken over by the sync) stay as they are.
     *
     * @return how many students are in use again, empty when there is no such action not undone yet
     */
    public static Optional<Integer> restore(DirectoryTransaction tx, long actionId, String admin) throws SQLException {
        return restore(tx, actionId, admin, null);
    }

    /**
     * {@link #restore(DirectoryTransaction, long, String)} by an admin of these schools: only the
     * action's students who are still at one of them come back (null: every school).
     */
    public static Optional<Integer> restore(DirectoryTransaction tx, long actionId, String admin, Set<Long> schools)
            throws SQLException {
        Connection c = tx.connection();
        try (PreparedStatement s = c.prepareStatement("""
                UPDATE archive_action SET restored_by = ?, restored_at = now()
                WHERE district_id = ? AND id = ? AND restored_at IS NULL""")) {
            s.setString(1, admin);
            s.setLong(2, tx.districtId());
            s.setLong(3, actionId);
            if (s.executeUpdate() == 0) {
                return Optional.empty();
            }
        }
        tx.touch();
        try (PreparedStatement s = c.prepareStatement("""
                UPDATE person p SET state = 'active', updated_at = now() FROM archive_action_person a
                WHERE a.district_id = ? AND a.action_id = ? AND p.district_id = a.district_id AND p.id = a.person_id
                  AND p.state = 'archived' AND p.managed_by IS NULL AND p.merged_into IS NULL
                  AND (?::bigint[] IS NULL OR EXISTS (SELECT 1 FROM person_role r WHERE r.district_id = p.district_id
                       AND r.person_id = p.id AND r.school_id = ANY (?::bigint[])))""")) {
            java.sql.Array reach = schools == null ? null : c.createArrayOf("bigint", schools.toArray());
            s.setLong(1, tx.districtId());
            s.setLong(2, actionId);
            s.setArray(3, reach);
            s.setArray(4, reach);
            return Optional.of(s.executeUpdate());
        }
    }

    /** How many of an action's students are at none of these schools (no longer an admin of them's to restore). */
    public int outsideReach(long districtId, long actionId, Set<Long> schools) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                SELECT count(*) FROM archive_action_person a WHERE a.district_id = ? AND a.action_id = ?
                  AND NOT EXISTS (SELECT 1 FROM person_role r WHERE r.district_id = a.district_id
                                  AND r.person_id = a.person_id AND r.school_id = ANY (?))""")) {
            s.setLong(1, districtId);
            s.setLong(2, actionId);
            s.setArray(3, c.createArrayOf("bigint", schools.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /**
     * Puts these archived students made by hand back in use (the sync's archived students come back
     * when the SIS sends them again; a merged record by undoing its merge).
     *
     * @return how many are in use again
     */
    public static int unarchive(DirectoryTransaction tx, PeopleReads.Filter scope, List<Long> ids) throws SQLException {
        tx.touch();
        StringBuilder sql = new StringBuilder("UPDATE person p SET state = 'active', updated_at = now()"
                + " WHERE p.district_id = ?");
        List<Object> args = new ArrayList<>(List.of(tx.districtId()));
        students(sql, args, tx.districtId(), new Selection(scope, ids));
        sql.append(" AND p.state = 'archived' AND p.managed_by IS NULL AND p.merged_into IS NULL");
        try (PreparedStatement s = tx.connection().prepareStatement(sql.toString())) {
            PeopleReads.bind(tx.connection(), s, args);
            return s.executeUpdate();
        }
    }

    /** The selection's students, archived ones included (they are counted, and unarchived, here). */
    private static void students(StringBuilder sql, List<Object> args, long district, Selection selection) {
        PeopleReads.Filter f = selection.filter();
        PeopleReads.Filter students = new PeopleReads.Filter(f.query(), "student", f.schoolId(), f.grade(), f.state(),
                true, f.schools(), f.synced());
        PeopleReads.where(sql, args, district, students);
        sql.append(" AND p.kind = 'students' AND p.merged_into IS NULL");
        if (selection.ids() != null) {
            sql.append(" AND p.id = ANY (?)");
            args.add(selection.ids().toArray(Long[]::new));
        }
    }
}
