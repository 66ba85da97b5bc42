package io.rostersync.sync.internal.run;

import io.rostersync.directory.DirectoryChange;
import io.rostersync.directory.EntityKind;
import io.rostersync.directory.FieldChange;
import io.rostersync.directory.RecordState;
import io.rostersync.oneroster.RecordOrigin;
import io.rostersync.storage.CopyBuffer;
import io.rostersync.sync.internal.plan.Skip;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import tools.jackson.core.type.TypeReference;

/**
 * A run's record of what it did: each change but its creates (every change, creates included, for a
 * preview) as a run_change row with the source row that caused it and what it replaced, and each
 * skip as a run_skip row. What the report lists and what undo reverts; a held run's archives wait
 * here until an admin approves them.
 */
public final class Journal {

    private final Connection tx;
    private final long districtId;
    private final long runId;
    private final boolean everyChange;
    private final CopyBuffer changes;
    private final CopyBuffer skips;
    private long seq;
    private long skipSeq;

    /** @param everyChange record creates too (a preview, whose created rows are rolled back) */
    public Journal(Connection tx, long districtId, long runId, boolean everyChange) throws SQLException {
        this.tx = tx;
        this.districtId = districtId;
        this.runId = runId;
        this.everyChange = everyChange;
        this.changes = new CopyBuffer(tx, "run_change (district_id, run_id, seq, op, kind, local_id, other_id,"
                + " sourced_id, detail, file, line, setting, waiting)");
        this.skips = new CopyBuffer(tx, "run_skip (district_id, run_id, seq, kind, sourced_id, why, setting, file, line,"
                + " candidates)");
    }

    /** Whether a change is a creation, which the created rows themselves record. */
    static boolean creation(DirectoryChange change) {
        return change instanceof DirectoryChange.Create
                || change instanceof DirectoryChange.MemberAdded m && m.primaryBefore() == null
                || change instanceof DirectoryChange.GuardianLinkAdded g && g.relationshipBefore() == null;
    }

    public void record(DirectoryChange change, boolean waiting) {
        if (!everyChange && !waiting && creation(change)) {
            return;
        }
        record(change, waiting, ++seq);
    }

    /** A place in the run's order for a change journaled later ({@link #record(DirectoryChange, boolean, long)}). */
    public long reserve() {
        return ++seq;
    }

    /** Journals a change at a place reserved for it. */
    public void record(DirectoryChange change, boolean waiting, long seq) {
        try {
            Entry e = Entry.of(change);
            changes.add(districtId).add(runId).add(seq).add(e.op).add(change.kind().label()).add(e.localId)
                    .add(e.otherId).add(e.sourcedId).add(RunStore.JSON.writeValueAsString(e.detail))
                    .add(e.origin == null ? null : e.origin.file().fileName())
                    .add(e.origin == null ? null : e.origin.line()).add(e.setting).add(waiting).endRow();
        } catch (SQLException ex) {
            throw new JournalException(ex);
        }
    }

    public void skip(Skip skip) {
        try {
            skips.add(districtId).add(runId).add(++skipSeq).add(skip.kind() == null ? null : skip.kind().label())
                    .add(skip.sourcedId()).add(skip.why()).add(skip.setting())
                    .add(skip.origin() == null ? null : skip.origin().file().fileName())
                    .add(skip.origin() == null ? null : skip.origin().line())
                    .add(skip.candidates().isEmpty() ? null : skip.candidates().stream().map(String::valueOf)
                            .collect(java.util.stream.Collectors.joining(",", "{", "}"))).endRow();
        } catch (SQLException ex) {
            throw new JournalException(ex);
        }
    }

    public long skips() {
        return skipSeq;
    }

    public void flush() throws SQLException {
        changes.flush();
        skips.flush();
    }

    /** A journaled change and its place in the run. */
    @FunctionalInterface
    public interface Visitor {
        void visit(long seq, DirectoryChange change);
    }

    /** Streams a run's waiting changes, in the order they were planned. */
    public static void waiting(Connection tx, long districtId, long runId, Visitor each) throws SQLException {
        read(tx, districtId, runId, "waiting", false, each);
    }

    /** Drops waiting changes that no longer hold (the record changed since the run was held). */
    public static void dropWaiting(Connection tx, long districtId, long runId, List<Long> seqs) throws SQLException {
        if (seqs.isEmpty()) {
            return;
        }
        try (PreparedStatement s = tx.prepareStatement(
                "DELETE FROM run_change WHERE district_id = ? AND run_id = ? AND waiting AND seq = ANY (?)")) {
            s.setLong(1, districtId);
            s.setLong(2, runId);
            s.setArray(3, tx.createArrayOf("bigint", seqs.toArray()));
            s.executeUpdate();
        }
    }

    /** Marks every change of a run as waiting: a held run that applied nothing. */
    public static void markAllWaiting(Connection tx, long districtId, long runId) throws SQLException {
        try (PreparedStatement s = tx.prepareStatement(
                "UPDATE run_change SET waiting = true WHERE district_id = ? AND run_id = ?")) {
            s.setLong(1, districtId);
            s.setLong(2, runId);
            s.executeUpdate();
        }
    }

    /** Marks a run's waiting changes as applied. */
    public static void applied(Connection tx, long districtId, long runId) throws SQLException {
        try (PreparedStatement s = tx.prepareStatement(
                "UPDATE run_change SET waiting = false WHERE district_id = ? AND run_id = ? AND waiting")) {
            s.setLong(1, districtId);
            s.setLong(2, runId);
            s.executeUpdate();
        }
    }

    /** Streams a run's applied changes, the last first: the order in which undo reverts them. */
    public static void appliedNewestFirst(Connection tx, long districtId, long runId, Consumer<DirectoryChange> each)
            throws SQLException {
        read(tx, districtId, runId, "NOT waiting", true, (seq, change) -> each.accept(change));
    }

    private static void read(Connection tx, long districtId, long runId, String which, boolean newestFirst,
            Visitor each) throws SQLException {
        try (PreparedStatement s = tx.prepareStatement("SELECT op, kind, local_id, other_id, sourced_id, detail::text, seq"
                + " FROM run_change WHERE district_id = ? AND run_id = ? AND " + which + " ORDER BY seq"
                + (newestFirst ? " DESC" : ""))) {
            s.setFetchSize(10_000);
            s.setLong(1, districtId);
            s.setLong(2, runId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    each.visit(rs.getLong(7), Entry.decode(rs.getString(1), EntityKind.ofLabel(rs.getString(2)),
                            rs.getLong(3), (Long) rs.getObject(4), rs.getString(5), rs.getString(6)));
                }
            }
        }
    }

    /** A change as one run_change row. */
    private record Entry(String op, long localId, Long otherId, String sourcedId, Map<String, Object> detail,
            RecordOrigin origin, String setting) {

        static Entry of(DirectoryChange change) {
            Map<String, Object> d = new LinkedHashMap<>();
            if (change instanceof DirectoryChange.Create c) {
                    d.put("fields", new java.util.TreeMap<>(c.fields()));
                    d.put("also", c.alsoSourcedIds());
                    return new Entry("create", c.localId(), null, c.sourcedId(), d, c.origin(), null);
                } else if (change instanceof DirectoryChange.Update u) {
                    List<Map<String, String>> fields = new ArrayList<>();
                    for (FieldChange f : u.fields()) {
                        Map<String, String> m = new LinkedHashMap<>();
                        m.put("field", f.field());
                        m.put("before", f.before());
                        m.put("after", f.after());
                        fields.add(m);
                    }
                    d.put("fields", fields);
                    return new Entry("update", u.localId(), null, u.sourcedId(), d, u.origin(), null);
                } else if (change instanceof DirectoryChange.Link l) {
                    d.put("rule", l.rule());
                    d.put("hand_owned", new java.util.TreeSet<>(l.handOwned()));
                    return new Entry("link", l.localId(), null, l.sourcedId(), d, l.origin(), "personMatchRules");
                } else if (change instanceof DirectoryChange.Unlink u) {
            return new Entry("unlink", u.localId(), null, u.sourcedId(), d, null, null);
        } else if (change instanceof DirectoryChange.Remove r) {
            return new Entry("remove", r.localId(), null, null, d, null, null);
        } else if (change instanceof DirectoryChange.MarkPendingRemoval p) {
                    d.put("due", p.dueAt().toString());
                    return new Entry("pending_removal", p.localId(), null, null, d, null, "gracePeriod");
                } else if (change instanceof DirectoryChange.Archive a) {
                    d.put("before", a.before().column());
                    d.put("due_before", a.dueBefore() == null ? null : a.dueBefore().toString());
                    d.put("why", a.why());
                    return new Entry("archive", a.localId(), null, null, d, null, "leavers");
                } else if (change instanceof DirectoryChange.Restore r) {
                    d.put("before", r.before().column());
                    d.put("due_before", r.dueBefore() == null ? null : r.dueBefore().toString());
                    return new Entry("restore", r.localId(), null, null, d, r.origin(),
                            r.kind() == EntityKind.CLASSROOMS ? "restoreClassrooms" : null);
                } else if (change instanceof DirectoryChange.ResetState r) {
                    d.put("state", r.state().column());
                    d.put("due", r.dueAt() == null ? null : r.dueAt().toString());
                    return new Entry("reset_state", r.localId(), null, null, d, null, null);
                } else if (change instanceof DirectoryChange.MemberAdded m) {
                    d.put("role", m.role());
                    d.put("primary", m.primary());
                    d.put("primary_before", m.primaryBefore());
                    return new Entry("member_added", m.classroomId(), m.personId(), null, d, m.origin(), null);
                } else if (change instanceof DirectoryChange.MemberRemoved m) {
                    d.put("role", m.role());
                    d.put("primary", m.primary());
                    return new Entry("member_removed", m.classroomId(), m.personId(), null, d, m.origin(), null);
                } else if (change instanceof DirectoryChange.GuardianLinkAdded g) {
                    d.put("relationship", g.relationship());
                    d.put("relationship_before", g.relationshipBefore());
                    return new Entry("guardian_link_added", g.guardianId(), g.studentId(), null, d, g.origin(), null);
                } else if (change instanceof DirectoryChange.GuardianLinkRemoved g) {
                    d.put("relationship", g.relationship());
                    return new Entry("guardian_link_removed", g.guardianId(), g.studentId(), null, d, null, null);
                }
        throw new IllegalStateException("unknown change " + change);
        }

        @SuppressWarnings("unchecked")
        static DirectoryChange decode(String op, EntityKind kind, long localId, Long otherId, String sourcedId,
                String json) {
            Map<String, Object> d = RunStore.JSON.readValue(json, new TypeReference<Map<String, Object>>() { });
            return switch (op) {
                case "create" -> new DirectoryChange.Create(kind, localId, sourcedId, (List<String>) d.get("also"),
                        (Map<String, String>) d.get("fields"), null);
                case "update" -> {
                    List<FieldChange> fields = new ArrayList<>();
                    for (Map<String, String> f : (List<Map<String, String>>) d.get("fields")) {
                        fields.add(new FieldChange(f.get("field"), f.get("before"), f.get("after")));
                    }
                    yield new DirectoryChange.Update(kind, localId, sourcedId, fields, null);
                }
                case "link" -> new DirectoryChange.Link(kind, localId, sourcedId, (String) d.get("rule"),
                        d.get("hand_owned") == null ? java.util.Set.of()
                                : new java.util.HashSet<>((List<String>) d.get("hand_owned")), null);
                case "unlink" -> new DirectoryChange.Unlink(kind, localId, sourcedId);
                case "remove" -> new DirectoryChange.Remove(kind, localId);
                case "pending_removal" -> new DirectoryChange.MarkPendingRemoval(kind, localId,
                        Instant.parse((String) d.get("due")));
                case "archive" -> new DirectoryChange.Archive(kind, localId,
                        RecordState.ofColumn((String) d.get("before")), instant(d.get("due_before")),
                        (String) d.get("why"));
                case "restore" -> new DirectoryChange.Restore(kind, localId,
                        RecordState.ofColumn((String) d.get("before")), instant(d.get("due_before")), null);
                case "reset_state" -> new DirectoryChange.ResetState(kind, localId,
                        RecordState.ofColumn((String) d.get("state")), instant(d.get("due")));
                case "member_added" -> new DirectoryChange.MemberAdded(localId, otherId, (String) d.get("role"),
                        (Boolean) d.get("primary"), (Boolean) d.get("primary_before"), null);
                case "member_removed" -> new DirectoryChange.MemberRemoved(localId, otherId, (String) d.get("role"),
                        (Boolean) d.get("primary"), null);
                case "guardian_link_added" -> new DirectoryChange.GuardianLinkAdded(localId, otherId,
                        (String) d.get("relationship"), (String) d.get("relationship_before"), null);
                case "guardian_link_removed" -> new DirectoryChange.GuardianLinkRemoved(localId, otherId,
                        (String) d.get("relationship"));
                default -> throw new IllegalStateException("unknown change " + op);
            };
        }

        private static Instant instant(Object value) {
            return value == null ? null : Instant.parse((String) value);
        }
    }

    /** The journal could not be written: the run's transaction is rolled back. */
    public static final class JournalException extends RuntimeException {

        JournalException(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
