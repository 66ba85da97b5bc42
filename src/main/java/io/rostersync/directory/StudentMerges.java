package io.rostersync.directory;

import io.rostersync.directory.internal.MergeJournal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Merges two records of one student: everything linked to the merged record moves to the survivor
 * (announcements, backpack items, interaction logs, attributes, guardian links, class memberships,
 * the sync's links and roles when the merged record is the sync's), its identifiers stay findable as
 * the survivor's aliases, and the merged record stays as an archived tombstone pointing at the
 * survivor. Every move is written down, so that a merge is undone exactly.
 *
 * <p>Rules: a guardian link or class membership the survivor has already is not doubled (the merged
 * record's is dropped, and kept to be put back); of two attributes of one name the one updated last
 * wins (on a tie, the survivor's), and the other is kept to be put back. Two records that are both
 * the sync's are never merged: the SIS holds two records for one child and must fix it there.
 */
public final class StudentMerges {

    /** Rows of these tables belong to one student and move whole, by id. */
    private static final List<String> ATTACHED = List.of("announcement", "backpack_item", "interaction_log");

    private final DataSource dataSource;

    public StudentMerges(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Why two records cannot be merged. */
    public enum Refusal {
        NOT_FOUND("One of the records does not exist in this district."),
        SAME_RECORD("A record cannot be merged with itself."),
        NOT_STUDENTS("Only student records are merged."),
        ALREADY_MERGED("One of the records was merged into another already; undo that merge first, or merge with"
                + " the record it went to."),
        BOTH_SYNCED("Both records are the sync's: the SIS holds two records for one child. Fix it in the SIS (merge"
                + " the two students there); the next sync then archives the one the SIS no longer sends.");

        private final String why;

        Refusal(String why) {
            this.why = why;
        }

        public String why() {
            return why;
        }
    }

    /** Thrown when a merge or an undo cannot be done; the message says why, for an admin. */
    public static final class Refused extends RuntimeException {

        private final Refusal refusal;

        public Refused(String message) {
            super(message);
            this.refusal = null;
        }

        public Refused(Refusal refusal) {
            super(refusal.why());
            this.refusal = refusal;
        }

        /** Why two records cannot be merged; null when an undo is refused. */
        public Refusal refusal() {
            return refusal;
        }
    }

    /** One of the two records, as a merge's page shows it. */
    public record Side(long id, String name, String grade, String studentNumber, String email, String username,
            boolean synced, RecordState state) {
    }

    /** Two attributes of one name: which value wins, by the rule. */
    public record Conflict(String attribute, String survivorValue, String mergedValue, boolean mergedWins) {
    }

    /**
     * What a merge would move: per kind of linked record, how many move and how many the survivor has
     * already (not doubled); the attributes in conflict; the identifiers kept as aliases.
     */
    public record Plan(Side survivor, Side merged, Map<String, Integer> moving, Map<String, Integer> alreadyThere,
            List<Conflict> conflicts, List<String> aliases, Refusal refusal) {

        public boolean allowed() {
            return refusal == null;
        }

        public int total() {
            return moving.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** A merge done, and whether it was undone. */
    public record Merge(long id, long survivorId, long mergedId, String mergedBy, Instant mergedAt, String undoneBy,
            Instant undoneAt, Map<String, Integer> moved) {

        public boolean undone() {
            return undoneAt != null;
        }
    }

    /** The linked records' kinds, in words, in the order a merge's page lists them. */
    public static final Map<String, String> KINDS = kinds();

    private static Map<String, String> kinds() {
        Map<String, String> k = new LinkedHashMap<>();
        k.put("announcement", "announcements");
        k.put("backpack_item", "backpack items");
        k.put("interaction_log", "interaction logs");
        k.put("student_attribute", "student attributes");
        k.put("guardian_link", "guardians");
        k.put("classroom_member", "classes");
        k.put("person_role", "schools (the sync's roles)");
        k.put("source_link", "links to the SIS's records");
        k.put("match_decision", "answers to the sync's questions");
        return k;
    }

    public Plan preview(long districtId, long survivorId, long mergedId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return plan(c, districtId, survivorId, mergedId);
        }
    }

    static Plan plan(Connection c, long district, long survivorId, long mergedId) throws SQLException {
        Side survivor = side(c, district, survivorId);
        Side merged = side(c, district, mergedId);
        Refusal refusal = refusal(c, district, survivorId, mergedId, survivor, merged);
        Map<String, Integer> moving = new LinkedHashMap<>();
        Map<String, Integer> already = new LinkedHashMap<>();
        List<Conflict> conflicts = new ArrayList<>();
        List<String> aliases = new ArrayList<>();
        if (survivor == null || merged == null) {
            return new Plan(survivor, merged, moving, already, conflicts, aliases, refusal);
        }
        for (String table : ATTACHED) {
            moving.put(table, count(c, "SELECT count(*) FROM " + table + " WHERE district_id = ? AND student_id = ?",
                    district, mergedId));
        }
        try (PreparedStatement s = c.prepareStatement("""
                SELECT m.name, o.value, m.value, o.name IS NOT NULL AND m.updated_at > o.updated_at
                FROM student_attribute m LEFT JOIN student_attribute o
                  ON o.district_id = m.district_id AND o.student_id = ? AND o.name = m.name
                WHERE m.district_id = ? AND m.student_id = ? ORDER BY m.name""")) {
            s.setLong(1, survivorId);
            s.setLong(2, district);
            s.setLong(3, mergedId);
            int moves = 0;
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    if (rs.getString(2) == null) {
                        moves++;
                    } else {
                        conflicts.add(new Conflict(rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getBoolean(4)));
                        if (rs.getBoolean(4)) {
                            moves++;
                        }
                    }
                }
            }
            moving.put("student_attribute", moves);
            already.put("student_attribute", conflicts.size() - (int) conflicts.stream()
                    .filter(Conflict::mergedWins).count());
        }
        split(c, district, survivorId, mergedId, "guardian_link", "student_id", "guardian_id", moving, already);
        // a link from the survivor itself as guardian stays with the merged record
        moving.merge("guardian_link", -count(c, "SELECT count(*) FROM guardian_link WHERE district_id = ?"
                + " AND student_id = ? AND guardian_id = " + survivorId, district, mergedId), Integer::sum);
        split(c, district, survivorId, mergedId, "classroom_member", "person_id", "classroom_id, role", moving,
                already);
        if (merged.synced()) {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM person_role o
                             WHERE o.district_id = m.district_id AND o.person_id = ? AND o.role = m.role
                               AND o.school_id IS NOT DISTINCT FROM m.school_id)),
                           count(*) FILTER (WHERE EXISTS (SELECT 1 FROM person_role o
                             WHERE o.district_id = m.district_id AND o.person_id = ? AND o.role = m.role
                               AND o.school_id IS NOT DISTINCT FROM m.school_id))
                    FROM person_role m WHERE m.district_id = ? AND m.person_id = ? AND m.managed_by IS NOT NULL""")) {
                s.setLong(1, survivorId);
                s.setLong(2, survivorId);
                s.setLong(3, district);
                s.setLong(4, mergedId);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    moving.put("person_role", rs.getInt(1));
                    already.put("person_role", rs.getInt(2));
                }
            }
            moving.put("source_link", count(c, "SELECT count(*) FROM source_link WHERE district_id = ?"
                    + " AND kind = 'person' AND local_id = ?", district, mergedId));
        }
        moving.put("match_decision", count(c, "SELECT count(*) FROM match_decision WHERE district_id = ?"
                + " AND kind = 'person' AND link_to = ?", district, mergedId));
        for (String[] identifier : identifiers(merged)) {
            String theirs = identifier[1];
            String ours = identifierOf(survivor, identifier[0]);
            if (theirs != null && (ours == null || !ours.equalsIgnoreCase(theirs))) {
                aliases.add(identifier[0].replace('_', ' ') + " " + theirs);
            }
        }
        return new Plan(survivor, merged, moving, already, conflicts, aliases, refusal);
    }

    /**
     * Merges {@code mergedId} into {@code survivorId} in the transaction.
     *
     * @return the merge's id
     * @throws Refused when the records cannot be merged (both the sync's, not students, ...)
     */
    public static long merge(DirectoryTransaction tx, long survivorId, long mergedId, String admin)
            throws SQLException {
        Connection c = tx.connection();
        long d = tx.districtId();
        lock(c, d, survivorId, mergedId);
        Plan plan = plan(c, d, survivorId, mergedId);
        if (!plan.allowed()) {
            throw new Refused(plan.refusal());
        }
        tx.touch();
        long k;
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO person_merge (district_id, survivor_id, merged_id, merged_state, merged_by)
                SELECT district_id, ?, id, state, ? FROM person WHERE district_id = ? AND id = ? RETURNING id""")) {
            s.setLong(1, survivorId);
            s.setString(2, admin);
            s.setLong(3, d);
            s.setLong(4, mergedId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                k = rs.getLong(1);
            }
        }
        MergeJournal moves = new MergeJournal(c, d, k, survivorId, mergedId);
        for (String table : ATTACHED) {
            moves.record(table, "moved", "UPDATE " + table + " SET student_id = :s WHERE district_id = :d"
                    + " AND student_id = :m RETURNING id::text, NULL::jsonb");
        }
        moves.record("student_attribute", "dropped", """
                DELETE FROM student_attribute a WHERE a.district_id = :d AND a.student_id = :m
                  AND EXISTS (SELECT 1 FROM student_attribute o WHERE o.district_id = a.district_id
                              AND o.student_id = :s AND o.name = a.name AND o.updated_at >= a.updated_at)
                RETURNING a.name, to_jsonb(a)""");
        moves.record("student_attribute", "replaced", """
                DELETE FROM student_attribute o WHERE o.district_id = :d AND o.student_id = :s
                  AND EXISTS (SELECT 1 FROM student_attribute a WHERE a.district_id = o.district_id
                              AND a.student_id = :m AND a.name = o.name AND a.updated_at > o.updated_at)
                RETURNING o.name, to_jsonb(o)""");
        moves.record("student_attribute", "moved", "UPDATE student_attribute SET student_id = :s"
                + " WHERE district_id = :d AND student_id = :m RETURNING name, NULL::jsonb");
        moves.record("guardian_link", "dropped", """
                DELETE FROM guardian_link g WHERE g.district_id = :d AND g.student_id = :m
                  AND EXISTS (SELECT 1 FROM guardian_link o WHERE o.district_id = g.district_id
                              AND o.student_id = :s AND o.guardian_id = g.guardian_id)
                RETURNING g.guardian_id::text, to_jsonb(g)""");
        moves.record("guardian_link", "moved", "UPDATE guardian_link SET student_id = :s WHERE district_id = :d"
                + " AND student_id = :m AND guardian_id <> :s RETURNING guardian_id::text, NULL::jsonb");
        moves.record("classroom_member", "dropped", """
                DELETE FROM classroom_member x WHERE x.district_id = :d AND x.person_id = :m
                  AND EXISTS (SELECT 1 FROM classroom_member o WHERE o.district_id = x.district_id
                              AND o.person_id = :s AND o.classroom_id = x.classroom_id AND o.role = x.role)
                RETURNING x.classroom_id || ' ' || x.role, to_jsonb(x)""");
        moves.record("classroom_member", "moved", "UPDATE classroom_member SET person_id = :s WHERE district_id = :d"
                + " AND person_id = :m RETURNING classroom_id || ' ' || role, NULL::jsonb");
        if (plan.merged().synced()) {
            // a role the survivor has already becomes the sync's (else the sync would add it run after run)
            moves.record("person_role", "replaced", """
                    UPDATE person_role o SET managed_by = r.managed_by FROM person_role r, person_role old
                    WHERE o.district_id = :d AND o.person_id = :s AND o.managed_by IS NULL
                      AND r.district_id = :d AND r.person_id = :m AND r.managed_by IS NOT NULL
                      AND r.role = o.role AND r.school_id IS NOT DISTINCT FROM o.school_id
                      AND old.district_id = :d AND old.id = o.id
                    RETURNING o.id::text, jsonb_build_object('managed_by', old.managed_by)""");
            moves.record("person_role", "dropped", """
                    DELETE FROM person_role r WHERE r.district_id = :d AND r.person_id = :m AND r.managed_by IS NOT NULL
                      AND EXISTS (SELECT 1 FROM person_role o WHERE o.district_id = r.district_id AND o.person_id = :s
                                  AND o.role = r.role AND o.school_id IS NOT DISTINCT FROM r.school_id)
                    RETURNING r.id::text, to_jsonb(r)""");
            moves.record("person_role", "moved", "UPDATE person_role SET person_id = :s WHERE district_id = :d"
                    + " AND person_id = :m AND managed_by IS NOT NULL RETURNING id::text, NULL::jsonb");
            moves.record("source_link", "moved", """
                    UPDATE source_link SET local_id = :s WHERE district_id = :d AND kind = 'person' AND local_id = :m
                    RETURNING sourced_id, jsonb_build_object('source', source)""");
            // the survivor is the sync's from now on, and the next sync makes its fields the SIS's: its row as
            // it was is kept for an undo, and its own identifiers stay findable as aliases (below)
            moves.record("person", "replaced", """
                    UPDATE person p SET managed_by = m.managed_by FROM person m, person old
                    WHERE p.district_id = :d AND p.id = :s AND m.district_id = :d AND m.id = :m
                      AND old.district_id = :d AND old.id = :s
                    RETURNING p.id::text, to_jsonb(old)""");
        }
        moves.record("match_decision", "moved", """
                UPDATE match_decision SET link_to = :s WHERE district_id = :d AND kind = 'person' AND link_to = :m
                RETURNING sourced_id, jsonb_build_object('source', source)""");
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO person_alias (district_id, person_id, kind, value, merge_id)
                SELECT m.district_id, ?, x.kind, x.value, ?
                FROM person m, person o,
                     LATERAL (VALUES ('email', m.email, o.email), ('username', m.username, o.username),
                                     ('student_number', m.student_number, o.student_number)) x (kind, value, theirs)
                WHERE m.district_id = ? AND m.id = ? AND o.district_id = m.district_id AND o.id = ?
                  AND x.value IS NOT NULL AND (x.theirs IS NULL OR lower(x.value) <> lower(x.theirs))""")) {
            s.setLong(1, survivorId);
            s.setLong(2, k);
            s.setLong(3, d);
            s.setLong(4, mergedId);
            s.setLong(5, survivorId);
            s.executeUpdate();
        }
        if (plan.merged().synced()) {
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO person_alias (district_id, person_id, kind, value, merge_id)
                    SELECT o.district_id, o.id, x.kind, x.value, ?
                    FROM person o, LATERAL (VALUES ('email', o.email), ('username', o.username),
                                                   ('student_number', o.student_number)) x (kind, value)
                    WHERE o.district_id = ? AND o.id = ? AND x.value IS NOT NULL
                    ON CONFLICT DO NOTHING""")) {
                s.setLong(1, k);
                s.setLong(2, d);
                s.setLong(3, survivorId);
                s.executeUpdate();
            }
        }
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE person SET state = 'archived', merged_into = ? WHERE district_id = ? AND id = ?")) {
            s.setLong(1, survivorId);
            s.setLong(2, d);
            s.setLong(3, mergedId);
            s.executeUpdate();
        }
        return k;
    }

    /**
     * Undoes a merge: every row that moved goes back to the merged record, the rows dropped or
     * replaced come back, the aliases go, and the merged record is as it was. What was added to the
     * survivor since stays with it.
     *
     * @throws Refused when the merge was undone already, or the survivor was merged since (undo that first)
     */
    public static Merge unmerge(DirectoryTransaction tx, long mergeId, String admin) throws SQLException {
        Connection c = tx.connection();
        long d = tx.districtId();
        Merge merge = merge(c, d, mergeId).orElseThrow(() -> new Refused("There is no merge " + mergeId + "."));
        if (merge.undone()) {
            throw new Refused("Merge " + mergeId + " was undone already.");
        }
        lock(c, d, merge.survivorId(), merge.mergedId());
        Long survivorMergedInto = mergedInto(c, d, merge.survivorId());
        if (survivorMergedInto != null) {
            throw new Refused("The surviving record was merged into record " + survivorMergedInto
                    + " since; undo that merge first.");
        }
        // a later merge into the same record may have moved rows of the same keys: newest first
        try (PreparedStatement q = c.prepareStatement("""
                SELECT min(id) FROM person_merge WHERE district_id = ? AND survivor_id = ? AND id > ?
                  AND undone_at IS NULL""")) {
            q.setLong(1, d);
            q.setLong(2, merge.survivorId());
            q.setLong(3, mergeId);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                long later = rs.getLong(1);
                if (!rs.wasNull()) {
                    throw new Refused("Record " + merge.survivorId() + " took in another record since (merge " + later
                            + "); undo that merge first.");
                }
            }
        }
        tx.touch();
        long s = merge.survivorId();
        long m = merge.mergedId();
        try (PreparedStatement q = c.prepareStatement("SELECT what, how, row_key, row_data::text FROM person_merge_move"
                + " WHERE district_id = ? AND merge_id = ? ORDER BY seq DESC")) {
            q.setLong(1, d);
            q.setLong(2, mergeId);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    try {
                        MergeJournal.reverse(c, d, s, m, rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getString(4));
                    } catch (SQLException e) {
                        if (!"23505".equals(e.getSQLState())) {
                            throw e;
                        }
                        throw new Refused("Undoing merge " + mergeId + " would give record " + m + " a "
                                + KINDS.getOrDefault(rs.getString(1), rs.getString(1)) + " row it has already ("
                                + rs.getString(3) + "): something was added to it since the merge. Nothing was"
                                + " changed; remove that row first.");
                    }
                }
            }
        }
        update(c, "DELETE FROM person_alias WHERE district_id = ? AND merge_id = ?", d, mergeId);
        try (PreparedStatement q = c.prepareStatement("""
                UPDATE person p SET state = x.merged_state, merged_into = NULL FROM person_merge x
                WHERE x.district_id = ? AND x.id = ? AND p.district_id = x.district_id AND p.id = x.merged_id""")) {
            q.setLong(1, d);
            q.setLong(2, mergeId);
            q.executeUpdate();
        }
        update(c, "UPDATE person_merge SET undone_by = ?, undone_at = now() WHERE district_id = ? AND id = ?", admin,
                d, mergeId);
        return merge(c, d, mergeId).orElseThrow();
    }

    public Optional<Merge> merge(long districtId, long mergeId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return merge(c, districtId, mergeId);
        }
    }

    /** The merges a record took part in, as survivor or as the record merged, newest first. */
    public List<Merge> mergesOf(long districtId, long personId) throws SQLException {
        return merges(districtId, personId, 100);
    }

    /** The district's merges, newest first. */
    public List<Merge> merges(long districtId, int limit) throws SQLException {
        return merges(districtId, null, limit);
    }

    private List<Merge> merges(long districtId, Long personId, int limit) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                SELECT id FROM person_merge WHERE district_id = ?
                  AND (?::bigint IS NULL OR survivor_id = ? OR merged_id = ?) ORDER BY id DESC LIMIT ?""")) {
            s.setLong(1, districtId);
            s.setObject(2, personId);
            s.setObject(3, personId);
            s.setObject(4, personId);
            s.setInt(5, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            List<Merge> out = new ArrayList<>();
            for (long id : ids) {
                merge(c, districtId, id).ifPresent(out::add);
            }
            return out;
        }
    }

    private static Optional<Merge> merge(Connection c, long d, long mergeId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT x.survivor_id, x.merged_id, x.merged_by, x.merged_at, x.undone_by, x.undone_at,
                       ARRAY(SELECT (SELECT count(*) FROM person_merge_move v WHERE v.district_id = x.district_id
                                     AND v.merge_id = x.id AND v.how = 'moved' AND v.what = k.what)
                             FROM unnest(?::text[]) WITH ORDINALITY k (what, ord) ORDER BY k.ord)
                FROM person_merge x WHERE x.district_id = ? AND x.id = ?""")) {
            List<String> kinds = List.copyOf(KINDS.keySet());
            s.setArray(1, c.createArrayOf("text", kinds.toArray()));
            s.setLong(2, d);
            s.setLong(3, mergeId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Long[] counts = (Long[]) rs.getArray(7).getArray();
                Map<String, Integer> moved = new LinkedHashMap<>();
                for (int i = 0; i < kinds.size(); i++) {
                    moved.put(kinds.get(i), counts[i].intValue());
                }
                return Optional.of(new Merge(mergeId, rs.getLong(1), rs.getLong(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant(), rs.getString(5),
                        rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant(), moved));
            }
        }
    }

    private static void split(Connection c, long d, long survivorId, long mergedId, String table, String who,
            String same, Map<String, Integer> moving, Map<String, Integer> already) throws SQLException {
        String[] columns = same.split(", ");
        StringBuilder match = new StringBuilder();
        for (String column : columns) {
            match.append(" AND o.").append(column).append(" = x.").append(column);
        }
        try (PreparedStatement s = c.prepareStatement("SELECT count(*) FILTER (WHERE NOT dup), count(*) FILTER (WHERE"
                + " dup) FROM (SELECT EXISTS (SELECT 1 FROM " + table + " o WHERE o.district_id = x.district_id AND o."
                + who + " = ?" + match + ") AS dup FROM " + table + " x WHERE x.district_id = ? AND x." + who
                + " = ?) t")) {
            s.setLong(1, survivorId);
            s.setLong(2, d);
            s.setLong(3, mergedId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                moving.put(table, rs.getInt(1));
                already.put(table, rs.getInt(2));
            }
        }
    }

    private static Refusal refusal(Connection c, long d, long survivorId, long mergedId, Side survivor, Side merged)
            throws SQLException {
        if (survivor == null || merged == null) {
            return Refusal.NOT_FOUND;
        }
        if (survivorId == mergedId) {
            return Refusal.SAME_RECORD;
        }
        if (!"students".equals(kindOf(c, d, survivorId)) || !"students".equals(kindOf(c, d, mergedId))) {
            return Refusal.NOT_STUDENTS;
        }
        if (mergedInto(c, d, survivorId) != null || mergedInto(c, d, mergedId) != null) {
            return Refusal.ALREADY_MERGED;
        }
        if (survivor.synced() && merged.synced()) {
            return Refusal.BOTH_SYNCED;
        }
        return null;
    }

    private static Side side(Connection c, long d, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT coalesce(preferred_given_name, given_name) || ' ' || family_name, grade, student_number, email,
                       username, managed_by IS NOT NULL, state
                FROM person WHERE district_id = ? AND id = ?""")) {
            s.setLong(1, d);
            s.setLong(2, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? new Side(id, rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getBoolean(6), RecordState.ofColumn(rs.getString(7))) : null;
            }
        }
    }

    private static String kindOf(Connection c, long d, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT kind FROM person WHERE district_id = ? AND id = ?")) {
            s.setLong(1, d);
            s.setLong(2, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static Long mergedInto(Connection c, long d, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT merged_into FROM person WHERE district_id = ? AND id = ?")) {
            s.setLong(1, d);
            s.setLong(2, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? (Long) rs.getObject(1) : null;
            }
        }
    }

    private static void lock(Connection c, long d, long a, long b) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT id FROM person WHERE district_id = ? AND id IN (?, ?) ORDER BY id FOR UPDATE")) {
            s.setLong(1, d);
            s.setLong(2, a);
            s.setLong(3, b);
            s.executeQuery().close();
        }
    }

    private static List<String[]> identifiers(Side side) {
        return List.of(new String[] {"email", side.email()}, new String[] {"username", side.username()},
                new String[] {"student_number", side.studentNumber()});
    }

    private static String identifierOf(Side side, String kind) {
        return switch (kind) {
            case "email" -> side.email();
            case "username" -> side.username();
            default -> side.studentNumber();
        };
    }

    private static int count(Connection c, String sql, long d, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, d);
            s.setLong(2, id);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
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
