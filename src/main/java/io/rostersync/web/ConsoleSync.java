package io.rostersync.web;

import io.rostersync.directory.District;
import io.rostersync.intake.Intakes;
import io.rostersync.settings.SyncSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.core.env.Environment;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Steps 5 and 7 of the setup in the console: the sync settings; enabling the sync and running it now. */
@Controller
class ConsoleSync {

    private final Access access;
    private final Audit audit;
    private final Intakes intakes;
    private final io.rostersync.schedule.SyncSchedule schedules;
    private final io.rostersync.schedule.Scheduling scheduling;
    private final io.rostersync.settings.SettingsStore settingsStore;
    private final io.rostersync.directory.DirectoryReads directory;
    private final Path dataDir;

    private final SelfCheck selfCheck;

    private final io.rostersync.accounts.SingleSignOn sso;
    private final io.rostersync.accounts.AdminSignIns adminSignIns;
    private final io.rostersync.accounts.AdminAccounts adminAccounts;

    ConsoleSync(Access access, Audit audit, DataSource dataSource, Environment environment, SelfCheck selfCheck,
            io.rostersync.accounts.SingleSignOn sso) {
        this.sso = sso;
        this.adminSignIns = new io.rostersync.accounts.AdminSignIns(dataSource);
        this.adminAccounts = new io.rostersync.accounts.AdminAccounts(dataSource);
        this.access = access;
        this.selfCheck = selfCheck;
        this.audit = audit;
        this.intakes = new Intakes(dataSource);
        this.schedules = new io.rostersync.schedule.SyncSchedule(dataSource);
        this.scheduling = new io.rostersync.schedule.Scheduling(dataSource, java.time.Clock.systemUTC());
        this.settingsStore = new io.rostersync.settings.SettingsStore(dataSource);
        this.directory = new io.rostersync.directory.DirectoryReads(dataSource);
        this.dataDir = Path.of(environment.getRequiredProperty("rostersync.data-dir"));
    }

    /** Step 5: every setting of the engine, each with a sentence on what it does. */
    @GetMapping("/console/settings")
    String settings(@AuthenticationPrincipal Caller caller, Model model) throws SQLException {
        District d = access.districtAdmin(caller, caller.district(), "change the sync settings");
        SyncSettings current = settingsStore.load(d.id());
        model.addAttribute("settings", current);
        model.addAttribute("graceDays", current.gracePeriod().toDays());
        model.addAttribute("schools", directory.schools(d.id()).stream()
                .filter(x -> x.state() != io.rostersync.directory.RecordState.ARCHIVED).toList());
        model.addAttribute("roles", List.of(SyncSettings.SyncedRole.values()));
        model.addAttribute("rules", List.of(SyncSettings.PersonMatchRule.values()));
        model.addAttribute("ruleNames", Map.of(SyncSettings.PersonMatchRule.SOURCED_ID,
                "The OneRoster sourcedId (a record linked before)", SyncSettings.PersonMatchRule.STUDENT_NUMBER,
                "The student number (students)", SyncSettings.PersonMatchRule.EMAIL, "The email address"));
        model.addAttribute("kinds", List.of(io.rostersync.directory.EntityKind.values()));
        model.addAttribute("ssoProviders", sso.all(d.id()));
        model.addAttribute("ssoPage", "/sso/" + d.slug());
        model.addAttribute("adminLinks", adminSignIns.all(d.id()));
        model.addAttribute("admins", adminAccounts.list(d.id()).stream().filter(a -> !a.disabled()).toList());
        return ConsolePages.page(model, caller, d, "settings");
    }

    @PostMapping("/console/settings")
    String saveSettings(@AuthenticationPrincipal Caller caller,
            @RequestParam Map<String, String> form, @RequestParam(name = "schools", required = false) List<Long> chosen,
            @RequestParam(name = "roles", required = false) List<SyncSettings.SyncedRole> roles,
            @RequestParam(name = "matchRules", required = false) List<SyncSettings.PersonMatchRule> rules)
            throws SQLException {
        District d = access.districtAdmin(caller, caller.district(), "change the sync settings");
        SyncSettings before = settingsStore.load(d.id());
        SyncSettings after;
        try {
            java.util.Set<Long> ours = new java.util.HashSet<>();
            directory.schools(d.id()).forEach(x -> ours.add(x.id()));
            List<Long> schoolsThatSync = chosen == null ? List.of() : chosen;
            if (!ours.containsAll(schoolsThatSync)) {
                throw ApiProblem.notFound("School");
            }
            Map<io.rostersync.directory.EntityKind, io.rostersync.settings.Threshold> thresholds =
                    new java.util.EnumMap<>(io.rostersync.directory.EntityKind.class);
            for (io.rostersync.directory.EntityKind kind : io.rostersync.directory.EntityKind.values()) {
                io.rostersync.settings.Threshold old = before.threshold(kind);
                String percent = form.get("percent-" + kind);
                String absolute = form.get("absolute-" + kind);
                thresholds.put(kind, new io.rostersync.settings.Threshold(
                        percent == null || percent.isBlank() ? old.percent() : Double.parseDouble(percent),
                        absolute == null || absolute.isBlank() ? old.absolute() : Integer.parseInt(absolute)));
            }
            long graceDays = Long.parseLong(form.getOrDefault("graceDays", "0").isBlank() ? "0" : form.get("graceDays"));
            if (graceDays < 0 || graceDays > 365) {
                throw new IllegalArgumentException("the grace period is 0 to 365 days");
            }
            after = new SyncSettings(new java.util.HashSet<>(schoolsThatSync),
                    roles == null ? java.util.Set.of() : java.util.EnumSet.copyOf(roles),
                    SyncSettings.GuardianWithoutContact.valueOf(form.getOrDefault("guardiansWithoutContact",
                            before.guardiansWithoutContact().name())),
                    "true".equals(form.get("restoreClassrooms")), "true".equals(form.get("updateSignedInContacts")),
                    SyncSettings.StudentNumber.valueOf(form.getOrDefault("studentNumber",
                            before.studentNumber().name())),
                    rules == null ? List.of() : java.util.Arrays.stream(SyncSettings.PersonMatchRule.values())
                            .filter(rules::contains).toList(),
                    SyncSettings.Leavers.valueOf(form.getOrDefault("leavers", before.leavers().name())),
                    java.time.Duration.ofDays(graceDays), thresholds, "true".equals(form.get("applyWhenHeld")),
                    "true".equals(form.get("overwriteHandEdits")));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid("The settings cannot use that: " + e.getMessage() + ".",
                    "Go back, correct the value and save again.");
        }
        List<String> changed = new java.util.ArrayList<>();
        for (java.lang.reflect.RecordComponent c : SyncSettings.class.getRecordComponents()) {
            try {
                if (!java.util.Objects.equals(c.getAccessor().invoke(before), c.getAccessor().invoke(after))) {
                    changed.add(c.getName());
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        if (!changed.isEmpty() || !settingsStore.saved(d.id())) { // saved unchanged: reviewed (step 5 done)
            settingsStore.save(d.id(), after);
            audit.record(caller, "settings.change", "district " + d.slug(), changed.isEmpty()
                    ? "reviewed, kept as they were" : "changed: " + String.join(", ", changed));
        }
        return "redirect:/console/settings?saved";
    }

    /** Step 7: whether drops are applied, the schedule, and "run now". */
    @GetMapping("/console/sync")
    String sync(@AuthenticationPrincipal Caller caller, Model model) throws SQLException {
        District d = access.districtAdmin(caller, caller.district(), "enable and launch the sync");
        model.addAttribute("schedule", schedules.get(d.id()));
        model.addAttribute("latest", intakes.list(d.id(), 1).stream().findFirst().orElse(null));
        if (!schedules.syncEnabled(d.id())) {
            SelfCheck.Result check = selfCheck.check(d);
            model.addAttribute("blocking", check.blocking());
            model.addAttribute("checked", check.impact().isPresent());
        }
        return ConsolePages.page(model, caller, d, "sync");
    }

    @PostMapping("/console/sync/enabled")
    String enable(@AuthenticationPrincipal Caller caller, @RequestParam boolean enabled) throws SQLException {
        District d = access.districtAdmin(caller, caller.district(), enabled ? "enable the sync" : "disable the sync");
        if (schedules.syncEnabled(d.id()) != enabled) {
            schedules.setSyncEnabled(d.id(), enabled);
            scheduling.reschedule(d.id());
            audit.record(caller, enabled ? "sync.enable" : "sync.disable", "district " + d.slug(),
                    enabled ? "drops are applied from now on" : "drops are only previewed from now on");
        }
        return "redirect:/console/sync";
    }

    /** Runs the waiting drops now (or the latest again), and shows the first of them being read. */
    @PostMapping("/console/sync/run-now")
    String runNow(@AuthenticationPrincipal Caller caller) throws SQLException, IOException {
        District d = access.districtAdmin(caller, caller.district(), "run a sync now");
        List<Intakes.Intake> drops = scheduling.runNow(d.id(), dataDir, caller.name());
        if (drops.isEmpty()) {
            throw ApiProblem.conflict("The district has sent no files yet, so there is nothing to sync.",
                    "Upload the files, or have the SIS send them by SFTP, first.");
        }
        audit.record(caller, "sync.run-now", "district " + d.slug(), "drops " + drops.stream()
                .map(i -> Long.toString(i.id())).toList() + " (console)");
        return "redirect:/console/drops/" + drops.get(0).id();
    }
}
