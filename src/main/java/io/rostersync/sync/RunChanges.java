package io.rostersync.sync;

import io.rostersync.directory.EntityKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * A run's journaled changes, a page at a time, kind by kind, each in words with its fields before
 * and after: what a run's page lists. A first load's creates are marked on the rows they made
 * rather than journaled (the CSV export lists them); a preview journals them all.
 */
public final class RunChanges {

    private final DataSource dataSource;

    public RunChanges(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * One change: what it did in words (an update lists each field, before and after), the record
     * it did it to, the source row and the setting behind it, and whether it waits for approval.
     */
    public record Change(long seq, String op, EntityKind kind, long localId, Long otherId, String sourcedId,
            String summary, String file, Integer line, String setting, boolean waiting) {

        /** The console page of the record changed: a person, or a classroom (for a membership, its classroom). */
        public String recordPath() {
            if (kind.people()) {
                return "/console/people/" + localId;
            }
            if (kind == EntityKind.CLASSROOMS || kind == EntityKind.ENROLLMENTS) {
                return "/console/classrooms/" + localId;
            }
            return null;
        }
    }

    /** A page of changes, and the sequence number after which the next page starts (null at the end). */
    public record Page(List<Change> changes, Long next) {
    }

    /** The run's changes of {@code kind} (all kinds when null) after {@code afterSeq}, at most {@code limit}. */
    public Page page(long districtId, long runId, EntityKind kind, long afterSeq, int limit) throws SQLException {
        List<Change> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                SELECT seq, op, kind, local_id, other_id, sourced_id, detail::text, file, line, setting, waiting
                FROM run_change WHERE district_id = ? AND run_id = ? AND (?::text IS NULL OR kind = ?) AND seq > ?
                ORDER BY seq LIMIT ?""")) {
            s.setLong(1, districtId);
            s.setLong(2, runId);
            s.setString(3, kind == null ? null : kind.label());
            s.setString(4, kind == null ? null : kind.label());
            s.setLong(5, afterSeq);
            s.setInt(6, limit + 1);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long other = rs.getLong(5);
                    Long otherId = rs.wasNull() ? null : other;
                    int line = rs.getInt(9);
                    Integer sourceLine = rs.wasNull() ? null : line;
                    String op = rs.getString(2);
                    long localId = rs.getLong(4);
                    out.add(new Change(rs.getLong(1), op, EntityKind.ofLabel(rs.getString(3)), localId, otherId,
                            rs.getString(6), summary(op, localId, otherId, rs.getString(6), RecordHistory.detail(rs.getString(7))),
                            rs.getString(8), sourceLine, rs.getString(10), rs.getBoolean(11)));
                }
            }
        }
        if (out.size() <= limit) {
            return new Page(out, null);
        }
        return new Page(List.copyOf(out.subList(0, limit)), out.get(limit - 1).seq());
    }

    /** A change in words, from the run's side. */
    private static String summary(String op, long localId, Long otherId, String sourcedId, Map<String, Object> d) {
        return switch (op) {
            case "member_added" -> "person " + otherId + " joined as " + d.get("role");
            case "member_removed" -> "person " + otherId + " left (" + d.get("role") + ")";
            case "guardian_link_added" -> "became " + d.get("relationship") + " of student " + otherId;
            case "guardian_link_removed" -> "no longer " + d.get("relationship") + " of student " + otherId;
            default -> RecordHistory.summary(op, localId, localId, otherId, sourcedId, d, null);
        };
    }
}
