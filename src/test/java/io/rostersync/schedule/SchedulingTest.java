package io.rostersync.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.rostersync.TestClock;
import io.rostersync.directory.Districts;
import io.rostersync.generator.GeneratorOptions;
import io.rostersync.generator.RosterGenerator;
import io.rostersync.intake.Intakes;
import io.rostersync.storage.Database;
import io.rostersync.storage.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drops wait for their district's schedule: the daily time, the end of a pause; a change of schedule
 * moves the drops that wait; "run now" syncs them at once, or sends the latest drop again.
 */
@Tag("database")
class SchedulingTest {

    private static Database db;
    private static Path roster;

    @TempDir
    static Path work;

    @TempDir
    Path dataDir;

    /**
     * Starts a minute after the real time: the database stamps drops with its own clock, and a drop
     * due as it arrives must be due by this one.
     */
    private final TestClock clock = new TestClock(Instant.now().plus(Duration.ofMinutes(1)));

    @BeforeAll
    static void setUp() throws Exception {
        db = TestDatabases.fresh("scheduling");
        roster = RosterGenerator.generate(GeneratorOptions.of(60), work.resolve("roster.zip")).output();
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    private Intakes.Intake send(long district, String sha) throws Exception {
        Path folder = Files.createDirectories(dataDir.resolve("drop-" + sha));
        Files.copy(roster, folder.resolve("roster.zip"));
        return new Intakes(db.dataSource()).record(district, "upload", List.of("roster.zip"), Files.size(roster), sha,
                folder);
    }

    private String status(Intakes.Intake drop) throws Exception {
        return new Intakes(db.dataSource()).find(drop.districtId(), drop.id()).orElseThrow().status();
    }

    @Test
    void aDailyDistrictsDropWaitsForItsTimeAndAChangeOfScheduleMovesIt() throws Exception {
        long district = new Districts(db.dataSource()).findOrCreate("daily").id();
        LocalTime inTwoHours = LocalTime.ofInstant(clock.instant().plus(Duration.ofHours(2)), ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.MINUTES);
        SyncSchedule schedules = new SyncSchedule(db.dataSource());
        schedules.save(district, new Schedule(false, Schedule.Mode.DAILY, inTwoHours, ZoneOffset.UTC, null));
        Intakes.Intake first = send(district, "daily-1");
        DropRunner runner = new DropRunner(db.dataSource(), io.rostersync.TestSecrets.BOX, clock);

        new Scheduling(db.dataSource(), clock).assign();
        assertThat(runner.runWaiting()).as("before the daily time").isZero();
        assertThat(status(first)).isEqualTo("received");
        clock.advance(Duration.ofHours(1));
        assertThat(runner.runWaiting()).isZero();
        clock.advance(Duration.ofHours(1).plusMinutes(1));
        assertThat(runner.runWaiting()).as("the daily time has come").isEqualTo(1);
        assertThat(status(first)).isEqualTo("previewed");

        // the next drop is stamped by the database's clock, hours before this test's: its daily time is later
        Intakes.Intake second = send(district, "daily-2");
        LocalTime later = LocalTime.ofInstant(clock.instant().plus(Duration.ofHours(1)), ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.MINUTES);
        schedules.save(district, new Schedule(false, Schedule.Mode.DAILY, later, ZoneOffset.UTC, null));
        new Scheduling(db.dataSource(), clock).reschedule(district);
        assertThat(runner.runWaiting()).as("the new daily time has not come").isZero();
        schedules.save(district, schedules.get(district).withMode(Schedule.Mode.ON_ARRIVAL));
        new Scheduling(db.dataSource(), clock).reschedule(district);
        assertThat(runner.runWaiting()).as("on arrival now").isEqualTo(1);
        assertThat(status(second)).isEqualTo("previewed");
    }

    @Test
    void aPausedDistrictsDropsWaitUntilThePauseEndsOrAnAdminRunsThemNow() throws Exception {
        long district = new Districts(db.dataSource()).findOrCreate("paused").id();
        LocalDate inTwoDays = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(2);
        new SyncSchedule(db.dataSource()).save(district,
                new Schedule(false, Schedule.Mode.ON_ARRIVAL, LocalTime.of(2, 0), ZoneOffset.UTC, inTwoDays));
        Intakes.Intake first = send(district, "paused-1");
        Intakes.Intake second = send(district, "paused-2");
        DropRunner runner = new DropRunner(db.dataSource(), io.rostersync.TestSecrets.BOX, clock);
        assertThat(runner.runWaiting()).isZero();
        clock.advance(Duration.ofDays(1));
        assertThat(runner.runWaiting()).as("still paused").isZero();

        List<Intakes.Intake> now = new Scheduling(db.dataSource(), clock).runNow(district, dataDir, "an admin");
        assertThat(now).extracting(Intakes.Intake::id).containsExactly(first.id(), second.id());
        assertThat(runner.runWaiting()).as("both, in order").isEqualTo(2);
        assertThat(status(first)).isEqualTo("previewed");
        assertThat(status(second)).isEqualTo("previewed");
    }

    @Test
    void runNowWithNothingWaitingSendsTheLatestDropAgain() throws Exception {
        long district = new Districts(db.dataSource()).findOrCreate("rerun").id();
        Scheduling scheduling = new Scheduling(db.dataSource(), clock);
        assertThat(scheduling.runNow(district, dataDir, "an admin")).as("nothing ever sent").isEmpty();
        Intakes.Intake sent = send(district, "rerun-1");
        DropRunner runner = new DropRunner(db.dataSource(), io.rostersync.TestSecrets.BOX, clock);
        assertThat(runner.runWaiting()).isEqualTo(1);

        List<Intakes.Intake> again = scheduling.runNow(district, dataDir, "an admin");
        assertThat(again).singleElement().satisfies(drop -> {
            assertThat(drop.channel()).isEqualTo("rerun");
            assertThat(drop.status()).as("not skipped for being the same bytes").isEqualTo("received");
            assertThat(drop.sha256()).isEqualTo(sent.sha256());
            assertThat(drop.path()).isNotEqualTo(sent.path());
            assertThat(drop.detail()).contains("an admin", "drop " + sent.id());
        });
        assertThat(runner.runWaiting()).isEqualTo(1);
        assertThat(status(again.get(0))).isEqualTo("previewed");
    }
}
