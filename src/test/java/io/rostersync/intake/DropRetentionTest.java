package io.rostersync.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.rostersync.directory.Districts;
import io.rostersync.storage.Database;
import io.rostersync.storage.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kept drops stay as long as their district says: older ones lose their files (the row, with names,
 * sizes and SHA-256, stays), except the district's latest read drop and drops not read yet.
 */
@Tag("database")
class DropRetentionTest {

    private static Database db;

    @TempDir
    Path dataDir;

    @BeforeAll
    static void setUp() {
        db = TestDatabases.fresh("retention");
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    @Test
    void dropsPastTheDistrictsRetentionLoseTheirFilesButNotTheirHistory() throws Exception {
        Intakes intakes = new Intakes(db.dataSource());
        long thirty = new Districts(db.dataSource()).findOrCreate("keeps-30-days").id();
        long byDefault = new Districts(db.dataSource()).findOrCreate("keeps-90-days").id();
        new DropArrivals(db.dataSource()).save(thirty, new Arrival(Arrival.Completeness.STABLE, null, "ready.txt", 30));

        Intakes.Intake old = drop(intakes, thirty, "old", 40, "synced");
        Intakes.Intake failedOld = drop(intakes, thirty, "failed", 35, "failed");
        Intakes.Intake keptCopy = intakes.keepOnlyWhatIsNeeded(drop(intakes, thirty, "kept", 33, "synced"),
                io.rostersync.TestSecrets.BOX.birthDateKey(thirty));
        Intakes.Intake latestRead = drop(intakes, thirty, "latest", 31, "previewed");
        Intakes.Intake waiting = drop(intakes, thirty, "waiting", 45, "received");
        Intakes.Intake running = drop(intakes, thirty, "running", 50, "running");
        Intakes.Intake recent = drop(intakes, byDefault, "recent", 40, "synced");
        Intakes.Intake newest = drop(intakes, byDefault, "newest", 1, "synced");

        assertThat(keptCopy.path().getFileName().toString()).isEqualTo("kept");
        assertThat(intakes.purgeExpired(dataDir, Instant.now(), 100)).isEqualTo(3);
        assertThat(keptCopy.path().getParent()).as("the drop's own folder, with its kept copy").doesNotExist();

        for (Intakes.Intake purged : List.of(old, failedOld)) {
            Intakes.Intake after = intakes.find(thirty, purged.id()).orElseThrow();
            assertThat(after.purgedAt()).isNotNull();
            assertThat(after.files()).containsExactly("users.csv");
            assertThat(after.sha256()).isEqualTo(purged.sha256());
            assertThat(purged.path()).doesNotExist();
        }
        for (Intakes.Intake kept : List.of(latestRead, waiting, running, recent, newest)) {
            assertThat(intakes.find(kept.districtId(), kept.id()).orElseThrow().purgedAt()).isNull();
            assertThat(kept.path().resolve("users.csv")).exists();
        }
        assertThat(intakes.purgeExpired(dataDir, Instant.now(), 100)).as("once").isZero();
        assertThat(intakes.purgeExpired(dataDir, Instant.now().plus(Duration.ofDays(60)), 100))
                .as("90 days on: the default district's older drop too, never a latest read one").isEqualTo(1);
        assertThat(intakes.find(byDefault, recent.id()).orElseThrow().purgedAt()).isNotNull();
        assertThat(intakes.find(byDefault, newest.id()).orElseThrow().purgedAt()).isNull();
    }

    /** A drop of one file, received {@code daysAgo}, in the given state. */
    private Intakes.Intake drop(Intakes intakes, long district, String content, int daysAgo, String status)
            throws Exception {
        Path folder = DropFolder.create(dataDir, district);
        Files.writeString(folder.resolve("users.csv"), "sourcedId\n" + content + "\n");
        Intakes.Intake drop = DropFolder.record(intakes, district, "upload", folder, List.of("users.csv"));
        try (Connection c = db.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(
                "UPDATE intake SET received_at = now() - ? * interval '1 day', status = ? WHERE district_id = ? AND id = ?")) {
            s.setInt(1, daysAgo);
            s.setString(2, status);
            s.setLong(3, district);
            s.setLong(4, drop.id());
            s.executeUpdate();
        }
        return intakes.find(district, drop.id()).orElseThrow();
    }
}
