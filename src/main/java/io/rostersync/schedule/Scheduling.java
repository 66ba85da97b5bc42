package io.rostersync.schedule;

import io.rostersync.intake.Intakes;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * When each waiting drop is synced: a drop gets its time from its district's {@link Schedule} once it
 * is received; a change of schedule moves the times of the drops that wait; "run now" makes them
 * due at once, or, with nothing waiting, sends the district's latest drop again.
 */
public final class Scheduling {

    private final Intakes intakes;
    private final SyncSchedule schedules;
    private final Clock clock;

    public Scheduling(DataSource dataSource, Clock clock) {
        this.intakes = new Intakes(dataSource);
        this.schedules = new SyncSchedule(dataSource);
        this.clock = clock;
    }

    /** Gives each drop that has no time yet the one its district's schedule gives it; returns how many. */
    public int assign() throws SQLException {
        Map<Long, Schedule> byDistrict = new HashMap<>();
        int assigned = 0;
        for (Intakes.Intake drop : intakes.waiting(null)) {
            if (drop.notBefore() == null) {
                Schedule schedule = byDistrict.computeIfAbsent(drop.districtId(), schedules::get);
                intakes.release(drop, schedule.notBefore(drop.receivedAt()));
                assigned++;
            }
        }
        return assigned;
    }

    /** After the district's schedule changed: its waiting drops get the times the new one gives them. */
    public void reschedule(long districtId) throws SQLException {
        Schedule schedule = schedules.get(districtId);
        for (Intakes.Intake drop : intakes.waiting(districtId)) {
            intakes.release(drop, schedule.notBefore(drop.receivedAt()));
        }
    }

    /**
     * Syncs the district now, whatever its schedule or pause says: the drops that wait become due; with
     * none waiting, the latest drop that was read is sent again (after a change of settings, say).
     *
     * @return the drops that will now be synced; empty when the district never sent one
     */
    public List<Intakes.Intake> runNow(long districtId, Path dataDir, String actor) throws SQLException, IOException {
        Instant now = clock.instant();
        List<Intakes.Intake> waiting = intakes.waiting(districtId);
        if (!waiting.isEmpty()) {
            for (Intakes.Intake drop : waiting) {
                intakes.release(drop, now);
            }
            return intakes.waiting(districtId);
        }
        Optional<Intakes.Intake> latest = intakes.latestRead(districtId);
        if (latest.isEmpty()) {
            return List.of();
        }
        return List.of(intakes.rerun(latest.get(), dataDir, now,
                "run now by " + actor + ": the files of drop " + latest.get().id() + " again"));
    }
}
