package io.rostersync.sync.internal.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The admins' answers to earlier runs' questions (match_decision), which this run follows: a
 * source record is a given directory record, or nobody yet. Few rows per district (one per
 * question answered and not yet followed), so read whole at the start of a run.
 */
final class Decided {

    /** The answer "nobody in the directory is this record: create it". */
    static final long CREATE = 0;

    private final Map<String, Long> people = new HashMap<>();
    private final Map<String, Long> classrooms = new HashMap<>();
    /** The answers this run followed, as kind and sourcedId: forgotten once the run applies them. */
    private final java.util.List<String[]> followed = new java.util.ArrayList<>();

    static Decided load(Connection c, long districtId) throws SQLException {
        Decided decided = new Decided();
        try (PreparedStatement s = c.prepareStatement("SELECT kind, sourced_id, link_to FROM match_decision"
                + " WHERE district_id = ? AND source = ?")) {
            s.setLong(1, districtId);
            s.setString(2, RunContext.SOURCE);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long linkTo = rs.getLong(3);
                    long answer = rs.wasNull() ? CREATE : linkTo;
                    (rs.getString(1).equals("person") ? decided.people : decided.classrooms).put(rs.getString(2),
                            answer);
                }
            }
        }
        return decided;
    }

    /** The directory person an admin said this user is, {@link #CREATE}, or null when nobody said. */
    Long person(String sourcedId) {
        return people.get(sourcedId);
    }

    /** The classroom an admin said this class is, {@link #CREATE}, or null when nobody said. */
    Long classroom(String sourcedId) {
        return classrooms.get(sourcedId);
    }

    boolean anyPeople() {
        return !people.isEmpty();
    }

    /** The answer about this user was followed (linked or created as it says). */
    void followedPerson(String sourcedId) {
        followed.add(new String[] {"person", sourcedId});
    }

    /** The answer about this class was followed. */
    void followedClassroom(String sourcedId) {
        followed.add(new String[] {"classroom", sourcedId});
    }

    /**
     * Deletes the answers this run followed, in its transaction: the links and records they made
     * are the run's from now on, shown in its report; undoing it takes them back, and the next run
     * asks again rather than following a stale answer.
     */
    void forgetFollowed(Connection c, long districtId) throws SQLException {
        if (followed.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("DELETE FROM match_decision WHERE district_id = ? AND source = ?"
                + " AND kind = ? AND sourced_id = ?")) {
            for (String[] answer : followed) {
                s.setLong(1, districtId);
                s.setString(2, RunContext.SOURCE);
                s.setString(3, answer[0]);
                s.setString(4, answer[1]);
                s.addBatch();
            }
            s.executeBatch();
        }
    }
}
