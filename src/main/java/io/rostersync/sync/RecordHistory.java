package io.rostersync.sync;

import io.rostersync.sync.internal.run.RunStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * What the syncs did to one person or classroom, run by run: every journaled change (updates field
 * by field, links, memberships, guardian links, removals), with the run, the source row and the
 * setting behind it. Previews change nothing and are left out; undone runs are kept and say so.
 */
public final class RecordHistory {

    private final DataSource dataSource;

    public RecordHistory(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** One change: its run (and the undo that reverted it, if any), what it was in words, and where it came from. */
    public record Event(long run, Instant at, Long undoneBy, String op, String summary, String file, Integer line,
            String setting, boolean waiting, long localId, Long otherId) {

        /** The classroom of a membership change; null for any other change. */
        public Long classroom() {
            return op.startsWith("member_") ? localId : null;
        }

        /** The other person of a guardian link change, seen from {@code self}; null for any other change. */
        public Long relative(long self) {
            if (!op.startsWith("guardian_link")) {
                return null;
            }
            return localId == self ? otherId : localId;
        }
    }

    public List<Event> person(long districtId, long personId) throws SQLException {
        List<Event> events = new ArrayList<>(events(districtId, personId, """
                ((c.kind IN ('students', 'staff', 'guardians') AND c.local_id = ?2)
                 OR (c.kind = 'enrollments' AND c.other_id = ?2)
                 OR (c.op LIKE 'guardian_link%' AND c.other_id = ?2))"""));
        events.addAll(createdLinks(districtId, personId));
        events.sort(java.util.Comparator.comparingLong(Event::run));
        return withSchoolNames(districtId, events);
    }

    private static final java.util.regex.Pattern ROLE_AT = java.util.regex.Pattern.compile(
            "\\b(student|teacher|aide|administrator|parent|guardian|relative)@(\\d+|district)\\b");

    /** Roles as the journal has them (teacher@12) in words (teacher at Eastlake Elementary). */
    private List<Event> withSchoolNames(long districtId, List<Event> events) throws SQLException {
        if (events.stream().noneMatch(e -> ROLE_AT.matcher(e.summary()).find())) {
            return events;
        }
        Map<String, String> schools = new java.util.HashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT id, name FROM school WHERE district_id = ?")) {
            s.setLong(1, districtId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    schools.put(Long.toString(rs.getLong(1)), rs.getString(2));
                }
            }
        }
        List<Event> out = new ArrayList<>();
        for (Event e : events) {
            String summary = ROLE_AT.matcher(e.summary()).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(
                    m.group(2).equals("district") ? m.group(1) + " (district)"
                            : m.group(1) + " at " + schools.getOrDefault(m.group(2), "school " + m.group(2))));
            out.add(new Event(e.run(), e.at(), e.undoneBy(), e.op(), summary, e.file(), e.line(), e.setting(),
                    e.waiting(), e.localId(), e.otherId()));
        }
        return out;
    }

    /**
     * Memberships and guardian links a run created, which are marked on their rows rather than
     * journaled (a first load writes each row once).
     */
    private List<Event> createdLinks(long districtId, long personId) throws SQLException {
        List<Event> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                SELECT r.id, r.started_at, r.reverted_by, 'member_added', m.classroom_id, m.person_id, m.role,
                       'enrollments.csv', m.source_line, k.title
                FROM classroom_member m JOIN sync_run r ON r.district_id = m.district_id AND r.id = m.created_run
                JOIN classroom k ON k.district_id = m.district_id AND k.id = m.classroom_id
                WHERE m.district_id = ? AND m.person_id = ?
                UNION ALL
                SELECT r.id, r.started_at, r.reverted_by, 'guardian_link_added', g.guardian_id, g.student_id,
                       g.relationship, NULL, g.source_line, o.given_name || ' ' || o.family_name
                FROM guardian_link g JOIN sync_run r ON r.district_id = g.district_id AND r.id = g.created_run
                JOIN person o ON o.district_id = g.district_id
                 AND o.id = CASE WHEN g.guardian_id = ? THEN g.student_id ELSE g.guardian_id END
                WHERE g.district_id = ? AND (g.guardian_id = ? OR g.student_id = ?)""")) {
            s.setLong(1, districtId);
            s.setLong(2, personId);
            s.setLong(3, personId);
            s.setLong(4, districtId);
            s.setLong(5, personId);
            s.setLong(6, personId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long undoneBy = rs.getLong(3);
                    Long undone = rs.wasNull() ? null : undoneBy;
                    int line = rs.getInt(9);
                    Integer sourceLine = rs.wasNull() ? null : line;
                    String op = rs.getString(4);
                    Map<String, Object> detail = Map.of(op.equals("member_added") ? "role" : "relationship",
                            rs.getString(7));
                    out.add(new Event(rs.getLong(1), rs.getTimestamp(2).toInstant(), undone, op,
                            summary(op, personId, rs.getLong(5), rs.getLong(6), null, detail, rs.getString(10)),
                            rs.getString(8), sourceLine, null, false, rs.getLong(5), rs.getLong(6)));
                }
            }
        }
        return out;
    }

    public List<Event> classroom(long districtId, long classroomId) throws SQLException {
        return events(districtId, classroomId, "(c.kind IN ('classrooms', 'enrollments') AND c.local_id = ?2)");
    }

    /** The most changes a timeline shows: the newest. */
    private static final int NEWEST = 1000;

    private List<Event> events(long districtId, long id, String which) throws SQLException {
        String sql = """
                SELECT r.id, r.started_at, r.reverted_by, c.op, c.kind, c.local_id, c.other_id, c.sourced_id,
                       c.detail::text, c.file, c.line, c.setting, c.waiting,
                       CASE WHEN c.op LIKE 'member%' THEN (SELECT k.title FROM classroom k
                                 WHERE k.district_id = c.district_id AND k.id = c.local_id)
                            WHEN c.op LIKE 'guardian_link%' THEN (SELECT p.given_name || ' ' || p.family_name FROM person p
                                 WHERE p.district_id = c.district_id
                                   AND p.id = CASE WHEN c.local_id = ?2 THEN c.other_id ELSE c.local_id END) END
                FROM run_change c JOIN sync_run r ON r.district_id = c.district_id AND r.id = c.run_id
                WHERE c.district_id = ?1 AND r.status <> 'preview' AND """ + which + " ORDER BY r.id DESC, c.seq DESC LIMIT " + NEWEST;
        List<Event> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                sql.replace("?1", "?").replace("?2", "?"))) {
            // ?1 is the district, ?2 the record: set in the order they appear
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\?([12])").matcher(sql);
            for (int n = 1; m.find(); n++) {
                s.setLong(n, m.group(1).equals("1") ? districtId : id);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long undoneBy = rs.getLong(3);
                    Long undone = rs.wasNull() ? null : undoneBy;
                    int line = rs.getInt(11);
                    Integer sourceLine = rs.wasNull() ? null : line;
                    out.add(new Event(rs.getLong(1), rs.getTimestamp(2).toInstant(), undone, rs.getString(4),
                            summary(rs.getString(4), id, rs.getLong(6), rs.getObject(7) == null ? null : rs.getLong(7),
                                    rs.getString(8), detail(rs.getString(9)), rs.getString(14)),
                            rs.getString(10), sourceLine, rs.getString(12), rs.getBoolean(13), rs.getLong(6),
                            rs.getObject(7) == null ? null : rs.getLong(7)));
                }
            }
        }
        java.util.Collections.reverse(out); // read newest first, shown oldest first
        return out;
    }

    /** A journaled change's detail (its JSON column) as a map; empty when it cannot be read. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> detail(String json) {
        try {
            return json == null ? Map.of() : RunStore.JSON.readValue(json, Map.class);
        } catch (RuntimeException e) {
            return Map.of();
        }
    }

    /** A change in words, from the record's side ({@code self}). */
    @SuppressWarnings("unchecked")
    static String summary(String op, long self, long localId, Long otherId, String sourcedId, Map<String, Object> d,
            String otherName) {
        String classroom = "classroom " + (otherName == null ? Long.toString(localId) : otherName);
        String other = otherName == null ? "person " + (otherId != null && localId == self ? otherId : localId)
                : otherName;
        return switch (op) {
            case "create" -> "created from the files' record " + sourcedId;
            case "update" -> {
                List<String> parts = new ArrayList<>();
                for (Map<String, String> f : (List<Map<String, String>>) d.getOrDefault("fields", List.of())) {
                    if ("birth_key".equals(f.get("field"))) {
                        // a key means nothing to a reader: what happened to the birth date is all there is to say
                        parts.add("birth date (kept as a key): " + (f.get("before") == null ? "added"
                                : f.get("after") == null ? "removed" : "changed"));
                    } else {
                        parts.add(f.get("field") + ": " + shown(f.get("before")) + " → " + shown(f.get("after")));
                    }
                }
                yield "updated " + String.join("; ", parts);
            }
            case "link" -> "linked to the files' record " + sourcedId + " (" + rule(String.valueOf(d.get("rule")))
                    + ")";
            case "unlink" -> "unlinked from the files' record " + sourcedId;
            case "remove" -> "removed (the run that created it was undone)";
            case "pending_removal" -> "left the files: archived on " + String.valueOf(d.get("due")).substring(0,
                    Math.min(10, String.valueOf(d.get("due")).length())) + " unless it comes back";
            case "archive" -> "archived" + (d.get("why") == null ? "" : ": " + d.get("why"));
            case "restore" -> "back in the files: active again";
            case "reset_state" -> "state set back to " + d.get("state");
            case "member_added" -> "joined " + classroom + " as " + d.get("role");
            case "member_removed" -> "left " + classroom + " (" + d.get("role") + ")";
            case "guardian_link_added" -> localId == self ? d.get("relationship") + " of " + other
                    : other + " linked as " + d.get("relationship");
            case "guardian_link_removed" -> localId == self ? "no longer " + d.get("relationship") + " of " + other
                    : other + " unlinked (" + d.get("relationship") + ")";
            default -> op;
        };
    }

    private static String rule(String rule) {
        return switch (rule) {
            case "ADMIN" -> "an admin said so";
            case "STUDENT_NUMBER" -> "same student number and name";
            case "EMAIL", "SAME_NAME_AND_EMAIL" -> "same email and name";
            case "SOURCED_ID" -> "same SIS id and name";
            case "GUARDIAN_OF_STUDENT" -> "the same name, guardian of the same student";
            case "SAME_CLASS" -> "the same title, school, terms, teachers and students";
            default -> rule.toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        };
    }

    private static String shown(String value) {
        return value == null ? "(none)" : "'" + value + "'";
    }
}
