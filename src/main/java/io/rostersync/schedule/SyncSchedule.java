package io.rostersync.schedule;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Locale;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Per district: its {@link Schedule} (a district that never set one has {@link Schedule#NEW_DISTRICT}'s). */
public final class SyncSchedule {

    private final JdbcClient jdbc;

    public SyncSchedule(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    public Schedule get(long districtId) {
        return jdbc.sql("SELECT sync_enabled, mode, daily_at, time_zone, paused_until FROM district_schedule"
                + " WHERE district_id = ?").param(districtId)
                .query((rs, n) -> new Schedule(rs.getBoolean(1),
                        Schedule.Mode.valueOf(rs.getString(2).toUpperCase(Locale.ROOT)), rs.getObject(3, LocalTime.class),
                        ZoneId.of(rs.getString(4)), rs.getObject(5, LocalDate.class)))
                .optional().orElse(Schedule.NEW_DISTRICT);
    }

    public void save(long districtId, Schedule schedule) {
        jdbc.sql("""
                INSERT INTO district_schedule (district_id, sync_enabled, mode, daily_at, time_zone, paused_until)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (district_id) DO UPDATE SET sync_enabled = excluded.sync_enabled, mode = excluded.mode,
                    daily_at = excluded.daily_at, time_zone = excluded.time_zone, paused_until = excluded.paused_until""")
                .params(districtId, schedule.syncEnabled(), schedule.mode().name().toLowerCase(Locale.ROOT),
                        schedule.dailyAt(), schedule.zone().getId(), schedule.pausedUntil())
                .update();
    }

    public boolean syncEnabled(long districtId) {
        return get(districtId).syncEnabled();
    }

    public void setSyncEnabled(long districtId, boolean enabled) {
        save(districtId, get(districtId).withSyncEnabled(enabled));
    }
}
