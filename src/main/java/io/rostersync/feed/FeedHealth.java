package io.rostersync.feed;

import io.rostersync.intake.Intakes;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/** A district's feed health: its settings, its findings now, and its alerts (raised once, cleared once). */
public final class FeedHealth {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FeedHealth.class);

    /** How many of a district's latest drops are looked at: enough for every finding's longest setting. */
    private static final int DROPS_LOOKED_AT = 100;

    private final DataSource dataSource;
    private final Intakes intakes;

    public FeedHealth(DataSource dataSource) {
        this.dataSource = dataSource;
        this.intakes = new Intakes(dataSource);
    }

    /** The findings for the district now; none when all is well (or it never sent anything). */
    public List<Finding> findings(long districtId, Instant now) throws SQLException {
        List<DropFact> drops = intakes.list(districtId, DROPS_LOOKED_AT).stream()
                .map(i -> new DropFact(i.receivedAt(), i.status(), i.bytes())).toList();
        return FeedAssessment.assess(drops, settings(districtId), now);
    }

    public FeedSettings settings(long districtId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT quiet_days,"
                + " same_file_days, shrink_percent, failures_in_a_row, notify FROM feed_health_settings"
                + " WHERE district_id = ?")) {
            s.setLong(1, districtId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return FeedSettings.DEFAULT;
                }
                Array notify = rs.getArray(5);
                return new FeedSettings(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4),
                        Arrays.stream((Object[]) notify.getArray()).map(String::valueOf).toList());
            }
        }
    }

    public void save(long districtId, FeedSettings settings) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                INSERT INTO feed_health_settings (district_id, quiet_days, same_file_days, shrink_percent,
                    failures_in_a_row, notify) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (district_id) DO UPDATE SET quiet_days = excluded.quiet_days,
                    same_file_days = excluded.same_file_days, shrink_percent = excluded.shrink_percent,
                    failures_in_a_row = excluded.failures_in_a_row, notify = excluded.notify""")) {
            s.setLong(1, districtId);
            s.setInt(2, settings.quietDays());
            s.setInt(3, settings.sameFileDays());
            s.setInt(4, settings.shrinkPercent());
            s.setInt(5, settings.failuresInARow());
            s.setArray(6, c.createArrayOf("text", settings.recipients().toArray()));
            s.executeUpdate();
        }
    }

    /** What changed in a district's alerts at a check: to tell its people about. */
    public record Change(long districtId, Finding.Kind kind, boolean raised, String message, String hint,
            List<String> recipients) {
    }

    /**
     * Raises an alert for each finding that has none open, and clears the open alerts whose finding is
     * gone, for every district that has sent files; returns what its people should be told: the
     * alerts raised and not told yet (also those a failed email left untold), when they can be told
     * ({@code canTell}: a mail server, and the district named someone), and the clearing of alerts they
     * were told of. Several nodes may check at once: each change is returned to one of them only. A
     * district whose check fails does not hold the others up.
     */
    public List<Change> check(Instant now, boolean canTell) throws SQLException {
        List<Change> changes = new ArrayList<>();
        for (long district : intakes.districtsWithDrops()) {
            try {
                changes.addAll(check(district, now, canTell));
            } catch (SQLException | RuntimeException e) {
                LOG.warn("the feed of district {} could not be checked: {}", district, e.getMessage());
            }
        }
        return changes;
    }

    private List<Change> check(long district, Instant now, boolean canTell) throws SQLException {
        List<Change> changes = new ArrayList<>();
        java.util.Map<String, Finding> findings = new java.util.LinkedHashMap<>();
        for (Finding f : findings(district, now)) {
            findings.put(kind(f.kind()), f);
        }
        List<String> recipients = settings(district).recipients();
        try (Connection c = dataSource.getConnection()) {
            for (Finding f : findings.values()) {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO feed_alert (district_id, kind, message)"
                        + " VALUES (?, ?, ?) ON CONFLICT (district_id, kind) WHERE cleared_at IS NULL DO NOTHING")) {
                    s.setLong(1, district);
                    s.setString(2, kind(f.kind()));
                    s.setString(3, f.message());
                    if (s.executeUpdate() > 0) {
                        LOG.info("feed of district {}: {} raised: {}", district, f.kind(), f.message());
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE feed_alert SET cleared_at = now()"
                    + " WHERE district_id = ? AND cleared_at IS NULL AND NOT (kind = ANY (?))"
                    + " RETURNING kind, message, notified_at IS NOT NULL")) {
                s.setLong(1, district);
                s.setArray(2, c.createArrayOf("text", findings.keySet().toArray()));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        if (rs.getBoolean(3) && canTell && !recipients.isEmpty()) { // "resolved" only to the told
                            changes.add(new Change(district, kindOf(rs.getString(1)), false, rs.getString(2), null,
                                    recipients));
                        }
                    }
                }
            }
            if (!canTell || recipients.isEmpty()) {
                return changes; // untold: told once someone can be
            }
            // claimed for telling: a node that fails to send gives it back (untold)
            try (PreparedStatement s = c.prepareStatement("UPDATE feed_alert SET notified_at = now()"
                    + " WHERE district_id = ? AND cleared_at IS NULL AND notified_at IS NULL RETURNING kind, message")) {
                s.setLong(1, district);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        Finding f = findings.get(rs.getString(1));
                        changes.add(new Change(district, kindOf(rs.getString(1)), true, rs.getString(2),
                                f == null ? null : f.hint(), recipients));
                    }
                }
            }
        }
        return changes;
    }

    /** Gives back an alert raised whose people could not be told: the next check tells them. */
    public void untold(Change change) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("UPDATE feed_alert"
                + " SET notified_at = NULL WHERE district_id = ? AND kind = ? AND cleared_at IS NULL")) {
            s.setLong(1, change.districtId());
            s.setString(2, kind(change.kind()));
            s.executeUpdate();
        }
    }

    /** The district's alerts, the newest first: what was found, when, whether its people were told, when it cleared. */
    public record Alert(Finding.Kind kind, String message, Instant raisedAt, Instant notifiedAt, Instant clearedAt) {
    }

    public List<Alert> alerts(long districtId, int limit) throws SQLException {
        List<Alert> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT kind, message,"
                + " raised_at, notified_at, cleared_at FROM feed_alert WHERE district_id = ? ORDER BY id DESC LIMIT ?")) {
            s.setLong(1, districtId);
            s.setInt(2, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new Alert(kindOf(rs.getString(1)), rs.getString(2), rs.getTimestamp(3).toInstant(),
                            rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant(),
                            rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant()));
                }
            }
        }
        return out;
    }

    private static Finding.Kind kindOf(String kind) {
        return Finding.Kind.valueOf(kind.toUpperCase(Locale.ROOT));
    }

    private static String kind(Finding.Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
