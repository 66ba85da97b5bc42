package io.rostersync.settings;

import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** Loads and saves a district's sync settings; a district that never changed them has the defaults. */
public final class SettingsStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    public SettingsStore(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    public SyncSettings load(long districtId) {
        return jdbc.sql("SELECT settings::text FROM district_settings WHERE district_id = ?").param(districtId)
                .query(String.class).optional()
                .map(json -> JSON.readValue(json, SyncSettings.class))
                .orElseGet(SyncSettings::defaults);
    }

    /** Whether an admin saved the district's settings (reviewed them), rather than its running on the defaults. */
    public boolean saved(long districtId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM district_settings WHERE district_id = ?)").param(districtId)
                .query(Boolean.class).single();
    }

    public void save(long districtId, SyncSettings settings) {
        // one statement: what the last sync planned under the old settings no longer says what the
        // next one should do, so the district's directory epoch moves with the settings
        jdbc.sql("""
                WITH saved AS (
                    INSERT INTO district_settings (district_id, settings) VALUES (?, ?::jsonb)
                    ON CONFLICT (district_id) DO UPDATE SET settings = excluded.settings, updated_at = now()
                    RETURNING district_id)
                UPDATE district SET directory_epoch = directory_epoch + 1, directory_changed_at = now()
                WHERE id IN (SELECT district_id FROM saved)
                """).params(districtId, JSON.writeValueAsString(settings)).update();
    }
}
