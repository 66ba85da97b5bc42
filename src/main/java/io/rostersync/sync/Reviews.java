package io.rostersync.sync;

import io.rostersync.directory.DirectoryStore;
import io.rostersync.directory.DirectoryTransaction;
import io.rostersync.directory.EntityKind;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The questions a sync asks an admin, and their answers. A run never links a person or a classroom
 * on weak evidence: it leaves the record out and asks (a disputed match, with the directory records
 * it could be). An answer (this one, or nobody yet: create it) is kept and followed by every later
 * run, which journals the link or the creation, so the answer shows in that run's report and is
 * undone with it. Answers are written under the district's sync lock, and move the directory epoch
 * so that no run takes its remembered view of the directory for the truth.
 */
public final class Reviews {

    private static final String SOURCE = "oneroster";

    private final DataSource dataSource;
    private final DirectoryStore store;

    public Reviews(DataSource dataSource) {
        this.dataSource = dataSource;
        this.store = new DirectoryStore(dataSource);
    }

    /** An admin's answer: the directory record it is, or null for "nobody yet: create it". */
    public record Answer(Long linkTo, String decidedBy, Instant decidedAt) {

        public boolean createsNew() {
            return linkTo == null;
        }
    }

    /**
     * A source record the latest run left out because it could be several directory records, or one
     * that matches only weakly; where it is in the files; the candidates; the answer, if given.
     */
    public record Question(long run, EntityKind kind, String sourcedId, String why, String file, Integer line,
            List<Long> candidates, Answer answer) {

        public Question {
            candidates = List.copyOf(candidates);
        }

        public boolean answered() {
            return answer != null;
        }
    }

    /** The people and classroom questions of the district's latest planned run (preview or sync), answered or not. */
    public List<Question> questions(long districtId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Optional<Long> run = latestPlannedRun(c, districtId);
            if (run.isEmpty()) {
                return List.of();
            }
            Instant asked = startOf(c, districtId, run.get());
            Map<String, Answer> answers = answers(c, districtId);
            List<Question> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT kind, sourced_id, why, file, line, candidates FROM run_skip
                    WHERE district_id = ? AND run_id = ? AND setting IS NULL AND candidates IS NOT NULL
                      AND kind IN ('students', 'staff', 'guardians', 'classrooms')
                    ORDER BY seq""")) {
                s.setLong(1, districtId);
                s.setLong(2, run.get());
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        EntityKind kind = EntityKind.ofLabel(rs.getString(1));
                        String sourcedId = rs.getString(2);
                        int number = rs.getInt(5);
                        Integer line = rs.wasNull() ? null : number;
                        Answer answer = answers.get(key(kind, sourcedId));
                        if (answer != null && answer.decidedAt().isBefore(asked)) {
                            answer = null; // given before this run, which could not follow it: to answer again
                        }
                        out.add(new Question(run.get(), kind, sourcedId, rs.getString(3), rs.getString(4), line,
                                longs(rs.getArray(6)), answer));
                    }
                }
            }
            return out;
        }
    }

    /** The classes an admin linked to a classroom (class sourcedId → classroom), which the next run links. */
    public Map<String, Long> classroomLinks(long districtId) throws SQLException {
        Map<String, Long> out = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT sourced_id,"
                + " link_to FROM match_decision WHERE district_id = ? AND source = ? AND kind = 'classroom'"
                + " AND link_to IS NOT NULL")) {
            s.setLong(1, districtId);
            s.setString(2, SOURCE);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return out;
    }

    /**
     * Answers a question: the source record of this kind is the directory record {@code linkTo}, or
     * (null) nobody yet. Replaces an earlier answer.
     *
     * @throws DirectoryStore.DistrictBusyException while a sync of the district runs
     */
    public void answer(long districtId, EntityKind kind, String sourcedId, Long linkTo, String admin)
            throws SQLException {
        try (DirectoryTransaction tx = store.begin(districtId)) {
            answer(tx, kind, sourcedId, linkTo, admin);
            tx.commit();
        }
    }

    /** {@link #answer(long, EntityKind, String, Long, String)} in a transaction the caller commits with more. */
    public static void answer(DirectoryTransaction tx, EntityKind kind, String sourcedId, Long linkTo, String admin)
            throws SQLException {
        tx.touch();
        try (PreparedStatement s = tx.connection().prepareStatement("""
                INSERT INTO match_decision (district_id, source, kind, sourced_id, link_to, decided_by)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (district_id, source, kind, sourced_id) DO UPDATE SET link_to = excluded.link_to,
                  decided_by = excluded.decided_by, decided_at = now()""")) {
            s.setLong(1, tx.districtId());
            s.setString(2, SOURCE);
            s.setString(3, recordKind(kind));
            s.setString(4, sourcedId);
            s.setObject(5, linkTo);
            s.setString(6, admin);
            s.executeUpdate();
        }
    }

    /** Takes an answer back: the next run asks again. */
    public boolean withdraw(long districtId, EntityKind kind, String sourcedId) throws SQLException {
        try (DirectoryTransaction tx = store.begin(districtId)) {
            boolean removed = withdraw(tx, kind, sourcedId);
            tx.commit();
            return removed;
        }
    }

    /** {@link #withdraw(long, EntityKind, String)} in a transaction the caller commits with more. */
    public static boolean withdraw(DirectoryTransaction tx, EntityKind kind, String sourcedId) throws SQLException {
        tx.touch();
        try (PreparedStatement s = tx.connection().prepareStatement("DELETE FROM match_decision WHERE"
                + " district_id = ? AND source = ? AND kind = ? AND sourced_id = ?")) {
            s.setLong(1, tx.districtId());
            s.setString(2, SOURCE);
            s.setString(3, recordKind(kind));
            s.setString(4, sourcedId);
            return s.executeUpdate() > 0;
        }
    }

    /**
     * Forgets every answer that names this directory record (it is no longer the sync's, or gone):
     * the next run asks again rather than linking a record an admin let go.
     */
    public static void forgetAnswersNaming(DirectoryTransaction tx, String recordKind, long localId)
            throws SQLException {
        try (PreparedStatement s = tx.connection().prepareStatement("DELETE FROM match_decision WHERE"
                + " district_id = ? AND kind = ? AND link_to = ?")) {
            s.setLong(1, tx.districtId());
            s.setString(2, recordKind);
            s.setLong(3, localId);
            s.executeUpdate();
        }
    }

    private static Instant startOf(Connection c, long districtId, long run) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT started_at FROM sync_run WHERE district_id = ?"
                + " AND id = ?")) {
            s.setLong(1, districtId);
            s.setLong(2, run);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getTimestamp(1).toInstant();
            }
        }
    }

    private static Optional<Long> latestPlannedRun(Connection c, long districtId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT max(id) FROM sync_run WHERE district_id = ?"
                + " AND kind = 'sync' AND status IN ('preview', 'applied', 'applied_with_warnings', 'held')")) {
            s.setLong(1, districtId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                long id = rs.getLong(1);
                return rs.wasNull() ? Optional.empty() : Optional.of(id);
            }
        }
    }

    private static Map<String, Answer> answers(Connection c, long districtId) throws SQLException {
        Map<String, Answer> out = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT kind, sourced_id, link_to, decided_by, decided_at"
                + " FROM match_decision WHERE district_id = ? AND source = ?")) {
            s.setLong(1, districtId);
            s.setString(2, SOURCE);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long linkTo = rs.getLong(3);
                    Long answer = rs.wasNull() ? null : linkTo;
                    out.put(rs.getString(1) + "/" + rs.getString(2), new Answer(answer, rs.getString(4),
                            rs.getTimestamp(5).toInstant()));
                }
            }
        }
        return out;
    }

    private static String key(EntityKind kind, String sourcedId) {
        return recordKind(kind) + "/" + sourcedId;
    }

    private static String recordKind(EntityKind kind) {
        if (kind.people()) {
            return "person";
        }
        if (kind == EntityKind.CLASSROOMS) {
            return "classroom";
        }
        throw new IllegalArgumentException("only people and classrooms are answered here, not " + kind.label());
    }

    private static List<Long> longs(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((Long[]) array.getArray());
    }
}
