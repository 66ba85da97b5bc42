package io.rostersync.intake;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import javax.sql.DataSource;

/** Each district's {@link Arrival} settings; a district that never set them has {@link Arrival#DEFAULT}. */
public final class DropArrivals {

    private final DataSource dataSource;

    public DropArrivals(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Arrival get(long districtId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT completeness,"
                + " stable_seconds, marker_file, keep_days FROM drop_arrival WHERE district_id = ?")) {
            s.setLong(1, districtId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Arrival.DEFAULT;
                }
                Integer seconds = rs.getObject(2) == null ? null : rs.getInt(2);
                return new Arrival(Arrival.Completeness.valueOf(rs.getString(1).toUpperCase(Locale.ROOT)),
                        seconds == null ? null : Duration.ofSeconds(seconds), rs.getString(3), rs.getInt(4));
            }
        }
    }

    public void save(long districtId, Arrival arrival) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                INSERT INTO drop_arrival (district_id, completeness, stable_seconds, marker_file, keep_days)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (district_id) DO UPDATE SET completeness = excluded.completeness,
                    stable_seconds = excluded.stable_seconds, marker_file = excluded.marker_file,
                    keep_days = excluded.keep_days""")) {
            s.setLong(1, districtId);
            s.setString(2, arrival.completeness().name().toLowerCase(Locale.ROOT));
            s.setObject(3, arrival.stableFor() == null ? null : (int) arrival.stableFor().toSeconds(),
                    java.sql.Types.INTEGER);
            s.setString(4, arrival.markerFile());
            s.setInt(5, arrival.keepDays());
            s.executeUpdate();
        }
    }
}
