package io.rostersync.cleanup;

import io.rostersync.cleanup.internal.BlockingKeys;
import io.rostersync.cleanup.internal.DuplicateScorer;
import io.rostersync.cleanup.internal.StudentFacts;
import io.rostersync.directory.PeopleReads;
import io.rostersync.storage.CopyBuffer;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The duplicate candidates of a district's students: found again after each applied sync (or when
 * an admin asks), listed with their evidence, and dismissed ("not a duplicate", remembered).
 *
 * <p>Finding them never compares all pairs and never holds the district in memory: the students
 * stream from the database once, each filed under its blocking keys (in a temporary table, by
 * COPY); the database groups the keys into blocks and gives back each pair that shares one, with
 * both students' facts, and each pair is scored as it streams past.
 */
public final class Duplicates {

    private static final int FETCH = 10_000;

    /** The first key of the advisory lock one search of a district at a time holds (the second: the district). */
    private static final int DUPLICATES_LOCK = 0x6475_7073;

    /** A student's facts, by the columns of the temporary table dup_fact. */
    private static final String FACTS = """
            SELECT p.id, p.given_name, p.family_name, p.preferred_given_name, p.grade, p.student_number, p.email,
                   p.managed_by IS NOT NULL,
                   (SELECT string_agg(DISTINCT r.school_id::text, ' ') FROM person_role r
                     WHERE r.district_id = p.district_id AND r.person_id = p.id AND r.school_id IS NOT NULL),
                   (SELECT string_agg(DISTINCT v.contact, E'\\n') FROM guardian_link g
                     JOIN person gu ON gu.district_id = g.district_id AND gu.id = g.guardian_id,
                     LATERAL (VALUES (lower(gu.email)), (right(regexp_replace(gu.sms_phone, '\\D', '', 'g'), 10)),
                                     (right(regexp_replace(gu.home_phone, '\\D', '', 'g'), 10))) v (contact)
                     WHERE g.district_id = p.district_id AND g.student_id = p.id AND v.contact <> ''),
                   p.birth_key
            FROM person p WHERE p.district_id = ? AND p.kind = 'students' AND p.merged_into IS NULL""";

    private final DataSource dataSource;
    private final PeopleReads people;

    public Duplicates(DataSource dataSource) {
        this.dataSource = dataSource;
        this.people = new PeopleReads(dataSource);
    }

    /** A search for candidates: when, over how many students, how many pairs found, how long it took. */
    public record Scan(Instant at, long students, long pairs, long millis) {
    }

    /** Finds the district's candidates again, replacing those found before (dismissed pairs stay out). */
    public Scan refresh(long districtId) throws SQLException {
        long started = System.nanoTime();
        long students = 0;
        long pairs = 0;
        try (Connection reader = dataSource.getConnection(); Connection work = dataSource.getConnection()) {
            reader.setAutoCommit(false);
            work.setAutoCommit(false);
            try (Statement s = work.createStatement()) {
                s.execute("CREATE TEMP TABLE dup_fact (id bigint, given text, family text, preferred text, grade text,"
                        + " number text, email text, synced boolean, schools text, contacts text, birth text) ON COMMIT DROP");
                s.execute("CREATE TEMP TABLE dup_key (key text, id bigint, synced boolean) ON COMMIT DROP");
            }
            CopyBuffer facts = new CopyBuffer(work, "dup_fact (id, given, family, preferred, grade, number, email,"
                    + " synced, schools, contacts, birth)");
            CopyBuffer keys = new CopyBuffer(work, "dup_key (key, id, synced)");
            try (PreparedStatement s = reader.prepareStatement(FACTS)) {
                s.setFetchSize(FETCH);
                s.setLong(1, districtId);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        students++;
                        facts.add(rs.getLong(1));
                        for (int i = 2; i <= 7; i++) {
                            facts.add(rs.getString(i));
                        }
                        facts.add(rs.getBoolean(8)).add(rs.getString(9)).add(rs.getString(10)).add(rs.getString(11))
                                .endRow();
                        StudentFacts student = facts(rs, 1);
                        for (String key : BlockingKeys.of(student)) {
                            keys.add(key).add(student.id()).add(student.synced()).endRow();
                        }
                    }
                }
            }
            facts.flush();
            keys.flush();
            reader.commit();
            try (Statement s = work.createStatement()) {
                s.execute("CREATE INDEX ON dup_fact (id)");
                s.execute("ANALYZE dup_fact");
                s.execute("ANALYZE dup_key");
            }
            // every pair scored at least FLOOR, with whether each side is the sync's, on the reader's side
            try (Statement s = reader.createStatement()) {
                s.execute("CREATE TEMP TABLE dup_scored (a bigint, b bigint, a_synced boolean, b_synced boolean,"
                        + " confidence float8, evidence text) ON COMMIT DROP");
            }
            CopyBuffer scored = new CopyBuffer(reader, "dup_scored (a, b, a_synced, b_synced, confidence, evidence)");
            try (PreparedStatement s = work.prepareStatement("""
                    WITH blocks AS (SELECT key, count(*) AS size FROM dup_key GROUP BY key
                                    HAVING count(*) BETWEEN 2 AND ?
                                      AND (bool_or(NOT synced) OR left(key, 2) IN ('n:', 'e:'))),
                         members AS (SELECT k.key, k.id, k.synced, b.size
                                     FROM dup_key k JOIN blocks b ON b.key = k.key),
                         pairs AS (SELECT least(x.id, y.id) AS a, greatest(x.id, y.id) AS b,
                                          min(x.size) FILTER (WHERE left(x.key, 2) = 'k:') AS namesakes
                                   FROM members x JOIN members y ON y.key = x.key AND y.id <> x.id
                                   WHERE NOT x.synced OR left(x.key, 2) IN ('n:', 'e:') AND x.id < y.id
                                   GROUP BY 1, 2)
                    SELECT fa.id, fa.given, fa.family, fa.preferred, fa.grade, fa.number, fa.email, fa.synced,
                           fa.schools, fa.contacts, fa.birth,
                           fb.id, fb.given, fb.family, fb.preferred, fb.grade, fb.number, fb.email, fb.synced,
                           fb.schools, fb.contacts, fb.birth, pairs.namesakes
                    FROM pairs JOIN dup_fact fa ON fa.id = pairs.a JOIN dup_fact fb ON fb.id = pairs.b
                    WHERE NOT EXISTS (SELECT 1 FROM duplicate_dismissal d WHERE d.district_id = ?
                                      AND d.a_id = pairs.a AND d.b_id = pairs.b)""")) {
                s.setFetchSize(FETCH);
                s.setInt(1, BlockingKeys.LARGEST_BLOCK);
                s.setLong(2, districtId);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        StudentFacts a = facts(rs, 1);
                        StudentFacts b = facts(rs, 12);
                        Optional<DuplicateScorer.Scored> raw = DuplicateScorer.raw(a, b, rs.getInt(23));
                        if (raw.isPresent() && raw.get().confidence() + 1e-9 >= DuplicateScorer.FLOOR) {
                            scored.add(a.id()).add(b.id()).add(a.synced()).add(b.synced())
                                    .add(Double.toString(raw.get().confidence())).add(evidence(raw.get().evidence()))
                                    .endRow();
                        }
                    }
                }
            }
            scored.flush();
            work.rollback();
            try (Statement s = work.createStatement()) {
                s.execute("CREATE TEMP TABLE dup_found (a bigint, b bigint, confidence real, evidence text[])"
                        + " ON COMMIT DROP");
            }
            // each pair against its rivals: the best other record of the SIS either side could be
            CopyBuffer found = new CopyBuffer(work, "dup_found (a, b, confidence, evidence)");
            try (PreparedStatement s = reader.prepareStatement("""
                    WITH sides AS (SELECT a AS r, b AS o, confidence FROM dup_scored WHERE b_synced
                                   UNION ALL SELECT b, a, confidence FROM dup_scored WHERE a_synced),
                         ranked AS (SELECT r, o, row_number() OVER w AS rn, first_value(confidence) OVER w AS top1,
                                           nth_value(confidence, 2) OVER w AS top2
                                    FROM sides WINDOW w AS (PARTITION BY r ORDER BY confidence DESC, o
                                      ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)),
                         rivals AS (SELECT r, o, CASE WHEN rn = 1 THEN coalesce(top2, 0) ELSE top1 END AS rival
                                    FROM ranked)
                    SELECT s.a, s.b, s.confidence, s.evidence, greatest(coalesce(ra.rival, 0), coalesce(rb.rival, 0))
                    FROM dup_scored s LEFT JOIN rivals ra ON ra.r = s.a AND ra.o = s.b
                                      LEFT JOIN rivals rb ON rb.r = s.b AND rb.o = s.a""")) {
                s.setFetchSize(FETCH);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        Set<Evidence> evidence = java.util.EnumSet.noneOf(Evidence.class);
                        String text = rs.getString(4);
                        for (String e : text.substring(1, text.length() - 1).split(",")) {
                            evidence.add(Evidence.valueOf(e));
                        }
                        DuplicateScorer.Scored pair = DuplicateScorer.compete(new DuplicateScorer.Scored(
                                rs.getDouble(3), evidence), rs.getDouble(5));
                        if (pair.confidence() + 1e-9 >= DuplicateScorer.THRESHOLD) {
                            found.add(rs.getLong(1)).add(rs.getLong(2))
                                    .add(Double.toString(pair.confidence())).add(evidence(pair.evidence())).endRow();
                        }
                    }
                }
            }
            found.flush();
            reader.rollback();
            // one search of a district at a time; what was merged or dismissed while it ran stays out
            try (PreparedStatement lock = work.prepareStatement("SELECT pg_advisory_xact_lock(?, ?)")) {
                lock.setInt(1, DUPLICATES_LOCK);
                lock.setInt(2, (int) districtId);
                lock.execute();
            }
            try (PreparedStatement clear = work.prepareStatement(
                    "DELETE FROM duplicate_candidate WHERE district_id = ?")) {
                clear.setLong(1, districtId);
                clear.executeUpdate();
            }
            try (PreparedStatement replace = work.prepareStatement("""
                    INSERT INTO duplicate_candidate (district_id, a_id, b_id, confidence, evidence)
                    SELECT ?, f.a, f.b, f.confidence, f.evidence FROM dup_found f
                    WHERE NOT EXISTS (SELECT 1 FROM duplicate_dismissal d WHERE d.district_id = ? AND d.a_id = f.a
                                      AND d.b_id = f.b)
                      AND NOT EXISTS (SELECT 1 FROM person p WHERE p.district_id = ? AND p.id IN (f.a, f.b)
                                      AND p.merged_into IS NOT NULL)""")) {
                for (int i = 1; i <= 3; i++) {
                    replace.setLong(i, districtId);
                }
                pairs = replace.executeUpdate();
            }
            Instant at = Instant.now();
            long millis = (System.nanoTime() - started) / 1_000_000;
            try (PreparedStatement s = work.prepareStatement("""
                    INSERT INTO duplicate_scan (district_id, scanned_at, students, pairs, millis) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (district_id) DO UPDATE SET scanned_at = excluded.scanned_at,
                      students = excluded.students, pairs = excluded.pairs, millis = excluded.millis""")) {
                s.setLong(1, districtId);
                s.setTimestamp(2, java.sql.Timestamp.from(at));
                s.setLong(3, students);
                s.setLong(4, pairs);
                s.setLong(5, millis);
                s.executeUpdate();
            }
            work.commit();
            return new Scan(at, students, pairs, millis);
        }
    }

    /** When candidates were last found, if ever. */
    public Optional<Scan> lastScan(long districtId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT scanned_at, students, pairs, millis FROM duplicate_scan WHERE district_id = ?")) {
            s.setLong(1, districtId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new Scan(rs.getTimestamp(1).toInstant(), rs.getLong(2), rs.getLong(3),
                        rs.getLong(4))) : Optional.empty();
            }
        }
    }

    /** How many candidates there are. */
    public long count(long districtId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT count(*) FROM duplicate_candidate WHERE district_id = ?")) {
            s.setLong(1, districtId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** A page of candidates, the most likely first. */
    public List<DuplicatePair> candidates(long districtId, int offset, int limit) throws SQLException {
        return pairs(districtId, "", offset, limit, null, null);
    }

    /** The candidate of these two students, if they are one. */
    public Optional<DuplicatePair> pair(long districtId, long one, long other) throws SQLException {
        return pairs(districtId, " AND a_id = ? AND b_id = ?", 0, 1, Math.min(one, other), Math.max(one, other))
                .stream().findFirst();
    }

    /** The candidates a student is in. */
    public List<DuplicatePair> candidatesOf(long districtId, long personId) throws SQLException {
        return pairs(districtId, " AND (a_id = ? OR b_id = ?)", 0, 50, personId, personId);
    }

    private List<DuplicatePair> pairs(long districtId, String where, int offset, int limit, Long x, Long y)
            throws SQLException {
        List<long[]> ids = new ArrayList<>();
        List<Double> confidence = new ArrayList<>();
        List<List<Evidence>> evidence = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT a_id, b_id, confidence, evidence FROM duplicate_candidate WHERE district_id = ?" + where
                        + " ORDER BY confidence DESC, a_id, b_id OFFSET ? LIMIT ?")) {
            int i = 1;
            s.setLong(i++, districtId);
            if (x != null) {
                s.setLong(i++, x);
                s.setLong(i++, y);
            }
            s.setInt(i++, offset);
            s.setInt(i, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(new long[] {rs.getLong(1), rs.getLong(2)});
                    confidence.add((double) rs.getFloat(3));
                    Array array = rs.getArray(4);
                    evidence.add(Arrays.stream((String[]) array.getArray()).map(Evidence::valueOf).toList());
                }
            }
        }
        List<Long> all = new ArrayList<>();
        ids.forEach(p -> {
            all.add(p[0]);
            all.add(p[1]);
        });
        Map<Long, PeopleReads.Row> rows = new HashMap<>();
        for (PeopleReads.Row row : people.rows(districtId, all)) {
            rows.put(row.id(), row);
        }
        List<DuplicatePair> out = new ArrayList<>();
        for (int k = 0; k < ids.size(); k++) {
            PeopleReads.Row a = rows.get(ids.get(k)[0]);
            PeopleReads.Row b = rows.get(ids.get(k)[1]);
            if (a != null && b != null) {
                out.add(new DuplicatePair(a, b, Math.round(confidence.get(k) * 100) / 100.0, evidence.get(k)));
            }
        }
        return out;
    }

    /** "Not a duplicate": the pair is out of the candidates, now and after every later search. */
    public void dismiss(long districtId, long one, long other, String admin) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO duplicate_dismissal (district_id, a_id, b_id, decided_by) VALUES (?, ?, ?, ?)
                    ON CONFLICT DO NOTHING""")) {
                s.setLong(1, districtId);
                s.setLong(2, Math.min(one, other));
                s.setLong(3, Math.max(one, other));
                s.setString(4, admin);
                s.executeUpdate();
            }
            forget(c, districtId, one, other);
            c.commit();
        }
    }

    /** The pairs an admin said are not duplicates, newest first. */
    public record Dismissal(long aId, long bId, String decidedBy, Instant decidedAt) {
    }

    public List<Dismissal> dismissals(long districtId, int limit) throws SQLException {
        List<Dismissal> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                SELECT a_id, b_id, decided_by, decided_at FROM duplicate_dismissal WHERE district_id = ?
                ORDER BY decided_at DESC, a_id LIMIT ?""")) {
            s.setLong(1, districtId);
            s.setInt(2, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new Dismissal(rs.getLong(1), rs.getLong(2), rs.getString(3),
                            rs.getTimestamp(4).toInstant()));
                }
            }
        }
        return out;
    }

    /** Takes back a "not a duplicate": the pair is scored again now. */
    public void undismiss(long districtId, long one, long other) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement(
                    "DELETE FROM duplicate_dismissal WHERE district_id = ? AND a_id = ? AND b_id = ?")) {
                s.setLong(1, districtId);
                s.setLong(2, Math.min(one, other));
                s.setLong(3, Math.max(one, other));
                s.executeUpdate();
            }
        }
        rescore(districtId, one, other);
    }

    /**
     * Scores one pair again (after a merge of theirs was undone): a candidate again if it scores as
     * one and was not dismissed.
     */
    public void rescore(long districtId, long one, long other) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            forget(c, districtId, one, other);
            Map<Long, StudentFacts> both = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement(FACTS + " AND p.id IN (?, ?)"
                    + " AND NOT EXISTS (SELECT 1 FROM duplicate_dismissal d WHERE d.district_id = p.district_id"
                    + " AND d.a_id = ? AND d.b_id = ?)")) {
                s.setLong(1, districtId);
                s.setLong(2, one);
                s.setLong(3, other);
                s.setLong(4, Math.min(one, other));
                s.setLong(5, Math.max(one, other));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        StudentFacts f = facts(rs, 1);
                        both.put(f.id(), f);
                    }
                }
            }
            if (both.size() == 2) {
                StudentFacts a = both.get(Math.min(one, other));
                StudentFacts b = both.get(Math.max(one, other));
                Optional<DuplicateScorer.Scored> scored = DuplicateScorer.score(a, b);
                if (scored.isPresent()) {
                    try (PreparedStatement s = c.prepareStatement("INSERT INTO duplicate_candidate (district_id, a_id,"
                            + " b_id, confidence, evidence) VALUES (?, ?, ?, ?, ?::text[]) ON CONFLICT (district_id,"
                            + " a_id, b_id) DO UPDATE SET confidence = excluded.confidence,"
                            + " evidence = excluded.evidence")) {
                        s.setLong(1, districtId);
                        s.setLong(2, a.id());
                        s.setLong(3, b.id());
                        s.setFloat(4, (float) scored.get().confidence());
                        s.setString(5, evidence(scored.get().evidence()));
                        s.executeUpdate();
                    }
                }
            }
            c.commit();
        }
    }

    /** Drops the candidates a record merged into another is in (it is a tombstone now). */
    static void forgetCandidatesOf(Connection c, long districtId, long personId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "DELETE FROM duplicate_candidate WHERE district_id = ? AND (a_id = ? OR b_id = ?)")) {
            s.setLong(1, districtId);
            s.setLong(2, personId);
            s.setLong(3, personId);
            s.executeUpdate();
        }
    }

    private static void forget(Connection c, long districtId, long one, long other) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "DELETE FROM duplicate_candidate WHERE district_id = ? AND a_id = ? AND b_id = ?")) {
            s.setLong(1, districtId);
            s.setLong(2, Math.min(one, other));
            s.setLong(3, Math.max(one, other));
            s.executeUpdate();
        }
    }

    private static String evidence(Set<Evidence> evidence) {
        return "{" + String.join(",", evidence.stream().map(Enum::name).toList()) + "}";
    }

    /** A student's facts from eleven columns starting at {@code at} (as FACTS and dup_fact give them). */
    private static StudentFacts facts(ResultSet rs, int at) throws SQLException {
        String schools = rs.getString(at + 8);
        String contacts = rs.getString(at + 9);
        return new StudentFacts(rs.getLong(at), rs.getString(at + 1), rs.getString(at + 2), rs.getString(at + 3),
                rs.getString(at + 4), rs.getString(at + 5), rs.getString(at + 6), rs.getBoolean(at + 7),
                schools == null ? List.of() : Arrays.stream(schools.split(" ")).map(Long::valueOf).toList(),
                contacts == null ? List.of() : List.of(contacts.split("\n")), rs.getString(at + 10));
    }
}
