package io.rostersync.accounts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/** The admin actions of each district, newest first; written as each action succeeds or is refused. */
public final class AuditTrail {

    private final DataSource dataSource;

    public AuditTrail(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void record(long districtId, String actor, AuditEvent.ActorKind kind, String address, String action,
            String target, String detail) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO audit_event (district_id, actor, actor_kind, address, action, target, detail)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            s.setLong(1, districtId);
            s.setString(2, actor);
            s.setString(3, kind.column());
            s.setString(4, address);
            s.setString(5, action);
            s.setString(6, target);
            s.setString(7, detail);
            s.executeUpdate();
        }
    }

    /** The district's events, newest first, older than {@code beforeId} when it is given. */
    public List<AuditEvent> list(long districtId, Long beforeId, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT district_id, id, at, actor, actor_kind, address, action, target, detail FROM audit_event"
                        + " WHERE district_id = ? AND (?::bigint IS NULL OR id < ?) ORDER BY id DESC LIMIT ?")) {
            s.setLong(1, districtId);
            s.setObject(2, beforeId);
            s.setObject(3, beforeId);
            s.setInt(4, limit);
            List<AuditEvent> events = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    events.add(new AuditEvent(rs.getLong(1), rs.getLong(2), rs.getTimestamp(3).toInstant(),
                            rs.getString(4), AuditEvent.ActorKind.valueOf(rs.getString(5).toUpperCase(Locale.ROOT)),
                            rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9)));
                }
            }
            return events;
        }
    }
}
