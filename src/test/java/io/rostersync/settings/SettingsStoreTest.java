package io.rostersync.settings;

import io.rostersync.directory.EntityKind;
import static org.assertj.core.api.Assertions.assertThat;

import io.rostersync.storage.Database;
import io.rostersync.storage.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("database")
class SettingsStoreTest {

    private static Database db;
    private static long districtId;

    @BeforeAll
    static void database() throws Exception {
        db = TestDatabases.fresh("settings");
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("INSERT INTO district (slug, name) VALUES ('elm', 'Elm') RETURNING id")) {
            rs.next();
            districtId = rs.getLong(1);
        }
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    @Test
    void aDistrictThatChangedNothingHasTheDefaults() {
        assertThat(new SettingsStore(db.dataSource()).load(districtId)).isEqualTo(SyncSettings.defaults());
    }

    @Test
    void whatIsSavedIsLoadedBackUnchanged() {
        SettingsStore store = new SettingsStore(db.dataSource());
        SyncSettings changed = SyncSettings.defaults()
                .withSchoolsThatSync(Set.of(3L, 5L))
                .withGracePeriod(Duration.ofDays(14))
                .withThreshold(EntityKind.CLASSROOMS, new Threshold(25.5, 20));
        store.save(districtId, changed);
        assertThat(store.load(districtId)).isEqualTo(changed);
        store.save(districtId, SyncSettings.defaults());
        assertThat(store.load(districtId)).isEqualTo(SyncSettings.defaults());
    }
}
