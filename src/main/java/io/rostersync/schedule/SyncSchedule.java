package io.rostersync.schedule;

import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Per district: whether its drops are applied, or only validated and previewed (a new district's are). */
public final class SyncSchedule {

    private final JdbcClient jdbc;

    public SyncSchedule(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    public boolean syncEnabled(long districtId) {
        return jdbc.sql("SELECT sync_enabled FROM district_schedule WHERE district_id = ?").param(districtId)
                .query(Boolean.class).optional().orElse(false);
    }

    public void setSyncEnabled(long districtId, boolean enabled) {
        jdbc.sql("INSERT INTO district_schedule (district_id, sync_enabled) VALUES (?, ?)"
                + " ON CONFLICT (district_id) DO UPDATE SET sync_enabled = excluded.sync_enabled")
                .params(districtId, enabled).update();
    }
}
