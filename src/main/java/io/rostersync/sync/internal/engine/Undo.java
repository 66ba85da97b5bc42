package io.rostersync.sync.internal.engine;

import io.rostersync.directory.DirectoryChange;
import io.rostersync.directory.DirectoryTransaction;
import io.rostersync.directory.EntityKind;
import io.rostersync.directory.FieldChange;
import io.rostersync.directory.RecordState;
import io.rostersync.sync.RunReport;
import io.rostersync.sync.internal.report.RunCounts;
import io.rostersync.sync.internal.run.Journal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Reverts a run: its journaled changes in reverse order (updates back to their before values,
 * states back to what they were, removed members and links back), then the records it created,
 * found by their run mark. Refused while a later run touched any of the same records: that run must
 * be undone first.
 */
public final class Undo {

    private Undo() {
    }

    /** Why a run cannot be undone. */
    public static final class Refused extends RuntimeException {

        public Refused(String message) {
            super(message);
        }
    }

    /** How many of the run's records later runs touched. */
    static long conflicts(Connection c, long district, long runId) throws SQLException {
        String touched = """
                SELECT CASE WHEN c.op LIKE 'member%%' OR c.kind = 'classrooms' THEN 'classroom'
                            WHEN c.kind = 'schools' THEN 'school' ELSE 'person' END AS t, c.local_id AS id
                FROM run_change c WHERE c.district_id = %1$d AND c.run_id IN (%2$s) AND NOT c.waiting
                UNION SELECT 'person', c.other_id FROM run_change c
                WHERE c.district_id = %1$d AND c.run_id IN (%2$s) AND NOT c.waiting AND c.other_id IS NOT NULL
                UNION SELECT 'classroom', classroom_id FROM classroom_member WHERE district_id = %1$d AND created_run IN (%2$s)
                UNION SELECT 'person', person_id FROM classroom_member WHERE district_id = %1$d AND created_run IN (%2$s)
                UNION SELECT 'person', guardian_id FROM guardian_link WHERE district_id = %1$d AND created_run IN (%2$s)
                UNION SELECT 'person', student_id FROM guardian_link WHERE district_id = %1$d AND created_run IN (%2$s)
                """;
        String later = "SELECT id FROM sync_run WHERE district_id = " + district + " AND id > " + runId
                + " AND kind = 'sync' AND reverted_by IS NULL"
                + " AND status IN ('applied', 'applied_with_warnings', 'held', 'superseded')";
        String mine = String.format(touched, district, Long.toString(runId))
                + " UNION SELECT 'person', id FROM person WHERE district_id = " + district + " AND created_run = " + runId
                + " UNION SELECT 'classroom', id FROM classroom WHERE district_id = " + district
                + " AND created_run = " + runId;
        String created = "SELECT 'person' AS t, id FROM person WHERE district_id = " + district + " AND created_run = "
                + runId + " UNION SELECT 'classroom', id FROM classroom WHERE district_id = " + district
                + " AND created_run = " + runId + " UNION SELECT 'school', id FROM school WHERE district_id = "
                + district + " AND created_run = " + runId;
        // what refers to a record the run created, and would go with it: later rows, and anything made by hand
        String referring = String.format("""
                SELECT 'school' AS t, school_id AS id FROM classroom WHERE district_id = %1$d AND created_run IN (%2$s)
                UNION SELECT 'school', school_id FROM person_role WHERE district_id = %1$d AND school_id IS NOT NULL
                  AND (created_run IN (%2$s) OR managed_by IS NULL)
                UNION SELECT 'person', person_id FROM classroom_member WHERE district_id = %1$d AND managed_by IS NULL
                UNION SELECT 'classroom', classroom_id FROM classroom_member WHERE district_id = %1$d AND managed_by IS NULL
                UNION SELECT 'person', guardian_id FROM guardian_link WHERE district_id = %1$d AND managed_by IS NULL
                UNION SELECT 'person', student_id FROM guardian_link WHERE district_id = %1$d AND managed_by IS NULL
                """, district, later);
        String sql = "SELECT (SELECT count(*) FROM (" + mine + ") m JOIN (" + String.format(touched, district, later)
                + ") l USING (t, id)) + (SELECT count(*) FROM (" + created + ") c JOIN (" + referring
                + ") r USING (t, id))";
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * How many of the people the run touched (created, changed, linked, or gave a membership, a guardian
     * link or a role) are in a merge not undone: reverting the run under the merge would revert rows
     * that moved to the other record, or revive a tombstone.
     */
    static long mergedSince(Connection c, long district, long runId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                WITH touched (id) AS (
                  SELECT local_id FROM run_change WHERE district_id = ? AND run_id = ?
                    AND kind IN ('students', 'staff', 'guardians') AND op NOT LIKE 'member%%'
                  UNION SELECT other_id FROM run_change WHERE district_id = ? AND run_id = ? AND other_id IS NOT NULL
                  UNION SELECT id FROM person WHERE district_id = ? AND created_run = ?
                  UNION SELECT person_id FROM classroom_member WHERE district_id = ? AND created_run = ?
                  UNION SELECT student_id FROM guardian_link WHERE district_id = ? AND created_run = ?
                  UNION SELECT guardian_id FROM guardian_link WHERE district_id = ? AND created_run = ?
                  UNION SELECT person_id FROM person_role WHERE district_id = ? AND created_run = ?
                  UNION SELECT local_id FROM source_link WHERE district_id = ? AND created_run = ? AND kind = 'person')
                SELECT count(*) FROM touched t WHERE EXISTS (SELECT 1 FROM person_merge x WHERE x.district_id = ?
                  AND (x.survivor_id = t.id OR x.merged_id = t.id) AND x.undone_at IS NULL)""".replace("%%", "%"))) {
            for (int i = 0; i < 8; i++) {
                s.setLong(2 * i + 1, district);
                s.setLong(2 * i + 2, runId);
            }
            s.setLong(17, district);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Reverts {@code runId} as the undo run {@code undoRun}; the caller commits. */
    public static Map<EntityKind, RunReport.Counts> revert(DirectoryTransaction tx, long runId, long undoRun,
            java.util.function.Consumer<String> stage) throws SQLException {
        Connection c = tx.connection();
        long district = tx.districtId();
        long merged = mergedSince(c, district, runId);
        if (merged > 0) {
            throw new Refused(String.format("%,d of the people run %d changed were merged with another record"
                    + " since; undo those merges first (Cleanup, recent merges)", merged, runId));
        }
        long conflicts = conflicts(c, district, runId);
        if (conflicts > 0) {
            throw new Refused(String.format("a later run changed %,d of the records run %d changed; undo the later"
                    + " runs first", conflicts, runId));
        }
        DirectoryTransaction.ChangeSink sink = tx.changes(undoRun, RunContext.SOURCE);
        RunCounts counts = new RunCounts();
        long[][] states = new long[EntityKind.values().length][2];
        List<DirectoryChange> inverse = new ArrayList<>(1);
        Journal.appliedNewestFirst(c, district, runId, change -> {
            DirectoryChange back = inverse(change);
            if (back != null) {
                counts.add(back);
                if (back instanceof DirectoryChange.ResetState r) {
                    // what the undo did to the record: back in use, or back out of it
                    states[r.kind().ordinal()][r.state() == RecordState.ACTIVE ? 0 : 1]++;
                }
                sink.accept(back);
            }
        });
        tx.removeLinksCreatedBy(runId);
        long[] removed = new long[EntityKind.values().length];
        for (EntityKind kind : List.of(EntityKind.CLASSROOMS, EntityKind.STUDENTS, EntityKind.STAFF,
                EntityKind.GUARDIANS, EntityKind.SCHOOLS)) {
            for (long id : tx.createdBy(runId, kind)) {
                sink.accept(new DirectoryChange.Remove(kind, id));
                removed[kind.ordinal()]++;
            }
        }
        stage.accept("apply");
        tx.touch(); // what the reverted run left the next sync to remember no longer holds
        try {
            sink.finish();
        } catch (RuntimeException e) {
            if (e.getCause() instanceof SQLException sql && "23503".equals(sql.getSQLState())) {
                throw new Refused("records run " + runId + " created are now used elsewhere in the product"
                        + " (announcements, backpack items, interaction logs or attributes); archive them instead");
            }
            throw e;
        }
        Map<EntityKind, RunReport.Counts> byKind = new EnumMap<>(EntityKind.class);
        for (EntityKind kind : EntityKind.values()) {
            RunCounts.Counts k = counts.get(kind);
            long[] s = states[kind.ordinal()];
            byKind.put(kind, new RunReport.Counts(k.created(), k.updated(), k.archived() + s[1]
                    + removed[kind.ordinal()], k.restored() + s[0], 0));
        }
        return byKind;
    }

    /** The change that puts back what {@code change} replaced; null for creates (removed by their run mark). */
    static DirectoryChange inverse(DirectoryChange change) {
        if (change instanceof DirectoryChange.Create) {
            return null;
        } else if (change instanceof DirectoryChange.Update u) {
            return new DirectoryChange.Update(u.kind(), u.localId(), u.sourcedId(),
                    u.fields().stream().map(f -> new FieldChange(f.field(), f.after(), f.before())).toList(), null);
        } else if (change instanceof DirectoryChange.Link l) {
            return new DirectoryChange.Unlink(l.kind(), l.localId(), l.sourcedId());
        } else if (change instanceof DirectoryChange.Unlink u) {
            return new DirectoryChange.Link(u.kind(), u.localId(), u.sourcedId(), "undo", java.util.Set.of(), null);
        } else if (change instanceof DirectoryChange.Remove) {
            return null;
        } else if (change instanceof DirectoryChange.MarkPendingRemoval p) {
            return new DirectoryChange.ResetState(p.kind(), p.localId(),
                    RecordState.ACTIVE, null);
        } else if (change instanceof DirectoryChange.Archive a) {
            return new DirectoryChange.ResetState(a.kind(), a.localId(), a.before(),
                    a.dueBefore());
        } else if (change instanceof DirectoryChange.Restore r) {
            return new DirectoryChange.ResetState(r.kind(), r.localId(), r.before(),
                    r.dueBefore());
        } else if (change instanceof DirectoryChange.ResetState) {
            return null;
        } else if (change instanceof DirectoryChange.MemberAdded m) {
            return m.primaryBefore() == null
                    ? new DirectoryChange.MemberRemoved(m.classroomId(), m.personId(), m.role(), m.primary(), null)
                    : new DirectoryChange.MemberAdded(m.classroomId(), m.personId(), m.role(), m.primaryBefore(),
                            m.primary(), null);
        } else if (change instanceof DirectoryChange.MemberRemoved m) {
            return new DirectoryChange.MemberAdded(m.classroomId(), m.personId(),
                    m.role(), m.primary(), null, null);
        } else if (change instanceof DirectoryChange.GuardianLinkAdded g) {
            return g.relationshipBefore() == null
                    ? new DirectoryChange.GuardianLinkRemoved(g.guardianId(), g.studentId(), g.relationship())
                    : new DirectoryChange.GuardianLinkAdded(g.guardianId(), g.studentId(), g.relationshipBefore(),
                            g.relationship(), null);
        } else if (change instanceof DirectoryChange.GuardianLinkRemoved g) {
            return new DirectoryChange.GuardianLinkAdded(g.guardianId(),
                    g.studentId(), g.relationship(), null, null);
        }
        throw new IllegalStateException("unknown change " + change);
    }
}
