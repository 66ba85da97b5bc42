package io.rostersync.directory;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * What admins read of classrooms outside a sync: the classrooms made before the sync (which the
 * setup links to the feed's classes, or keeps, or archives), and a classroom's page with its
 * teachers, students and their guardians.
 */
public final class ClassroomReads {

    private final DataSource dataSource;

    public ClassroomReads(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A person in a classroom (or a student's guardian), as the classroom's page shows them. */
    public record Member(long personId, String givenName, String familyName, String email, String phone, String role,
            RecordState state, boolean managed) {

        public String name() {
            return givenName + " " + familyName;
        }
    }

    /**
     * A classroom and who teaches it. {@code sourcedId} is the class it is linked to (null for one
     * made by hand that nothing is linked to); {@code decision} is what an admin decided for such an
     * unlinked one (keep or archive), or null.
     */
    public record Classroom(long id, long schoolId, String schoolName, String title, String code, List<String> periods,
            List<String> grades, RecordState state, boolean managed, String sourcedId, List<Member> teachers,
            long students, String decision) {

        public Classroom {
            periods = List.copyOf(periods);
            grades = List.copyOf(grades);
            teachers = List.copyOf(teachers);
        }
    }

    /**
     * A classroom's page: the classroom, its students, each student's guardians, and the run that created it
     * (null for one made by hand).
     */
    public record ClassroomPage(Classroom classroom, List<Member> students, Map<Long, List<Member>> guardians,
            Long createdRun) {

        public List<Member> guardiansOf(long studentId) {
            return guardians.getOrDefault(studentId, List.of());
        }
    }

    private static final String CLASSROOM = """
            SELECT c.id, c.school_id, s.name, c.title, c.code, c.periods, c.grades, c.state, c.managed_by IS NOT NULL,
                   (SELECT min(l.sourced_id) FROM source_link l WHERE l.district_id = c.district_id
                     AND l.kind = 'classroom' AND l.local_id = c.id),
                   (SELECT count(*) FROM classroom_member m WHERE m.district_id = c.district_id
                     AND m.classroom_id = c.id AND m.role = 'student'),
                   d.decision
            FROM classroom c JOIN school s ON s.district_id = c.district_id AND s.id = c.school_id
            LEFT JOIN unlinked_classroom_decision d ON d.district_id = c.district_id AND d.classroom_id = c.id
            WHERE c.district_id = ?""";

    /**
     * The classrooms made by hand that no source's class is linked to: those the setup asks about.
     * Archived ones only when an admin archived them here (so the decision can be seen and undone).
     */
    public List<Classroom> madeBeforeSync(long districtId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return classrooms(c, districtId, CLASSROOM + " " + """
                     AND c.managed_by IS NULL AND (c.state <> 'archived' OR d.decision = 'archive')
                     AND NOT EXISTS (SELECT 1 FROM source_link l WHERE l.district_id = c.district_id
                                     AND l.kind = 'classroom' AND l.local_id = c.id)
                    ORDER BY s.name, c.title, c.id""", null);
        }
    }

    /** The classes of this source that a classroom is linked to already (by a sync, or an admin's answer it followed). */
    public java.util.Set<String> linkedClasses(long districtId, String source) throws SQLException {
        java.util.Set<String> out = new java.util.HashSet<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT sourced_id"
                + " FROM source_link WHERE district_id = ? AND source = ? AND kind = 'classroom'")) {
            s.setLong(1, districtId);
            s.setString(2, source);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /** The school of each of these classrooms (those of the district that exist). */
    public java.util.Map<Long, Long> schoolsOf(long districtId, java.util.Collection<Long> classroomIds)
            throws SQLException {
        java.util.Map<Long, Long> out = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT id, school_id"
                + " FROM classroom WHERE district_id = ? AND id = ANY (?)")) {
            s.setLong(1, districtId);
            s.setArray(2, c.createArrayOf("bigint", classroomIds.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), rs.getLong(2));
                }
            }
        }
        return out;
    }

    public Optional<ClassroomPage> page(long districtId, long classroomId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            List<Classroom> found = classrooms(c, districtId, CLASSROOM + " AND c.id = ?", classroomId);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            List<Member> students = members(c, districtId, classroomId, "student");
            Map<Long, List<Member>> guardians = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT g.student_id, p.id, p.given_name, p.family_name, p.email, coalesce(p.sms_phone, p.home_phone),
                           g.relationship, p.state, p.managed_by IS NOT NULL
                    FROM classroom_member m
                    JOIN guardian_link g ON g.district_id = m.district_id AND g.student_id = m.person_id
                    JOIN person p ON p.district_id = g.district_id AND p.id = g.guardian_id
                    WHERE m.district_id = ? AND m.classroom_id = ? AND m.role = 'student'
                    ORDER BY p.family_name, p.given_name, p.id""")) {
                s.setLong(1, districtId);
                s.setLong(2, classroomId);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        guardians.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(member(rs, 2));
                    }
                }
            }
            Long createdRun = null;
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT created_run FROM classroom WHERE district_id = ? AND id = ?")) {
                s.setLong(1, districtId);
                s.setLong(2, classroomId);
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        createdRun = (Long) rs.getObject(1);
                    }
                }
            }
            return Optional.of(new ClassroomPage(found.get(0), students, guardians, createdRun));
        }
    }

    private static List<Classroom> classrooms(Connection c, long districtId, String sql, Long id) throws SQLException {
        List<Classroom> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, districtId);
            if (id != null) {
                s.setLong(2, id);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long classroomId = rs.getLong(1);
                    out.add(new Classroom(classroomId, rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            strings(rs.getArray(6)), strings(rs.getArray(7)), RecordState.ofColumn(rs.getString(8)),
                            rs.getBoolean(9), rs.getString(10), List.of(), rs.getLong(11), rs.getString(12)));
                }
            }
        }
        List<Classroom> withTeachers = new ArrayList<>();
        for (Classroom k : out) {
            withTeachers.add(new Classroom(k.id(), k.schoolId(), k.schoolName(), k.title(), k.code(), k.periods(),
                    k.grades(), k.state(), k.managed(), k.sourcedId(), members(c, districtId, k.id(), "teacher"),
                    k.students(), k.decision()));
        }
        return withTeachers;
    }

    private static List<Member> members(Connection c, long districtId, long classroomId, String role)
            throws SQLException {
        List<Member> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT p.id, p.given_name, p.family_name, p.email, coalesce(p.sms_phone, p.home_phone), m.role, p.state,
                       p.managed_by IS NOT NULL
                FROM classroom_member m JOIN person p ON p.district_id = m.district_id AND p.id = m.person_id
                WHERE m.district_id = ? AND m.classroom_id = ? AND m.role = ?
                ORDER BY p.family_name, p.given_name, p.id""")) {
            s.setLong(1, districtId);
            s.setLong(2, classroomId);
            s.setString(3, role);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(member(rs, 1));
                }
            }
        }
        return out;
    }

    private static Member member(ResultSet rs, int from) throws SQLException {
        return new Member(rs.getLong(from), rs.getString(from + 1), rs.getString(from + 2), rs.getString(from + 3),
                rs.getString(from + 4), rs.getString(from + 5), RecordState.ofColumn(rs.getString(from + 6)),
                rs.getBoolean(from + 7));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
