package io.rostersync.web;

import io.rostersync.directory.District;
import io.rostersync.intake.Intakes;
import io.rostersync.intake.ManualUploads;
import io.rostersync.oneroster.Problem;
import io.rostersync.sync.RunReport;
import io.rostersync.settings.SyncSettings;
import io.rostersync.sync.Syncs;
import io.rostersync.web.console.ConsoleUser;
import io.rostersync.web.console.ProblemGroup;
import io.rostersync.web.console.SetupStep;
import io.rostersync.web.console.When;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * The admin console's pages: sign-in, the setup checklist, the upload, the drops and each drop's
 * report. Pages are rendered on the server; htmx refreshes the parts that change (a drop being
 * read). Every page checks the signed-in admin through {@link Access}, like the API.
 */
@Controller
class ConsoleController {

    private final Access access;
    private final Audit audit;
    private final SetupChecklist checklist;
    private final Intakes intakes;
    private final Syncs syncs;
    private final ManualUploads uploads;
    private final SchoolMatching schools;
    private final io.rostersync.schedule.SyncSchedule schedules;
    private final io.rostersync.schedule.Scheduling scheduling;
    private final Path dataDir;
    private final io.rostersync.accounts.AuditTrail trail;
    private final io.rostersync.settings.SettingsStore settingsStore;
    private final io.rostersync.directory.DirectoryReads directory;

    ConsoleController(Access access, Audit audit, SetupChecklist checklist, SchoolMatching schools,
            DataSource dataSource, Environment environment) {
        this.access = access;
        this.audit = audit;
        this.checklist = checklist;
        this.schools = schools;
        this.schedules = new io.rostersync.schedule.SyncSchedule(dataSource);
        this.scheduling = new io.rostersync.schedule.Scheduling(dataSource, java.time.Clock.systemUTC());
        this.dataDir = Path.of(environment.getRequiredProperty("rostersync.data-dir"));
        this.trail = new io.rostersync.accounts.AuditTrail(dataSource);
        this.settingsStore = new io.rostersync.settings.SettingsStore(dataSource);
        this.directory = new io.rostersync.directory.DirectoryReads(dataSource);
        this.intakes = new Intakes(dataSource);
        this.syncs = new Syncs(dataSource);
        this.uploads = new ManualUploads(Path.of(environment.getRequiredProperty("rostersync.data-dir")), intakes,
                environment.getProperty("rostersync.upload.max-size", DataSize.class, DataSize.ofGigabytes(2))
                        .toBytes());
    }

    @GetMapping("/")
    String root() {
        return "redirect:/console";
    }

    @GetMapping("/console/sign-in")
    String signIn() {
        return "console/sign-in";
    }

    @GetMapping("/console")
    String setup(@AuthenticationPrincipal Caller caller, Model model) throws SQLException {
        District d = access.district(caller, caller.district());
        List<SetupStep> steps = checklist.steps(d);
        model.addAttribute("steps", steps);
        model.addAttribute("done", steps.stream().filter(s -> s.status() == SetupStep.Status.DONE).count());
        return page(model, caller, d, "setup");
    }

    @GetMapping("/console/upload")
    String upload(@AuthenticationPrincipal Caller caller, Model model) throws SQLException {
        District d = access.districtAdmin(caller, caller.district(), "upload files");
        return page(model, caller, d, "upload");
    }

    /**
     * The upload form's files, as one drop. The page's script sends them with a progress bar and
     * asks for JSON; the plain form (no script) is sent on to the drop's page.
     */
    @PostMapping(path = "/console/upload", consumes = "multipart/form-data")
    Object receive(@AuthenticationPrincipal Caller caller, @RequestParam("file") List<MultipartFile> files,
            HttpServletRequest request) throws SQLException, IOException {
        District d = access.districtAdmin(caller, caller.district(), "upload files");
        Intakes.Intake drop;
        try {
            drop = UploadsApi.receive(uploads, d.id(), files);
        } catch (ManualUploads.RefusedUploadException e) {
            if ("fetch".equals(request.getHeader("X-Requested-With"))) {
                return ResponseEntity.status(e.tooLarge() ? HttpStatus.CONTENT_TOO_LARGE : HttpStatus.BAD_REQUEST)
                        .body(Map.of("message", e.getMessage()));
            }
            throw ApiProblem.invalid(e.getMessage(), "Choose one OneRoster ZIP, or its CSV files.");
        }
        audit.record(caller, "drop.upload", "drop " + drop.id(), String.join(", ", drop.files()) + " ("
                + drop.bytes() + " bytes, console)" + (drop.status().equals("skipped") ? ", skipped: "
                        + drop.detail() : ""));
        String location = "/console/drops/" + drop.id();
        if ("fetch".equals(request.getHeader("X-Requested-With"))) {
            return ResponseEntity.ok(Map.of("location", location));
        }
        return "redirect:" + location;
    }

    /** Step 3: the schools of the latest drop beside ours, to match by School ID or create. */
    @GetMapping("/console/schools")
    String schools(@AuthenticationPrincipal Caller caller, Model model) throws SQLException, IOException {
        District d = access.districtAdmin(caller, caller.district(), "match the schools");
        Optional<List<io.rostersync.oneroster.Org>> latest = schools.latestSchools(d);
        model.addAttribute("sent", latest.isPresent());
        model.addAttribute("rows", latest.isPresent() ? schools.rows(d, latest.get()) : List.of());
        model.addAttribute("ours", schools.unmatched(d));
        return page(model, caller, d, "schools");
    }

    /** Matches one of our schools to a OneRoster school of the latest drop (or, with no school, creates it). */
    @PostMapping("/console/schools/match")
    String matchSchool(@AuthenticationPrincipal Caller caller, @RequestParam String org,
            @RequestParam(required = false) Long school) throws SQLException, IOException {
        District d = access.districtAdmin(caller, caller.district(), "match the schools");
        io.rostersync.oneroster.Org source = schools.latestSchools(d).orElse(List.of()).stream()
                .filter(o -> o.sourcedId().equals(org)).findFirst()
                .orElseThrow(() -> ApiProblem.notFound("OneRoster school '" + org + "' in the latest files"));
        boolean alreadyMatched = schools.rows(d, List.of(source)).get(0).matched();
        if (alreadyMatched) {
            throw ApiProblem.conflict("The OneRoster school " + source.name() + " is matched already.",
                    "Reload the page: someone matched it meanwhile.");
        }
        try {
            if (school == null) {
                long created = schools.create(d, source);
                audit.record(caller, "school.create", "school " + created, source.name() + " with School ID "
                        + source.sourcedId());
            } else {
                io.rostersync.directory.DirectorySchool ours = schools.unmatched(d).stream()
                        .filter(s -> s.id() == school).findFirst()
                        .orElseThrow(() -> ApiProblem.notFound("School " + school + " without a School ID"));
                schools.match(d, source, ours);
                audit.record(caller, "school.match", "school " + ours.id(), ours.name() + " is " + source.name()
                        + " (School ID " + source.sourcedId() + ")");
            }
        } catch (io.rostersync.directory.DirectoryStore.DistrictBusyException e) {
            throw ApiProblem.conflict("A sync of the district is running.", "Try again when it has finished.");
        }
        return "redirect:/console/schools";
    }

    /** Step 7: whether drops are applied, the schedule, and "run now". */
    @GetMapping("/console/sync")
    String sync(@AuthenticationPrincipal Caller caller, Model model) throws SQLException {
        District d = access.districtAdmin(caller, caller.district(), "enable and launch the sync");
        model.addAttribute("schedule", schedules.get(d.id()));
        model.addAttribute("latest", intakes.list(d.id(), 1).stream().findFirst().orElse(null));
        return page(model, caller, d, "sync");
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
        return page(model, caller, d, "settings");
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

    /** The district's audit trail, a page of 50 at a time, newest first (district admins only). */
    @GetMapping("/console/audit")
    String audit(@AuthenticationPrincipal Caller caller, @RequestParam(required = false) Long before, Model model)
            throws SQLException {
        District d = access.districtAdmin(caller, caller.district(), "read the audit trail");
        List<io.rostersync.accounts.AuditEvent> events = trail.list(d.id(), before, AUDIT_PAGE + 1);
        model.addAttribute("events", events.subList(0, Math.min(AUDIT_PAGE, events.size())));
        model.addAttribute("before", before);
        model.addAttribute("next", events.size() > AUDIT_PAGE ? events.get(AUDIT_PAGE - 1).id() : null);
        return page(model, caller, d, "audit");
    }

    private static final int AUDIT_PAGE = 50;

    @GetMapping("/console/drops")
    String drops(@AuthenticationPrincipal Caller caller, Model model) throws SQLException {
        District d = access.districtAdmin(caller, caller.district(), "read the drops");
        model.addAttribute("drops", intakes.list(d.id(), 50));
        return page(model, caller, d, "drops");
    }

    @GetMapping("/console/drops/{id}")
    String drop(@AuthenticationPrincipal Caller caller, @PathVariable long id, Model model) throws SQLException {
        District d = access.districtAdmin(caller, caller.district(), "read the drops");
        dropModel(d, id, model);
        return page(model, caller, d, "drop");
    }

    /** The part of a drop's page that changes while it is read; once it is, the whole page is loaded again. */
    @GetMapping("/console/drops/{id}/status")
    String dropStatus(@AuthenticationPrincipal Caller caller, @PathVariable long id, Model model,
            jakarta.servlet.http.HttpServletResponse response) throws SQLException {
        District d = access.districtAdmin(caller, caller.district(), "read the drops");
        Intakes.Intake drop = dropModel(d, id, model);
        model.addAttribute("when", When.UTC);
        if (!waiting(drop)) {
            response.setHeader("HX-Refresh", "true");
        }
        return "console/drop :: status";
    }

    private Intakes.Intake dropModel(District d, long id, Model model) throws SQLException {
        Intakes.Intake drop = intakes.find(d.id(), id).orElseThrow(() -> ApiProblem.notFound("Drop " + id));
        model.addAttribute("drop", drop);
        model.addAttribute("waiting", waiting(drop));
        model.addAttribute("notKept", notKept(drop.detail()));
        Optional<RunReport> run = drop.runId() == null ? Optional.empty() : syncs.find(d.id(), drop.runId());
        model.addAttribute("run", run.orElse(null));
        Map<String, RunReport.Counts> counts = new LinkedHashMap<>();
        run.ifPresent(r -> {
            for (io.rostersync.directory.EntityKind kind : io.rostersync.directory.EntityKind.values()) {
                if (r.counts().containsKey(kind)) {
                    counts.put(kind.name().toLowerCase(java.util.Locale.ROOT), r.counts(kind));
                }
            }
        });
        model.addAttribute("counts", counts);
        model.addAttribute("groups", run.map(r -> ProblemGroup.of(r.problems())).orElse(List.of()));
        return drop;
    }

    private static boolean waiting(Intakes.Intake drop) {
        return drop.status().equals("received") || drop.status().equals("running");
    }

    /** What of the drop was not kept (the columns and files we do not need), from its detail. */
    private static String notKept(String detail) {
        if (detail == null) {
            return null;
        }
        int at = detail.indexOf("not kept: ");
        return at < 0 ? null : detail.substring(at + "not kept: ".length());
    }

    private static String page(Model model, Caller caller, District d, String name) {
        model.addAttribute("when", When.UTC);
        model.addAttribute("caller", new ConsoleUser(caller.name(), d.slug(), d.name(), caller.districtWide()));
        model.addAttribute("district", d);
        model.addAttribute("page", name);
        return "console/" + name;
    }
}
