package io.rostersync.web;

import io.rostersync.directory.District;
import io.rostersync.schedule.SyncSchedule;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who the caller is, their district, and its schedule (whether drops are applied or only previewed). */
@RestController
@RequestMapping("/api/v1")
class DistrictApi {

    private final Access access;
    private final Audit audit;
    private final SyncSchedule schedule;

    DistrictApi(Access access, Audit audit, DataSource dataSource) {
        this.access = access;
        this.audit = audit;
        this.schedule = new SyncSchedule(dataSource);
    }

    @GetMapping("/me")
    Views.Me me(@AuthenticationPrincipal Caller caller) {
        return Views.Me.of(caller);
    }

    @GetMapping("/districts/{district}")
    Views.DistrictView district(@AuthenticationPrincipal Caller caller, @PathVariable String district) {
        District d = access.district(caller, district);
        return new Views.DistrictView(d.slug(), d.name(), schedule.syncEnabled(d.id()));
    }

    @GetMapping("/districts/{district}/schedule")
    Views.ScheduleView schedule(@AuthenticationPrincipal Caller caller, @PathVariable String district) {
        District d = access.district(caller, district);
        return new Views.ScheduleView(schedule.syncEnabled(d.id()));
    }

    @PatchMapping("/districts/{district}/schedule")
    Views.ScheduleView changeSchedule(@AuthenticationPrincipal Caller caller, @PathVariable String district,
            @RequestBody Views.ScheduleChange change) throws SQLException {
        District d = access.districtAdmin(caller, district, "change the sync schedule");
        if (change.syncEnabled() != null && change.syncEnabled() != schedule.syncEnabled(d.id())) {
            schedule.setSyncEnabled(d.id(), change.syncEnabled());
            audit.record(caller, change.syncEnabled() ? "sync.enable" : "sync.disable", "district " + d.slug(),
                    change.syncEnabled() ? "drops are applied from now on" : "drops are only previewed from now on");
        }
        return new Views.ScheduleView(schedule.syncEnabled(d.id()));
    }
}
