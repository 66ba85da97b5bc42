package io.rostersync.directory;

import io.rostersync.directory.internal.ChangeStager;
import io.rostersync.directory.internal.PersonColumns;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * One transaction on one district's directory, holding the district's sync lock: the read models a
 * sync plans from, and the writer it applies its changes with. Everything it does commits together
 * or not at all; closing it without {@link #commit()} rolls it back.
 */
public final class DirectoryTransaction implements AutoCloseable {

    /** Rows fetched per round trip when a read streams. */
    private static final int FETCH = 10_000;

    private final Connection connection;
    private final long districtId;
    private boolean done;

    DirectoryTransaction(Connection connection, long districtId) {
        this.connection = connection;
        this.districtId = districtId;
    }

    public long districtId() {
        return districtId;
    }

    /** The transaction's connection, for the tables of other modules that must commit with the directory (a run's report). */
    public Connection connection() {
        return connection;
    }

    // ---- read models ----

    /**
     * The district's directory epoch: it changes with every write outside a sync, so what a sync
     * remembered of the directory holds only as long as the epoch is the one it remembered it at.
     */
    public long epoch() throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT directory_epoch FROM district WHERE id = ?")) {
            s.setLong(1, districtId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Records a write outside a sync (undo, approval, hand edit): what syncs remembered no longer holds. */
    public void touch() throws SQLException {
        DirectoryStore.touch(connection, districtId);
    }

    public List<DirectorySchool> schools() throws SQLException {
        return DirectoryReads.schools(connection, districtId, null);
    }

    /** Every person linked to a record of this source, once per link (a person of two source rows twice). */
    public void forEachLinkedPerson(String source, BiConsumer<String, DirectoryPerson> each) throws SQLException {
        String sql = "SELECT l.sourced_id, " + PersonColumns.SELECT + " FROM source_link l JOIN person p"
                + " ON p.district_id = l.district_id AND p.id = l.local_id " + PersonColumns.ROLES_OF_ALL
                + " WHERE l.district_id = ? AND l.source = ? AND l.kind = 'person'";
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setFetchSize(FETCH);
            s.setLong(1, districtId);
            s.setLong(2, districtId);
            s.setString(3, source);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    each.accept(rs.getString(1), PersonColumns.read(rs, 2));
                }
            }
        }
    }

    /** The ids of this source that name each of these people. */
    public Map<Long, List<String>> personLinks(String source, long[] ids) throws SQLException {
        Map<Long, List<String>> links = new HashMap<>();
        try (PreparedStatement s = connection.prepareStatement("SELECT local_id, sourced_id FROM source_link"
                + " WHERE district_id = ? AND source = ? AND kind = 'person' AND local_id = ANY (?)")) {
            s.setLong(1, districtId);
            s.setString(2, source);
            s.setArray(3, connection.createArrayOf("bigint", java.util.Arrays.stream(ids).boxed().toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    links.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
        }
        return links;
    }

    /** The people of these ids, by id. */
    public Map<Long, DirectoryPerson> people(long[] ids) throws SQLException {
        Map<Long, DirectoryPerson> found = new HashMap<>();
        String sql = "SELECT " + PersonColumns.SELECT + " FROM person p " + PersonColumns.ROLES_OF_EACH
                + " WHERE p.district_id = ? AND p.id = ANY (?)";
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setLong(1, districtId);
            s.setArray(2, connection.createArrayOf("bigint", Arrays.stream(ids).boxed().toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    DirectoryPerson p = PersonColumns.read(rs, 1);
                    found.put(p.id(), p);
                }
            }
        }
        return found;
    }

    /** The states of records of a kind, by id (absent: the record is gone). */
    public Map<Long, RecordState> states(EntityKind kind, long[] ids) throws SQLException {
        String table = io.rostersync.directory.internal.Tables.of(kind);
        Map<Long, RecordState> states = new HashMap<>();
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT id, state FROM " + table + " WHERE district_id = ? AND id = ANY (?)")) {
            s.setLong(1, districtId);
            s.setArray(2, connection.createArrayOf("bigint", Arrays.stream(ids).boxed().toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    states.put(rs.getLong(1), RecordState.ofColumn(rs.getString(2)));
                }
            }
        }
        return states;
    }

    /** A person a match rule found, and whether a source record already links to them. */
    public record PersonMatch(DirectoryPerson person, boolean linked) {
    }

    /**
     * The people who have one of these student numbers or (lower-cased) emails, for matching
     * source records that no link names yet.
     */
    public List<PersonMatch> findPeople(Collection<String> studentNumbers, Collection<String> emails)
            throws SQLException {
        List<PersonMatch> found = new ArrayList<>();
        if (studentNumbers.isEmpty() && emails.isEmpty()) {
            return found;
        }
        String sql = "SELECT " + PersonColumns.SELECT + ", EXISTS (SELECT 1 FROM source_link l WHERE l.district_id ="
                + " p.district_id AND l.kind = 'person' AND l.local_id = p.id) FROM person p "
                // a record merged into another is no one's any more: the survivor has its identifiers
                + PersonColumns.ROLES_OF_EACH + " WHERE p.district_id = ? AND p.merged_into IS NULL AND p.id IN ("
                // one lookup per index ("email IS NOT NULL" lets it use the partial index on emails; the
                // planner's row estimate for that index comes from V7's statistics)
                + "SELECT id FROM person WHERE district_id = ? AND student_number = ANY (?) UNION"
                + " SELECT id FROM person WHERE district_id = ? AND email IS NOT NULL AND lower(email) = ANY (?))";
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setLong(1, districtId);
            s.setLong(2, districtId);
            s.setArray(3, connection.createArrayOf("text", studentNumbers.toArray()));
            s.setLong(4, districtId);
            s.setArray(5, connection.createArrayOf("text", emails.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.add(new PersonMatch(PersonColumns.read(rs, 1), rs.getBoolean(PersonColumns.COUNT + 1)));
                }
            }
        }
        return found;
    }

    /** Whether the district has any people at all (a first load need not look for matches). */
    public boolean hasPeople() throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT EXISTS (SELECT 1 FROM person WHERE district_id = ?)")) {
            s.setLong(1, districtId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** Every classroom of the district, with the class of this source it is linked to, if any. */
    public List<DirectoryClassroom> classrooms(String source) throws SQLException {
        return classrooms(source, "", null);
    }

    /** These classrooms (those that exist), as {@link #classrooms(String)} gives them. */
    public List<DirectoryClassroom> classrooms(String source, long[] ids) throws SQLException {
        return classrooms(source, " AND c.id = ANY (?)", ids);
    }

    /** The classrooms no class of this source is linked to: those made by hand or by another source. */
    public List<DirectoryClassroom> unlinkedClassrooms(String source) throws SQLException {
        return classrooms(source, " AND l.sourced_id IS NULL", null);
    }

    private List<DirectoryClassroom> classrooms(String source, String where, long[] ids) throws SQLException {
        List<DirectoryClassroom> all = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement("""
                SELECT c.id, l.sourced_id, c.school_id, c.title, c.code, array_to_string(c.grades, ','),
                       array_to_string(c.periods, ','), array_to_string(c.terms, ','), c.managed_by, c.state,
                       c.removal_due_at, c.edited_fields
                FROM classroom c LEFT JOIN source_link l ON l.district_id = c.district_id AND l.kind = 'classroom'
                     AND l.source = ? AND l.local_id = c.id
                WHERE c.district_id = ?""" + where + " ORDER BY c.id")) {
            s.setFetchSize(FETCH);
            s.setString(1, source);
            s.setLong(2, districtId);
            if (ids != null) {
                s.setArray(3, connection.createArrayOf("bigint", Arrays.stream(ids).boxed().toArray()));
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Map<String, String> fields = new HashMap<>();
                    put(fields, "title", rs.getString(4));
                    put(fields, "code", rs.getString(5));
                    put(fields, "grades", rs.getString(6));
                    put(fields, "periods", rs.getString(7));
                    put(fields, "terms", rs.getString(8));
                    fields.put("school_id", Long.toString(rs.getLong(3)));
                    all.add(new DirectoryClassroom(rs.getLong(1), rs.getString(2), rs.getLong(3), fields,
                            rs.getString(9), RecordState.ofColumn(rs.getString(10)), instant(rs.getTimestamp(11)),
                            strings(rs.getArray(12))));
                }
            }
        }
        return all;
    }

    /** A classroom's member as the directory has it. */
    @FunctionalInterface
    public interface MemberVisitor {
        void visit(long classroomId, long personId, String role, boolean primary, boolean managed);
    }

    public void forEachMember(MemberVisitor visitor) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT classroom_id, person_id, role, is_primary,"
                + " managed_by IS NOT NULL FROM classroom_member WHERE district_id = ?")) {
            s.setFetchSize(FETCH);
            s.setLong(1, districtId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    visitor.visit(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getBoolean(4), rs.getBoolean(5));
                }
            }
        }
    }

    /** The members of these classrooms (ids ascending, for the index), as {@link #forEachMember} gives them. */
    public void forEachMemberOf(long[] classroomIds, MemberVisitor visitor) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT classroom_id, person_id, role, is_primary,"
                + " managed_by IS NOT NULL FROM classroom_member WHERE district_id = ? AND classroom_id = ANY (?)")) {
            s.setFetchSize(FETCH);
            s.setLong(1, districtId);
            s.setArray(2, connection.createArrayOf("bigint", Arrays.stream(classroomIds).boxed().toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    visitor.visit(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getBoolean(4), rs.getBoolean(5));
                }
            }
        }
    }

    /** A guardian link as the directory has it. */
    @FunctionalInterface
    public interface GuardianLinkVisitor {
        void visit(long guardianId, long studentId, String relationship, boolean managed);
    }

    private static final String LINKS = "SELECT guardian_id, student_id, relationship, managed_by IS NOT NULL"
            + " FROM guardian_link WHERE district_id = ?";

    public void forEachGuardianLink(GuardianLinkVisitor visitor) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(LINKS)) {
            s.setLong(1, districtId);
            visitLinks(s, visitor);
        }
    }

    /** The links of these students only. */
    public void forEachGuardianLink(long[] studentIds, GuardianLinkVisitor visitor) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(LINKS + " AND student_id = ANY (?)")) {
            s.setLong(1, districtId);
            s.setArray(2, connection.createArrayOf("bigint", Arrays.stream(studentIds).boxed().toArray()));
            visitLinks(s, visitor);
        }
    }

    private static void visitLinks(PreparedStatement s, GuardianLinkVisitor visitor) throws SQLException {
        s.setFetchSize(FETCH);
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                visitor.visit(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getBoolean(4));
            }
        }
    }

    /** Active (including pending removal) and archived records of a kind. */
    public record Totals(long active, long archived) {
    }

    /** The directory's totals for students, guardians, staff and classrooms. */
    public Map<EntityKind, Totals> totals() throws SQLException {
        Map<EntityKind, long[]> counts = new EnumMap<>(EntityKind.class);
        for (EntityKind k : List.of(EntityKind.STUDENTS, EntityKind.GUARDIANS, EntityKind.STAFF, EntityKind.CLASSROOMS)) {
            counts.put(k, new long[2]);
        }
        String sql = """
                SELECT kind, state = 'archived', count(*) FROM person WHERE district_id = ? AND kind IS NOT NULL
                GROUP BY 1, 2
                UNION ALL
                SELECT 'classrooms', state = 'archived', count(*) FROM classroom WHERE district_id = ? GROUP BY 1, 2""";
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setLong(1, districtId);
            s.setLong(2, districtId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    EntityKind kind = EntityKind.ofLabel(rs.getString(1));
                    counts.get(kind)[rs.getBoolean(2) ? 1 : 0] += rs.getLong(3);
                }
            }
        }
        Map<EntityKind, Totals> totals = new LinkedHashMap<>();
        counts.forEach((k, c) -> totals.put(k, new Totals(c[0], c[1])));
        return totals;
    }

    // ---- writes ----

    /**
     * Ids for records a run is about to create (people, classrooms or schools), so that the records
     * that refer to them can be planned before they exist.
     */
    public long[] reserveIds(EntityKind kind, int count) throws SQLException {
        String table = io.rostersync.directory.internal.Tables.of(kind);
        long[] ids = new long[count];
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT nextval(pg_get_serial_sequence('" + table + "', 'id')) FROM generate_series(1, ?)")) {
            s.setInt(1, count);
            try (ResultSet rs = s.executeQuery()) {
                for (int i = 0; i < count && rs.next(); i++) {
                    ids[i] = rs.getLong(1);
                }
            }
        }
        return ids;
    }

    /** Where a run's changes go: each is staged as it comes, and all are applied, set-based, by {@link #finish()}. */
    public interface ChangeSink extends java.util.function.Consumer<DirectoryChange> {

        /** Applies everything staged. */
        void finish();
    }

    /**
     * A writer for a run's changes.
     *
     * @param runId  marks the records the run creates, so that the run can be undone
     * @param source the source that manages what the run creates (e.g. {@code oneroster})
     */
    public ChangeSink changes(long runId, String source) throws SQLException {
        return new ChangeStager(connection, districtId, runId, source, false);
    }

    /**
     * A writer that copies created records straight into the directory's tables as they come (a
     * first load writes each row once); for a run that applies its creates whatever else happens.
     */
    public ChangeSink changesCreatingDirectly(long runId, String source) throws SQLException {
        return new ChangeStager(connection, districtId, runId, source, true);
    }

    /** Applies a stream of changes. */
    public void apply(Stream<DirectoryChange> changes, long runId, String source) throws SQLException {
        ChangeSink sink = changes(runId, source);
        changes.forEach(sink);
        sink.finish();
    }

    /** The ids of records a run created, of one kind: what undoing the run removes. */
    public long[] createdBy(long runId, EntityKind kind) throws SQLException {
        String sql = switch (kind) {
            case STUDENTS, STAFF, GUARDIANS -> "SELECT id FROM person WHERE district_id = ? AND created_run = ? AND kind = '"
                    + kind.label() + "'";
            case CLASSROOMS -> "SELECT id FROM classroom WHERE district_id = ? AND created_run = ?";
            case SCHOOLS -> "SELECT id FROM school WHERE district_id = ? AND created_run = ?";
            case ENROLLMENTS -> throw new IllegalArgumentException("enrollments have no ids");
        };
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setLong(1, districtId);
            s.setLong(2, runId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    /** Removes the memberships and guardian links a run created (the first step of undoing it). */
    public void removeLinksCreatedBy(long runId) throws SQLException {
        for (String table : List.of("classroom_member", "guardian_link")) {
            try (PreparedStatement s = connection.prepareStatement(
                    "DELETE FROM " + table + " WHERE district_id = ? AND created_run = ?")) {
                s.setLong(1, districtId);
                s.setLong(2, runId);
                s.executeUpdate();
            }
        }
    }

    public void commit() throws SQLException {
        connection.commit();
        done = true;
    }

    @Override
    public void close() throws SQLException {
        try {
            if (!done && !connection.isClosed()) {
                connection.rollback();
            }
        } finally {
            connection.close();
        }
    }

    private static Set<String> strings(Array array) throws SQLException {
        return array == null ? Set.of() : new HashSet<>(Arrays.asList((String[]) array.getArray()));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static void put(Map<String, String> fields, String column, String value) {
        if (value != null && !value.isEmpty()) {
            fields.put(column, value);
        }
    }
}
