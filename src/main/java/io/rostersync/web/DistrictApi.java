package io.rostersync.web;

import io.rostersync.directory.District;
import io.rostersync.intake.Intakes;
import io.rostersync.schedule.Schedule;
import io.rostersync.schedule.Scheduling;
import io.rostersync.schedule.SyncSchedule;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who the caller is, their district, and its schedule: whether drops are applied or only previewed,
 * synced as they arrive or at a daily time, paused until a date; and "run now".
 */
@RestController
@RequestMapping("/api/v1")
class DistrictApi {

    private static final Set<String> SCHEDULE_FIELDS = Set.of("syncEnabled", "mode", "dailyAt", "timeZone",
            "pausedUntil");

    private final Access access;
    private final Audit audit;
    private final SyncSchedule schedules;
    private final Scheduling scheduling;
    private final Path dataDir;
    private final Clock clock = Clock.systemUTC();

    DistrictApi(Access access, Audit audit, DataSource dataSource, Environment environment) {
        this.access = access;
        this.audit = audit;
        this.schedules = new SyncSchedule(dataSource);
        this.scheduling = new Scheduling(dataSource, clock);
        this.dataDir = Path.of(environment.getRequiredProperty("rostersync.data-dir"));
    }

    @GetMapping("/me")
    Views.Me me(@AuthenticationPrincipal Caller caller) {
        return Views.Me.of(caller);
    }

    @GetMapping("/districts/{district}")
    Views.DistrictView district(@AuthenticationPrincipal Caller caller, @PathVariable String district) {
        District d = access.district(caller, district);
        return new Views.DistrictView(d.slug(), d.name(), schedules.syncEnabled(d.id()));
    }

    @GetMapping("/districts/{district}/schedule")
    Views.ScheduleView schedule(@AuthenticationPrincipal Caller caller, @PathVariable String district) {
        District d = access.district(caller, district);
        return Views.ScheduleView.of(schedules.get(d.id()), clock.instant());
    }

    /**
     * Changes the fields the body names (a JSON merge patch: {@code "pausedUntil": null} ends a
     * pause); the drops that wait get the times the new schedule gives them.
     */
    @PatchMapping("/districts/{district}/schedule")
    Views.ScheduleView changeSchedule(@AuthenticationPrincipal Caller caller, @PathVariable String district,
            @RequestBody Map<String, Object> change) throws SQLException {
        District d = access.districtAdmin(caller, district, "change the sync schedule");
        Schedule before = schedules.get(d.id());
        Schedule after = changed(before, change);
        if (!after.equals(before)) {
            schedules.save(d.id(), after);
            scheduling.reschedule(d.id());
            List<String> what = new ArrayList<>();
            if (after.syncEnabled() != before.syncEnabled()) {
                audit.record(caller, after.syncEnabled() ? "sync.enable" : "sync.disable", "district " + d.slug(),
                        after.syncEnabled() ? "drops are applied from now on" : "drops are only previewed from now on");
            }
            if (after.mode() != before.mode() || !after.dailyAt().equals(before.dailyAt())
                    || !after.zone().equals(before.zone())) {
                what.add(after.mode() == Schedule.Mode.DAILY ? "daily at " + after.dailyAt() + " " + after.zone().getId()
                        : "on arrival");
            }
            if (!java.util.Objects.equals(after.pausedUntil(), before.pausedUntil())) {
                what.add(after.pausedUntil() == null ? "not paused" : "paused until " + after.pausedUntil());
            }
            if (!what.isEmpty()) {
                audit.record(caller, "schedule.change", "district " + d.slug(), String.join("; ", what));
            }
        }
        return Views.ScheduleView.of(after, clock.instant());
    }

    @PostMapping("/districts/{district}/schedule/run-now")
    ResponseEntity<Views.RunNow> runNow(@AuthenticationPrincipal Caller caller, @PathVariable String district)
            throws SQLException, IOException {
        District d = access.districtAdmin(caller, district, "run a sync now");
        List<Intakes.Intake> drops = scheduling.runNow(d.id(), dataDir, caller.name());
        if (drops.isEmpty()) {
            throw ApiProblem.conflict("The district has sent no files yet, so there is nothing to sync.",
                    "Put a OneRoster ZIP in the SFTP folder, or upload one, first.");
        }
        audit.record(caller, "sync.run-now", "district " + d.slug(), "drops " + drops.stream()
                .map(i -> Long.toString(i.id())).toList());
        boolean rerun = drops.size() == 1 && drops.get(0).channel().equals("rerun");
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new Views.RunNow(
                drops.stream().map(Views.DropView::of).toList(),
                (rerun ? "Nothing was waiting: the latest drop is synced again" : "The waiting drops are synced")
                        + " within seconds, " + (schedules.syncEnabled(d.id()) ? "and applied." : "as previews"
                        + " (the district's sync is disabled).")));
    }

    private static Schedule changed(Schedule s, Map<String, Object> change) {
        ApiProblem.onlyFields(change, SCHEDULE_FIELDS, "The schedule");
        boolean enabled = s.syncEnabled();
        Schedule.Mode mode = s.mode();
        LocalTime dailyAt = s.dailyAt();
        ZoneId zone = s.zone();
        LocalDate pausedUntil = s.pausedUntil();
        try {
            if (change.containsKey("syncEnabled")) {
                if (!(change.get("syncEnabled") instanceof Boolean b)) {
                    throw ApiProblem.invalid("syncEnabled is true or false.", "Send {\"syncEnabled\": true}.");
                }
                enabled = b;
            }
            if (change.containsKey("mode")) {
                String value = String.valueOf(change.get("mode"));
                if (!value.equals("on_arrival") && !value.equals("daily")) {
                    throw ApiProblem.invalid("No schedule mode '" + value + "'.", "Use on_arrival or daily.");
                }
                mode = Schedule.Mode.valueOf(value.toUpperCase(Locale.ROOT));
            }
            if (change.containsKey("dailyAt")) {
                dailyAt = LocalTime.parse(String.valueOf(change.get("dailyAt")));
            }
            if (change.containsKey("timeZone")) {
                zone = ZoneId.of(String.valueOf(change.get("timeZone")));
            }
            if (change.containsKey("pausedUntil")) {
                Object value = change.get("pausedUntil");
                pausedUntil = value == null ? null : LocalDate.parse(String.valueOf(value));
            }
        } catch (DateTimeException e) {
            throw ApiProblem.invalid("The schedule cannot use that: " + e.getMessage(), "dailyAt is HH:MM (24 h),"
                    + " timeZone a zone such as America/Chicago, pausedUntil a date YYYY-MM-DD (null: no pause).");
        }
        return new Schedule(enabled, mode, dailyAt, zone, pausedUntil);
    }
}
