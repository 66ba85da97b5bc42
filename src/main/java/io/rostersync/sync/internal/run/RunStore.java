package io.rostersync.sync.internal.run;

import io.rostersync.directory.EntityKind;
import io.rostersync.oneroster.Problem;
import io.rostersync.oneroster.ProblemCode;
import io.rostersync.oneroster.Severity;
import io.rostersync.storage.CopyBuffer;
import io.rostersync.sync.RunReport;
import io.rostersync.sync.RunStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The runs of a district and their reports. A run's row is committed when it starts, on its own
 * connection, so that a run whose process dies stays visible (and is marked failed by the next one);
 * everything else about it is written in the run's own transaction.
 */
public final class RunStore {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private final DataSource dataSource;

    public RunStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Starts a run; call it holding the district's lock, so that any other run still marked running
     * is one whose process died.
     */
    public long start(long districtId, String kind, String source) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            failAbandoned(c, districtId);
            try (PreparedStatement s = c.prepareStatement("INSERT INTO sync_run (district_id, kind, status, source)"
                    + " VALUES (?, ?, 'running', ?) RETURNING id")) {
                s.setLong(1, districtId);
                s.setString(2, kind);
                s.setString(3, source);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        }
    }

    /** Marks the district's runs that are still "running" as failed; only for a caller holding the district's lock. */
    public static void failAbandoned(Connection c, long districtId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE sync_run SET status = 'failed', finished_at = now(),"
                + " error = 'the process stopped before the run finished; nothing of it was applied'"
                + " WHERE district_id = ? AND status = 'running'")) {
            s.setLong(1, districtId);
            s.executeUpdate();
        }
    }

    /** Records that a run failed (its transaction rolled back). */
    public void fail(long districtId, long runId, String error) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "UPDATE sync_run SET status = 'failed', finished_at = now(), error = ? WHERE district_id = ? AND id = ?")) {
            s.setString(1, error);
            s.setLong(2, districtId);
            s.setLong(3, runId);
            s.executeUpdate();
        }
    }

    /** What a finished run's row holds; {@code files} null keeps what the row has. */
    public record Outcome(RunStatus status, Map<EntityKind, RunReport.Counts> counts,
            Map<EntityKind, RunReport.Totals> totals, Map<String, Long> files, List<String> holdReasons,
            String overrideReason, String error) {
    }

    /** Writes a run's outcome in its transaction. */
    public static void finish(Connection tx, long districtId, long runId, Outcome o) throws SQLException {
        Map<String, Object> counts = new LinkedHashMap<>();
        o.counts().forEach((k, c) -> counts.put(k.label(), c));
        Map<String, Object> totals = new LinkedHashMap<>();
        o.totals().forEach((k, t) -> totals.put(k.label(), t));
        // clock_timestamp(), not now(): the run's transaction began before its row was started on a
        // connection of its own, and now() would finish the run before it started
        try (PreparedStatement s = tx.prepareStatement("UPDATE sync_run SET status = ?, finished_at = clock_timestamp(),"
                + " counts = ?::jsonb, totals = ?::jsonb, files = coalesce(?::jsonb, files), hold_reasons = ?::jsonb,"
                + " override_reason = ?, error = ? WHERE district_id = ? AND id = ?")) {
            s.setString(1, o.status().label());
            s.setString(2, JSON.writeValueAsString(counts));
            s.setString(3, JSON.writeValueAsString(totals));
            s.setString(4, o.files() == null ? null : JSON.writeValueAsString(o.files()));
            s.setString(5, JSON.writeValueAsString(o.holdReasons()));
            s.setString(6, o.overrideReason());
            s.setString(7, o.error());
            s.setLong(8, districtId);
            s.setLong(9, runId);
            s.executeUpdate();
        }
    }

    /** Records that {@code undoRun} reverted {@code runId}. */
    public static void revert(Connection tx, long districtId, long runId, long undoRun) throws SQLException {
        try (PreparedStatement s = tx.prepareStatement("UPDATE sync_run SET reverted_by = ? WHERE district_id = ? AND id = ?");
                PreparedStatement u = tx.prepareStatement("UPDATE sync_run SET reverts = ? WHERE district_id = ? AND id = ?")) {
            s.setLong(1, undoRun);
            s.setLong(2, districtId);
            s.setLong(3, runId);
            s.executeUpdate();
            u.setLong(1, runId);
            u.setLong(2, districtId);
            u.setLong(3, undoRun);
            u.executeUpdate();
        }
    }

    public static void setStatus(Connection tx, long districtId, long runId, RunStatus status) throws SQLException {
        try (PreparedStatement s = tx.prepareStatement("UPDATE sync_run SET status = ? WHERE district_id = ? AND id = ?")) {
            s.setString(1, status.label());
            s.setLong(2, districtId);
            s.setLong(3, runId);
            s.executeUpdate();
        }
    }

    /** The reader's problems, every one whose details were kept. */
    public static void problems(Connection tx, long districtId, long runId, List<Problem> problems) throws SQLException {
        CopyBuffer rows = new CopyBuffer(tx, "run_problem (district_id, run_id, seq, code, severity, file, line,"
                + " column_name, sourced_id, message, hint)");
        int seq = 0;
        for (Problem p : problems) {
            rows.add(districtId).add(runId).add(++seq).add(p.code().name()).add(p.severity().name()).add(p.file())
                    .add(p.line()).add(p.column()).add(p.sourcedId()).add(p.message()).add(p.hint()).endRow();
        }
        rows.flush();
    }

    /**
     * Held runs whose waiting changes a newer run replaces: they are superseded, and their waiting
     * changes will never be applied.
     */
    public static void supersedeHeld(Connection tx, long districtId, long newRun) throws SQLException {
        try (PreparedStatement s = tx.prepareStatement("UPDATE sync_run SET status = 'superseded'"
                + " WHERE district_id = ? AND status = 'held' AND id < ?")) {
            s.setLong(1, districtId);
            s.setLong(2, newRun);
            s.executeUpdate();
        }
    }

    /** The rows per file of the district's last applied sync, to notice a file that shrank. */
    public static Map<String, Long> lastAppliedFiles(Connection tx, long districtId) throws SQLException {
        try (PreparedStatement s = tx.prepareStatement("SELECT files::text FROM sync_run WHERE district_id = ?"
                + " AND kind = 'sync' AND status IN ('applied', 'applied_with_warnings') AND reverted_by IS NULL"
                + " AND files IS NOT NULL ORDER BY id DESC LIMIT 1")) {
            s.setLong(1, districtId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Map.of();
                }
                return JSON.readValue(rs.getString(1), new TypeReference<Map<String, Long>>() { });
            }
        }
    }

    /**
     * The district's latest run, if the directory still holds it whole: a sync applied (with or without
     * warnings), not undone, with no run after it, no row it could not use (an error), and no sync
     * setting saved, admin's answer given or hand laid on the directory since it began (what it skipped
     * or decided could now go otherwise). A pull of changes only may start where that run's drop was read; after anything else
     * the next pull reads the whole roster.
     */
    public java.util.OptionalLong inForce(long districtId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                SELECT r.id FROM sync_run r
                WHERE r.district_id = ? AND r.id = (SELECT max(id) FROM sync_run WHERE district_id = ?)
                  AND r.kind = 'sync' AND r.status IN ('applied', 'applied_with_warnings') AND r.reverted_by IS NULL
                  AND NOT EXISTS (SELECT 1 FROM run_problem p WHERE p.district_id = r.district_id
                                  AND p.run_id = r.id AND p.severity = 'ERROR')
                  AND NOT EXISTS (SELECT 1 FROM district_settings t WHERE t.district_id = r.district_id
                                  AND t.updated_at >= r.started_at)
                  -- an admin's hand in the directory: a school's ID, a merge, an archive, an answer
                  AND NOT EXISTS (SELECT 1 FROM district d WHERE d.id = r.district_id
                                  AND d.directory_changed_at >= r.started_at)
                  AND NOT EXISTS (SELECT 1 FROM match_decision m WHERE m.district_id = r.district_id
                                  AND m.decided_at >= r.started_at)""")) {
            s.setLong(1, districtId);
            s.setLong(2, districtId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? java.util.OptionalLong.of(rs.getLong(1)) : java.util.OptionalLong.empty();
            }
        }
    }

    public List<RunReport> list(long districtId, int limit) throws SQLException {
        List<RunReport> runs = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(SELECT
                + " WHERE r.district_id = ? ORDER BY r.id DESC LIMIT ?")) {
            s.setLong(1, districtId);
            s.setInt(2, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    runs.add(read(rs, List.of()));
                }
            }
        }
        return runs;
    }

    public Optional<RunReport> find(long districtId, long runId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return find(c, districtId, runId);
        }
    }

    public static Optional<RunReport> find(Connection c, long districtId, long runId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(SELECT + " WHERE r.district_id = ? AND r.id = ?")) {
            s.setLong(1, districtId);
            s.setLong(2, runId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(read(rs, problems(c, districtId, runId)));
            }
        }
    }

    private static final String SELECT = "SELECT r.id, r.kind, r.status, r.source, r.started_at, r.finished_at,"
            + " r.counts::text, r.totals::text, r.hold_reasons::text, r.error, r.reverts, r.reverted_by,"
            + " (SELECT count(*) FROM run_change c WHERE c.district_id = r.district_id AND c.run_id = r.id AND c.waiting),"
            + " (SELECT count(*) FROM run_skip k WHERE k.district_id = r.district_id AND k.run_id = r.id)"
            + " FROM sync_run r";

    private static RunReport read(ResultSet rs, List<Problem> problems) throws SQLException {
        Map<EntityKind, RunReport.Counts> counts = new EnumMap<>(EntityKind.class);
        if (rs.getString(7) != null) {
            Map<String, RunReport.Counts> raw = JSON.readValue(rs.getString(7),
                    new TypeReference<Map<String, RunReport.Counts>>() { });
            raw.forEach((k, v) -> counts.put(EntityKind.ofLabel(k), v));
        }
        Map<EntityKind, RunReport.Totals> totals = new EnumMap<>(EntityKind.class);
        if (rs.getString(8) != null) {
            Map<String, RunReport.Totals> raw = JSON.readValue(rs.getString(8),
                    new TypeReference<Map<String, RunReport.Totals>>() { });
            raw.forEach((k, v) -> totals.put(EntityKind.ofLabel(k), v));
        }
        List<String> holds = JSON.readValue(rs.getString(9), new TypeReference<List<String>>() { });
        RunStatus status = RunStatus.ofLabel(rs.getString(3));
        return new RunReport(rs.getLong(1), rs.getString(2), status, rs.getString(4), instant(rs.getTimestamp(5)),
                instant(rs.getTimestamp(6)), counts, totals, holds, status == RunStatus.HELD ? rs.getLong(13) : 0,
                problems, rs.getLong(14), rs.getString(10), (Long) rs.getObject(11), (Long) rs.getObject(12));
    }

    private static List<Problem> problems(Connection c, long districtId, long runId) throws SQLException {
        List<Problem> problems = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT code, severity, file, line, column_name, sourced_id,"
                + " message, hint FROM run_problem WHERE district_id = ? AND run_id = ? ORDER BY seq")) {
            s.setLong(1, districtId);
            s.setLong(2, runId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    problems.add(new Problem(ProblemCode.valueOf(rs.getString(1)), Severity.valueOf(rs.getString(2)),
                            rs.getString(3), (Integer) rs.getObject(4), rs.getString(5), rs.getString(6),
                            rs.getString(7), rs.getString(8)));
                }
            }
        }
        return problems;
    }

    private static java.time.Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
