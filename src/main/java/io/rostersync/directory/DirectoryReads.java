package io.rostersync.directory;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * What admins read of a district's directory, outside any sync: its schools, and the people of a
 * school page by page. Reads take no lock; a sync under way is seen as it was before it committed.
 */
public final class DirectoryReads {

    private final DataSource dataSource;

    public DirectoryReads(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A person as a directory listing shows them. */
    public record PersonListing(long id, String givenName, String familyName, String grade, String role,
            RecordState state, boolean managed) {
    }

    public List<DirectorySchool> schools(long districtId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return schools(c, districtId, null);
        }
    }

    public Optional<DirectorySchool> school(long districtId, long schoolId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return schools(c, districtId, schoolId).stream().findFirst();
        }
    }

    /**
     * The people with a role at the school (of {@code role} when given), archived ones only when
     * asked, by id after {@code afterId}: a page of at most {@code limit}.
     */
    public List<PersonListing> people(long districtId, long schoolId, String role, boolean archived, long afterId,
            int limit) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                SELECT p.id, p.given_name, p.family_name, p.grade, r.role, p.state, p.managed_by IS NOT NULL
                FROM person p
                JOIN LATERAL (SELECT min(role) AS role FROM person_role r WHERE r.district_id = p.district_id
                              AND r.person_id = p.id AND r.school_id = ? AND (?::text IS NULL OR r.role = ?)) r
                  ON r.role IS NOT NULL
                WHERE p.district_id = ? AND p.id > ? AND (? OR p.state <> 'archived')
                ORDER BY p.id LIMIT ?""")) {
            s.setLong(1, schoolId);
            s.setString(2, role);
            s.setString(3, role);
            s.setLong(4, districtId);
            s.setLong(5, afterId);
            s.setBoolean(6, archived);
            s.setInt(7, limit);
            List<PersonListing> page = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    page.add(new PersonListing(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), RecordState.ofColumn(rs.getString(6)), rs.getBoolean(7)));
                }
            }
            return page;
        }
    }

    /** The district's schools (only {@code onlySchool} when given), with their School IDs, by id. */
    static List<DirectorySchool> schools(Connection connection, long districtId, Long onlySchool) throws SQLException {
        Map<Long, Set<String>> ids = new HashMap<>();
        try (PreparedStatement s = connection.prepareStatement("SELECT school_id, org_sourced_id FROM school_source_id"
                + " WHERE district_id = ? AND (?::bigint IS NULL OR school_id = ?)")) {
            s.setLong(1, districtId);
            s.setObject(2, onlySchool);
            s.setObject(3, onlySchool);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.computeIfAbsent(rs.getLong(1), k -> new HashSet<>()).add(rs.getString(2));
                }
            }
        }
        List<DirectorySchool> schools = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement("SELECT id, name, managed_by, state, edited_fields"
                + " FROM school WHERE district_id = ? AND (?::bigint IS NULL OR id = ?) ORDER BY id")) {
            s.setLong(1, districtId);
            s.setObject(2, onlySchool);
            s.setObject(3, onlySchool);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    schools.add(new DirectorySchool(rs.getLong(1), rs.getString(2), ids.getOrDefault(rs.getLong(1),
                            Set.of()), rs.getString(3), RecordState.ofColumn(rs.getString(4)), strings(rs.getArray(5))));
                }
            }
        }
        return schools;
    }

    private static Set<String> strings(Array array) throws SQLException {
        return array == null ? Set.of() : new HashSet<>(Arrays.asList((String[]) array.getArray()));
    }
}
