package io.rostersync.directory.internal;

import io.rostersync.directory.DirectoryPerson;
import io.rostersync.directory.EntityKind;
import io.rostersync.directory.RecordState;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/** How a person is read from the person table (alias {@code p}) and its roles. */
public final class PersonColumns {

    /** The person columns the sync owns, in the order they are selected. */
    public static final List<String> FIELDS = List.of("given_name", "family_name", "middle_name",
            "preferred_given_name", "preferred_family_name", "email", "sms_phone", "home_phone", "grade",
            "student_number", "username", "birth_key");

    public static final String SELECT = "p.id, p.kind, p." + String.join(", p.", FIELDS)
            + ", p.managed_by, p.state, p.removal_due_at, p.edited_fields, p.signed_in_at IS NOT NULL, r.roles";

    /** How many columns {@link #SELECT} has. */
    public static final int COUNT = 2 + FIELDS.size() + 6;

    /** The roles of every person of the district as role@school (or role@district); takes the district id. */
    public static final String ROLES_OF_ALL = "LEFT JOIN (SELECT person_id, array_agg(role || '@' ||"
            + " coalesce(school_id::text, 'district')) AS roles FROM person_role WHERE district_id = ?"
            + " AND managed_by IS NOT NULL GROUP BY person_id) r ON r.person_id = p.id";

    /** The roles of each person selected, looked up one by one: for a few people. */
    public static final String ROLES_OF_EACH = "LEFT JOIN LATERAL (SELECT array_agg(role || '@' ||"
            + " coalesce(school_id::text, 'district')) AS roles FROM person_role pr WHERE pr.district_id ="
            + " p.district_id AND pr.person_id = p.id AND pr.managed_by IS NOT NULL) r ON true";

    private PersonColumns() {
    }

    /** The person whose columns start at {@code first}. */
    public static DirectoryPerson read(ResultSet rs, int first) throws SQLException {
        int i = first;
        long id = rs.getLong(i++);
        String kind = rs.getString(i++);
        Map<String, String> fields = new HashMap<>();
        for (String field : FIELDS) {
            String value = rs.getString(i++);
            if (value != null && !value.isEmpty()) {
                fields.put(field, value);
            }
        }
        String managedBy = rs.getString(i++);
        RecordState state = RecordState.ofColumn(rs.getString(i++));
        Timestamp due = rs.getTimestamp(i++);
        Array edited = rs.getArray(i++);
        boolean signedIn = rs.getBoolean(i++);
        Array roles = rs.getArray(i);
        if (roles != null) {
            String[] each = (String[]) roles.getArray();
            Arrays.sort(each);
            fields.put("roles", String.join(",", each));
        }
        return new DirectoryPerson(id, kind == null ? null : EntityKind.ofLabel(kind), fields, managedBy, state,
                due == null ? null : due.toInstant(), edited == null ? java.util.Set.of()
                        : new HashSet<>(Arrays.asList((String[]) edited.getArray())), signedIn);
    }
}
