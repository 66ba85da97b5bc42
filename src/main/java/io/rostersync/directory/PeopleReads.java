package io.rostersync.directory;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The district and school directories as admins read them: people by family and given name, a
 * page at a time (keyset, so page 500 costs what page 1 does), found by the start of the family name
 * (and of the given name, a second word), by email or student number,
 * filtered by role, school, grade and state; a person's page with everything linked to them; the
 * records waiting out their grace period.
 */
public final class PeopleReads {

    private final DataSource dataSource;

    public PeopleReads(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * What to list. Null fields filter nothing; {@code schools} limits to people with a role at one of
     * them, or guardians of such students (a school admin's reach), null for the whole district.
     */
    public record Filter(String query, String role, Long schoolId, String grade, RecordState state, boolean archived,
            Set<Long> schools, Boolean synced) {

        public Filter(String query, String role, Long schoolId, String grade, RecordState state, boolean archived,
                Set<Long> schools) {
            this(query, role, schoolId, grade, state, archived, schools, null);
        }

        /** The same, limited to the sync's records (true), to those it does not manage (false), or not (null). */
        public Filter synced(Boolean synced) {
            return new Filter(query, role, schoolId, grade, state, archived, schools, synced);
        }
    }

    /** Where a page starts: after this person in name order (the names as the database lowers them). */
    public record After(String familyName, String givenName, long id) {
    }

    /** The name order: lowered family and given names in the C collation, as the index person_by_name has them. */
    private static final String FAMILY = "(lower(p.family_name) COLLATE \"C\")";
    private static final String GIVEN = "(lower(p.given_name) COLLATE \"C\")";
    private static final String PREFERRED = "(lower(p.preferred_given_name) COLLATE \"C\")";

    /** A person in a directory listing. */
    public record Row(long id, String givenName, String familyName, String preferredGivenName, String grade,
            String email, String studentNumber, List<String> roles, RecordState state, boolean managed,
            String familyKey, String givenKey) {

        public String name() {
            return (preferredGivenName != null ? preferredGivenName : givenName) + " " + familyName;
        }
    }

    /** A page of rows, and where the next one starts (null at the end). */
    public record Page(List<Row> rows, After next) {
    }

    public Page page(long districtId, Filter filter, After after, int size) throws SQLException {
        StringBuilder sql = new StringBuilder("""
                SELECT p.id, p.given_name, p.family_name, p.preferred_given_name, p.grade, p.email, p.student_number,
                       p.state, p.managed_by IS NOT NULL,
                       (SELECT array_agg(DISTINCT r.role ORDER BY r.role) FROM person_role r
                         WHERE r.district_id = p.district_id AND r.person_id = p.id) AS roles,
                       lower(p.family_name), lower(p.given_name)
                FROM person p WHERE p.district_id = ?""");
        List<Object> args = new ArrayList<>();
        args.add(districtId);
        where(sql, args, districtId, filter);
        if (after != null) {
            sql.append(" AND (" + FAMILY + ", " + GIVEN + ", p.id) > (?, ?, ?)");
            args.add(after.familyName());
            args.add(after.givenName());
            args.add(after.id());
        }
        sql.append(" ORDER BY " + FAMILY + ", " + GIVEN + ", p.id LIMIT ?");
        args.add(size + 1);
        List<Row> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql.toString())) {
            bind(c, s, args);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(row(rs));
                }
            }
        }
        if (rows.size() <= size) {
            return new Page(rows, null);
        }
        Row last = rows.get(size - 1);
        return new Page(List.copyOf(rows.subList(0, size)), new After(last.familyKey(), last.givenKey(), last.id()));
    }

    /**
     * The conditions on {@code person p} (after "WHERE p.district_id = ?") that a filter makes, and
     * their arguments: a listing's, and the set an action on "every one that matches" works on.
     */
    static void where(StringBuilder sql, List<Object> args, long districtId, Filter filter) {
        if (!filter.archived() && filter.state() != RecordState.ARCHIVED) {
            sql.append(" AND p.state <> 'archived'");
        }
        if (filter.state() != null) {
            sql.append(" AND p.state = ?");
            args.add(filter.state().column());
        }
        if (filter.synced() != null) {
            sql.append(filter.synced() ? " AND p.managed_by IS NOT NULL" : " AND p.managed_by IS NULL");
        }
        if (filter.grade() != null) {
            sql.append(" AND p.grade = ?");
            args.add(filter.grade());
        }
        if (filter.role() != null || filter.schoolId() != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM person_role r WHERE r.district_id = p.district_id"
                    + " AND r.person_id = p.id");
            if (filter.role() != null) {
                sql.append(" AND r.role = ?");
                args.add(filter.role());
            }
            if (filter.schoolId() != null) {
                sql.append(" AND r.school_id = ?");
                args.add(filter.schoolId());
            }
            sql.append(')');
        }
        if (filter.schools() != null) {
            // one set (the people with a role there, and their students' guardians) rather than an OR of two
            // tests, which the planner could only check person by person down the whole name order
            Long[] reach = filter.schools().toArray(Long[]::new);
            sql.append(' ').append("""
                     AND p.id IN (SELECT r.person_id FROM person_role r WHERE r.district_id = ? AND r.school_id = ANY (?)
                                  UNION ALL
                                  SELECT g.guardian_id FROM guardian_link g JOIN person_role r
                                    ON r.district_id = g.district_id AND r.person_id = g.student_id
                                  WHERE r.district_id = ? AND r.school_id = ANY (?) AND r.role = 'student')""");
            args.add(districtId);
            args.add(reach);
            args.add(districtId);
            args.add(reach);
        }
        List<String> names = new ArrayList<>();
        for (String word : words(filter.query())) {
            if (word.contains("@")) {
                sql.append(" AND lower(p.email) = ?");
                args.add(word.toLowerCase(Locale.ROOT));
            } else if (word.chars().anyMatch(Character::isDigit)) {
                // names have no digits: a student number, as the SIS writes it (S10234)
                sql.append(" AND p.student_number = ?");
                args.add(word);
            } else {
                names.add(word.toLowerCase(Locale.ROOT));
            }
        }
        if (names.size() == 1) {
            // the family name's range in the index, so that the page is read in order from its start
            sql.append(" AND " + FAMILY + " >= ? AND " + FAMILY + " < ? AND " + FAMILY + " LIKE ?");
            args.add(names.get(0));
            args.add(names.get(0) + Character.toString(Character.MAX_CODE_POINT));
            args.add(prefix(names.get(0)));
        } else if (names.size() == 2) {
            // one word starts the family name and the other the given name, both tested inside the name
            // index (so only those who match are fetched), or the preferred name (its own small index)
            String a = names.get(0);
            String b = names.get(1);
            sql.append(" AND (" + bothNames() + " OR " + bothNames() + " OR " + preferredAndFamily() + " OR "
                    + preferredAndFamily() + ")");
            addBothNames(args, a, b);
            addBothNames(args, b, a);
            addPreferredAndFamily(args, a, b);
            addPreferredAndFamily(args, b, a);
        } else if (!names.isEmpty()) {
            // the family name starts with one of the words, and every word starts one of the names
            List<String> starts = new ArrayList<>();
            for (String word : names) {
                starts.add(FAMILY + " LIKE ?");
                args.add(prefix(word));
            }
            sql.append(" AND (").append(String.join(" OR ", starts)).append(')');
            for (String word : names) {
                sql.append(" AND (" + FAMILY + " LIKE ? OR " + GIVEN + " LIKE ? OR " + PREFERRED + " LIKE ?)");
                args.add(prefix(word));
                args.add(prefix(word));
                args.add(prefix(word));
            }
        }
    }

    /** Binds arguments as {@link #where} gives them (an array of ids as a bigint array). */
    static void bind(Connection c, PreparedStatement s, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            Object a = args.get(i);
            if (a instanceof Long[] ids) {
                s.setArray(i + 1, c.createArrayOf("bigint", ids));
            } else {
                s.setObject(i + 1, a);
            }
        }
    }

    /** These people as a listing shows them (those of the district that exist), by id. */
    public List<Row> rows(long districtId, java.util.Collection<Long> ids) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                SELECT p.id, p.given_name, p.family_name, p.preferred_given_name, p.grade, p.email, p.student_number,
                       p.state, p.managed_by IS NOT NULL,
                       (SELECT array_agg(DISTINCT r.role ORDER BY r.role) FROM person_role r
                         WHERE r.district_id = p.district_id AND r.person_id = p.id) AS roles,
                       lower(p.family_name), lower(p.given_name)
                FROM person p WHERE p.district_id = ? AND p.id = ANY (?) ORDER BY p.id""")) {
            s.setLong(1, districtId);
            s.setArray(2, c.createArrayOf("bigint", ids.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(row(rs));
                }
            }
        }
        return rows;
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), strings(rs.getArray(10)), RecordState.ofColumn(rs.getString(8)),
                rs.getBoolean(9), rs.getString(11), rs.getString(12));
    }

    /** A school where a person has a role, or the district for a role held there. */
    public record Role(String role, Long schoolId, String schoolName, boolean managed) {
    }

    /** Which source record a person is. */
    public record SourceLink(String source, String sourcedId, Instant linkedAt) {
    }

    /** A guardian of the person, or a student the person is guardian of. */
    public record Relative(long id, String name, String relationship, String email, String phone, RecordState state) {
    }

    /** A classroom the person is in. */
    public record Membership(long classroomId, String title, long schoolId, String schoolName, String role,
            RecordState state) {
    }

    /** Something the product attached to a student: an announcement, backpack item, interaction log or attribute. */
    public record Item(long id, String title, String detail, Instant at) {
    }

    /** A person's page. */
    public record PersonPage(DirectoryPerson person, Instant createdAt, Long createdRun, Integer sourceLine,
            List<Role> roles, List<SourceLink> links, List<Relative> guardians, List<Relative> students,
            List<Membership> classes, List<Item> announcements, List<Item> backpack, List<Item> interactions,
            List<Item> attributes) {

        public String field(String name) {
            return person.fields().get(name);
        }

        public String name() {
            return field("given_name") + " " + field("family_name");
        }

        /**
         * The page as an admin of these schools sees it: classes there only, and of a guardian's
         * students those {@code reachable}; the rest of the person's life is another school's.
         */
        public PersonPage seenFrom(Set<Long> schools, java.util.function.LongPredicate reachable) {
            return new PersonPage(person, createdAt, createdRun, sourceLine, roles.stream()
                    .filter(r -> r.schoolId() == null || schools.contains(r.schoolId())).toList(), links, guardians,
                    students.stream().filter(s -> reachable.test(s.id())).toList(), classes.stream()
                    .filter(k -> schools.contains(k.schoolId())).toList(), announcements, backpack, interactions,
                    attributes);
        }
    }

    /** Whether a school admin of these schools reaches the person: a role there, or a guardian of a student there. */
    public boolean reaches(long districtId, long personId, Set<Long> schools) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                SELECT EXISTS (SELECT 1 FROM person_role r WHERE r.district_id = ? AND r.person_id = ?
                               AND r.school_id = ANY (?))
                    OR EXISTS (SELECT 1 FROM guardian_link g JOIN person_role r ON r.district_id = g.district_id
                               AND r.person_id = g.student_id AND r.school_id = ANY (?)
                               WHERE g.district_id = ? AND g.guardian_id = ?)""")) {
            java.sql.Array reach = c.createArrayOf("bigint", schools.toArray());
            s.setLong(1, districtId);
            s.setLong(2, personId);
            s.setArray(3, reach);
            s.setArray(4, reach);
            s.setLong(5, districtId);
            s.setLong(6, personId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    public Optional<PersonPage> person(long districtId, long personId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Optional<DirectoryPerson> person;
            Instant createdAt;
            Long createdRun;
            Integer sourceLine;
            try (PreparedStatement s = c.prepareStatement("SELECT " + io.rostersync.directory.internal.PersonColumns.SELECT
                    + ", p.created_at, p.created_run, p.source_line FROM person p "
                    + io.rostersync.directory.internal.PersonColumns.ROLES_OF_EACH
                    + " WHERE p.district_id = ? AND p.id = ?")) {
                s.setLong(1, districtId);
                s.setLong(2, personId);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    person = Optional.of(io.rostersync.directory.internal.PersonColumns.read(rs, 1));
                    int at = io.rostersync.directory.internal.PersonColumns.COUNT;
                    createdAt = rs.getTimestamp(at + 1).toInstant();
                    long run = rs.getLong(at + 2);
                    createdRun = rs.wasNull() ? null : run;
                    int line = rs.getInt(at + 3);
                    sourceLine = rs.wasNull() ? null : line;
                }
            }
            List<Role> roles = list(c, """
                    SELECT r.role, r.school_id, s.name, r.managed_by IS NOT NULL FROM person_role r
                    LEFT JOIN school s ON s.district_id = r.district_id AND s.id = r.school_id
                    WHERE r.district_id = ? AND r.person_id = ? ORDER BY r.role, s.name""", districtId, personId,
                    rs -> new Role(rs.getString(1), rs.getObject(2) == null ? null : rs.getLong(2), rs.getString(3),
                            rs.getBoolean(4)));
            List<SourceLink> links = list(c, "SELECT source, sourced_id, linked_at FROM source_link"
                    + " WHERE district_id = ? AND kind = 'person' AND local_id = ? ORDER BY source, sourced_id",
                    districtId, personId, rs -> new SourceLink(rs.getString(1), rs.getString(2),
                            rs.getTimestamp(3).toInstant()));
            String relative = """
                    SELECT p.id, p.given_name || ' ' || p.family_name, g.relationship, p.email,
                           coalesce(p.sms_phone, p.home_phone), p.state
                    FROM guardian_link g JOIN person p ON p.district_id = g.district_id AND p.id = g.%s
                    WHERE g.district_id = ? AND g.%s = ? ORDER BY p.family_name, p.given_name, p.id""";
            List<Relative> guardians = list(c, relative.formatted("guardian_id", "student_id"), districtId, personId,
                    PeopleReads::relative);
            List<Relative> students = list(c, relative.formatted("student_id", "guardian_id"), districtId, personId,
                    PeopleReads::relative);
            List<Membership> classes = list(c, """
                    SELECT k.id, k.title, k.school_id, s.name, m.role, k.state FROM classroom_member m
                    JOIN classroom k ON k.district_id = m.district_id AND k.id = m.classroom_id
                    JOIN school s ON s.district_id = k.district_id AND s.id = k.school_id
                    WHERE m.district_id = ? AND m.person_id = ? ORDER BY s.name, k.title, k.id""", districtId, personId,
                    rs -> new Membership(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                            rs.getString(5), RecordState.ofColumn(rs.getString(6))));
            List<Item> announcements = list(c, "SELECT id, title, body, created_at FROM announcement"
                    + " WHERE district_id = ? AND student_id = ? ORDER BY created_at DESC, id LIMIT 200", districtId,
                    personId, PeopleReads::item);
            List<Item> backpack = list(c, "SELECT id, name, content_ref, created_at FROM backpack_item"
                    + " WHERE district_id = ? AND student_id = ? ORDER BY created_at DESC, id LIMIT 200", districtId,
                    personId, PeopleReads::item);
            List<Item> interactions = list(c, "SELECT id, kind || coalesce(' by ' || author, ''), note, occurred_at"
                    + " FROM interaction_log WHERE district_id = ? AND student_id = ? ORDER BY occurred_at DESC, id"
                    + " LIMIT 200", districtId, personId, PeopleReads::item);
            List<Item> attributes = list(c, "SELECT 0, name, value, updated_at FROM student_attribute"
                    + " WHERE district_id = ? AND student_id = ? ORDER BY name", districtId, personId,
                    PeopleReads::item);
            return Optional.of(new PersonPage(person.get(), createdAt, createdRun, sourceLine, roles, links, guardians,
                    students, classes, announcements, backpack, interactions, attributes));
        }
    }

    /** People and classrooms that left the files and wait out their grace period, soonest due first. */
    public record Leaving(String kind, long id, String name, String schoolName, Instant dueAt) {
    }

    public List<Leaving> pendingRemoval(long districtId, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            List<Leaving> out = new ArrayList<>(list(c, """
                    SELECT 'person', p.id, p.given_name || ' ' || p.family_name, NULL, p.removal_due_at FROM person p
                    WHERE p.district_id = ? AND p.state = 'pending_removal'
                    UNION ALL
                    SELECT 'classroom', k.id, k.title, s.name, k.removal_due_at FROM classroom k
                    JOIN school s ON s.district_id = k.district_id AND s.id = k.school_id
                    WHERE k.district_id = ? AND k.state = 'pending_removal'
                    ORDER BY 5, 3, 2 LIMIT ?""", districtId, districtId, (long) limit,
                    rs -> new Leaving(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                            rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant())));
            return out;
        }
    }

    @FunctionalInterface
    private interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private static <T> List<T> list(Connection c, String sql, long a, long b, RowMapper<T> mapper) throws SQLException {
        return list(c, sql, new long[] {a, b}, mapper);
    }

    private static <T> List<T> list(Connection c, String sql, long a, long b, long d, RowMapper<T> mapper)
            throws SQLException {
        return list(c, sql, new long[] {a, b, d}, mapper);
    }

    private static <T> List<T> list(Connection c, String sql, long[] args, RowMapper<T> mapper) throws SQLException {
        List<T> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setLong(i + 1, args[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
            }
        }
        return out;
    }

    private static Relative relative(ResultSet rs) throws SQLException {
        return new Relative(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                RecordState.ofColumn(rs.getString(6)));
    }

    private static Item item(ResultSet rs) throws SQLException {
        Timestamp at = rs.getTimestamp(4);
        return new Item(rs.getLong(1), rs.getString(2), rs.getString(3), at == null ? null : at.toInstant());
    }

    /** The family name starts with one word and the given name with the other: ranges of the name index. */
    private static String bothNames() {
        return "(" + FAMILY + " >= ? AND " + FAMILY + " < ? AND " + GIVEN + " >= ? AND " + GIVEN + " < ? AND "
                + FAMILY + " LIKE ? AND " + GIVEN + " LIKE ?)";
    }

    private static void addBothNames(List<Object> args, String family, String given) {
        args.add(family);
        args.add(family + Character.toString(Character.MAX_CODE_POINT));
        args.add(given);
        args.add(given + Character.toString(Character.MAX_CODE_POINT));
        args.add(prefix(family));
        args.add(prefix(given));
    }

    /** The preferred name starts with one word (its index's range) and the family name with the other. */
    private static String preferredAndFamily() {
        return "(" + PREFERRED + " >= ? AND " + PREFERRED + " < ? AND " + PREFERRED + " LIKE ? AND " + FAMILY
                + " LIKE ?)";
    }

    private static void addPreferredAndFamily(List<Object> args, String preferred, String family) {
        args.add(preferred);
        args.add(preferred + Character.toString(Character.MAX_CODE_POINT));
        args.add(prefix(preferred));
        args.add(prefix(family));
    }

    /** A LIKE pattern for what starts with {@code word}, its wildcards escaped. */
    private static String prefix(String word) {
        return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private static List<String> words(String query) {
        if (query == null || query.isBlank()) {
            return List.of();
        }
        return Arrays.stream(query.trim().split("\\s+")).limit(5).toList();
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    /**
     * Whether a guardian receives the announcements of their students: only while one of those
     * students is in use (a guardian whose students are all archived receives none).
     */
    public boolean receivesAnnouncements(long districtId, long guardianId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                SELECT EXISTS (SELECT 1 FROM guardian_link g JOIN person st ON st.district_id = g.district_id
                               AND st.id = g.student_id
                               JOIN person gu ON gu.district_id = g.district_id AND gu.id = g.guardian_id
                               WHERE g.district_id = ? AND g.guardian_id = ? AND st.state <> 'archived'
                                 AND gu.state <> 'archived')""")) {
            s.setLong(1, districtId);
            s.setLong(2, guardianId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /**
     * Who signs in with this identifier (an email, a username or a student number, in any case):
     * the records that have it, or had it before they absorbed a merged record, followed to the record
     * they were merged into. Normally one person; several when the directory holds it twice.
     */
    public List<Long> whoSignsInAs(long districtId, String identifier) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                WITH RECURSIVE hit (id) AS (
                  SELECT id FROM person WHERE district_id = ? AND email IS NOT NULL AND lower(email) = lower(?)
                  UNION SELECT id FROM person WHERE district_id = ? AND username IS NOT NULL
                                                AND lower(username) = lower(?)
                  UNION SELECT id FROM person WHERE district_id = ? AND student_number = ?
                  UNION SELECT person_id FROM person_alias WHERE district_id = ? AND lower(value) = lower(?)
                ), follow (id, merged_into, depth) AS (
                  SELECT p.id, p.merged_into, 0 FROM person p JOIN hit h ON h.id = p.id WHERE p.district_id = ?
                  UNION ALL
                  SELECT p.id, p.merged_into, f.depth + 1 FROM follow f JOIN person p ON p.district_id = ?
                    AND p.id = f.merged_into WHERE f.depth < 50
                )
                SELECT DISTINCT id FROM follow WHERE merged_into IS NULL ORDER BY id""")) {
            for (int i = 0; i < 4; i++) {
                s.setLong(2 * i + 1, districtId);
                s.setString(2 * i + 2, identifier.trim());
            }
            s.setLong(9, districtId);
            s.setLong(10, districtId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }

    /** A person a sign-in found: who they are in the directory. */
    public record SignedIn(long id, String name, EntityKind kind) {
    }

    /**
     * The person whose record the roster's record {@code sourcedId} is linked to (followed to the record
     * it was merged into), unless archived: how a sign-in through the district's identity provider finds
     * its person, by the roster's id only, never by a name.
     */
    public Optional<SignedIn> bySourcedId(long districtId, String sourcedId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                WITH RECURSIVE follow (id, merged_into, depth) AS (
                  SELECT p.id, p.merged_into, 0 FROM source_link l JOIN person p ON p.district_id = l.district_id
                    AND p.id = l.local_id WHERE l.district_id = ? AND l.kind = 'person' AND l.sourced_id = ?
                  UNION ALL
                  SELECT p.id, p.merged_into, f.depth + 1 FROM follow f JOIN person p ON p.district_id = ?
                    AND p.id = f.merged_into WHERE f.depth < 50
                )
                SELECT p.id, p.given_name || ' ' || p.family_name, p.kind FROM follow f
                JOIN person p ON p.district_id = ? AND p.id = f.id
                WHERE f.merged_into IS NULL AND p.state <> 'archived' ORDER BY p.id LIMIT 1""")) {
            s.setLong(1, districtId);
            s.setString(2, sourcedId);
            s.setLong(3, districtId);
            s.setLong(4, districtId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new SignedIn(rs.getLong(1), rs.getString(2),
                        rs.getString(3) == null ? null : EntityKind.ofLabel(rs.getString(3)))) : Optional.empty();
            }
        }
    }
}
