package io.rostersync.web;

import io.rostersync.directory.District;
import io.rostersync.feed.FeedHealth;
import io.rostersync.feed.Finding;
import io.rostersync.intake.Intakes;
import io.rostersync.intake.SftpAccounts;
import io.rostersync.intake.SftpSite;
import io.rostersync.intake.SftpSites;
import io.rostersync.schedule.SyncSchedule;
import io.rostersync.storage.SecretBox;
import io.rostersync.sync.RunReport;
import io.rostersync.sync.RunStatus;
import io.rostersync.sync.Syncs;
import io.rostersync.web.console.SetupStep;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * The nine steps of a district's setup (the setup guide's order), each with its status read from
 * the modules now: done, needs attention (with why), or not started. A step links to its page
 * when the console has one.
 */
@Component
class SetupChecklist {

    private final SftpAccounts hostedAccounts;
    private final SftpSites sites;
    private final Intakes intakes;
    private final FeedHealth feed;
    private final SyncSchedule schedules;
    private final io.rostersync.directory.StudentArchive archive;
    private final io.rostersync.cleanup.Duplicates duplicates;
    private final Syncs syncs;
    private final SchoolMatching schoolMatching;
    private final io.rostersync.settings.SettingsStore settings;
    private final Clock clock = Clock.systemUTC();

    private final ClassroomLinking classroomLinking;
    private final SelfCheck selfCheck;

    SetupChecklist(DataSource dataSource, SecretBox secrets, SchoolMatching schoolMatching,
            ClassroomLinking classroomLinking, SelfCheck selfCheck) {
        this.schoolMatching = schoolMatching;
        this.classroomLinking = classroomLinking;
        this.selfCheck = selfCheck;
        this.settings = new io.rostersync.settings.SettingsStore(dataSource);
        this.hostedAccounts = new SftpAccounts(dataSource);
        this.sites = new SftpSites(dataSource, secrets);
        this.intakes = new Intakes(dataSource);
        this.feed = new FeedHealth(dataSource);
        this.schedules = new SyncSchedule(dataSource);
        this.syncs = new Syncs(dataSource);
        this.archive = new io.rostersync.directory.StudentArchive(dataSource);
        this.duplicates = new io.rostersync.cleanup.Duplicates(dataSource);
    }

    List<SetupStep> steps(District district) throws SQLException {
        List<SetupStep> steps = new ArrayList<>();
        steps.add(sftp(district));
        steps.add(files(district));
        steps.add(schools(district));
        steps.add(classrooms(district));
        boolean reviewed = settings.saved(district.id());
        steps.add(new SetupStep(5, "Choose the sync settings", "What syncs, how people are matched, what happens to"
                + " leavers, and how much archiving holds a run.", reviewed ? SetupStep.Status.DONE
                        : SetupStep.Status.NOT_STARTED, reviewed ? "Reviewed and saved."
                                : "The defaults apply until you review and save them.", "/console/settings"));
        List<RunReport> runs = syncs.runs(district.slug(), 20);
        steps.add(selfCheck(district, runs));
        steps.add(enable(district));
        steps.add(reports(runs));
        steps.add(cleanup(district, runs));
        return steps;
    }

    private SetupStep cleanup(District district, List<RunReport> runs) throws SQLException {
        String title = "Clean up";
        String purpose = "Archive the students the sync does not own, and merge duplicates.";
        boolean applied = runs.stream().anyMatch(r -> r.status() == RunStatus.APPLIED
                || r.status() == RunStatus.APPLIED_WITH_WARNINGS);
        if (!applied) {
            return new SetupStep(9, title, purpose, SetupStep.Status.NOT_STARTED, "After the first sync.",
                    "/console/cleanup");
        }
        int handMade = archive.preview(district.id(), io.rostersync.directory.StudentArchive.Selection.everyMatching(
                new io.rostersync.directory.PeopleReads.Filter(null, "student", null, null, null, false, null)
                        .synced(false))).archived();
        long candidates = duplicates.count(district.id());
        if (handMade == 0 && candidates == 0) {
            return new SetupStep(9, title, purpose, SetupStep.Status.DONE, "No student made by hand is in use, and"
                    + " no possible duplicate is left.", "/console/cleanup");
        }
        return new SetupStep(9, title, purpose, SetupStep.Status.NEEDS_ATTENTION, handMade + " students made by hand"
                + " are in use; " + candidates + " possible duplicates to review.", "/console/cleanup");
    }

    private SetupStep sftp(District district) throws SQLException {
        String title = "Get an SFTP folder";
        String purpose = "Where the SIS sends its files each night: our folder, or the district's own SFTP site.";
        Optional<SftpSite> site = sites.find(district.id());
        if (site.isPresent() && site.get().pollError() != null) {
            return new SetupStep(1, title, purpose, SetupStep.Status.NEEDS_ATTENTION, "The district's own site could not be polled: "
                    + site.get().pollError(), "/console/sftp");
        }
        if (site.isPresent()) {
            return new SetupStep(1, title, purpose, site.get().polledAt() != null ? SetupStep.Status.DONE : SetupStep.Status.NOT_STARTED,
                    "Polling " + site.get().username() + "@" + site.get().host() + " " + site.get().folder() + ".",
                    "/console/sftp");
        }
        if (hostedAccounts.exists(district.id())) {
            return new SetupStep(1, title, purpose, SetupStep.Status.DONE, "Our SFTP folder is ready for the district's account.",
                    "/console/sftp");
        }
        return new SetupStep(1, title, purpose, SetupStep.Status.NOT_STARTED, "No SFTP account yet; files can be uploaded meanwhile.",
                "/console/sftp");
    }

    private SetupStep files(District district) throws SQLException {
        String title = "Send the OneRoster files";
        String purpose = "users.csv, classes.csv and enrollments.csv (and orgs, courses, academic sessions), by SFTP"
                + " or upload.";
        List<Intakes.Intake> latest = intakes.list(district.id(), 1);
        if (latest.isEmpty()) {
            return new SetupStep(2, title, purpose, SetupStep.Status.NOT_STARTED, "No files have come yet.", "/console/upload");
        }
        Intakes.Intake drop = latest.get(0);
        String link = "/console/drops/" + drop.id();
        if (drop.status().equals("failed")) {
            return new SetupStep(2, title, purpose, SetupStep.Status.NEEDS_ATTENTION, "The latest files could not be used: see"
                    + " what to fix.", link);
        }
        List<Finding> findings = feed.findings(district.id(), clock.instant());
        if (!findings.isEmpty()) {
            return new SetupStep(2, title, purpose, SetupStep.Status.NEEDS_ATTENTION, findings.get(0).message(), link);
        }
        if (drop.status().equals("received") || drop.status().equals("running")) {
            return new SetupStep(2, title, purpose, SetupStep.Status.DONE, "New files are being read.", link);
        }
        return new SetupStep(2, title, purpose, SetupStep.Status.DONE, "The latest files were read (" + drop.status() + ").", link);
    }

    private SetupStep schools(District district) throws SQLException {
        String title = "Match the schools";
        String purpose = "Give each of our schools the School ID of its OneRoster school, or create it.";
        String link = "/console/schools";
        Optional<List<io.rostersync.oneroster.Org>> latest;
        try {
            latest = schoolMatching.latestSchools(district);
        } catch (java.io.IOException e) {
            return new SetupStep(3, title, purpose, SetupStep.Status.NEEDS_ATTENTION,
                    "The latest files' schools could not be read: " + e.getMessage(), link);
        }
        if (latest.isEmpty()) {
            return new SetupStep(3, title, purpose, SetupStep.Status.NOT_STARTED,
                    "The schools to match come from the files: send them first.", link);
        }
        long total = latest.get().size();
        long unmatched = schoolMatching.rows(district, latest.get()).stream().filter(r -> !r.matched()).count();
        if (unmatched == 0) {
            return new SetupStep(3, title, purpose, SetupStep.Status.DONE, "Every school of the files is matched ("
                    + total + ").", link);
        }
        return new SetupStep(3, title, purpose, unmatched < total ? SetupStep.Status.NEEDS_ATTENTION
                : SetupStep.Status.NOT_STARTED, unmatched + " of the " + total + " schools of the files not matched yet.",
                link);
    }

    private SetupStep classrooms(District district) throws SQLException {
        String title = "Link existing classrooms";
        String purpose = "Link the classrooms made before the sync to their OneRoster classes, so their history stays"
                + " with them; keep or archive the others.";
        String link = "/console/classrooms";
        List<io.rostersync.web.console.ClassroomRow> rows = classroomLinking.decisions(district);
        long undecided = rows.stream().filter(r -> !r.decided()).count();
        if (rows.isEmpty()) {
            return new SetupStep(4, title, purpose, SetupStep.Status.DONE, "No classroom was made before the sync.",
                    link);
        }
        if (undecided == 0) {
            return new SetupStep(4, title, purpose, SetupStep.Status.DONE, "All " + rows.size()
                    + " classrooms made before the sync are linked, kept or archived.", link);
        }
        return new SetupStep(4, title, purpose, undecided < rows.size() ? SetupStep.Status.NEEDS_ATTENTION
                : SetupStep.Status.NOT_STARTED, undecided + " of the " + rows.size() + " classrooms made before the"
                        + " sync still to link, keep or archive.", link);
    }

    private SetupStep selfCheck(District district, List<RunReport> runs) throws SQLException {
        String title = "Run the self-check";
        String purpose = "Check that the files, schools and classrooms are ready, and preview what the first sync"
                + " would do.";
        boolean live = runs.stream().anyMatch(r -> r.kind().equals("sync")
                && (r.status() == RunStatus.APPLIED || r.status() == RunStatus.APPLIED_WITH_WARNINGS));
        if (live) {
            return new SetupStep(6, title, purpose, SetupStep.Status.DONE, "The sync has applied files; run the"
                    + " self-check again whenever you like.", "/console/self-check");
        }
        SelfCheck.Result result = selfCheck.check(district);
        if (result.impact().isEmpty()) {
            return new SetupStep(6, title, purpose, SetupStep.Status.NOT_STARTED, "The latest files have not been"
                    + " checked yet.", "/console/self-check");
        }
        if (result.blocking() > 0) {
            return new SetupStep(6, title, purpose, SetupStep.Status.NEEDS_ATTENTION, result.blocking()
                    + " item(s) block the first sync.", "/console/self-check");
        }
        return new SetupStep(6, title, purpose, SetupStep.Status.DONE, "Nothing blocks the first sync.",
                "/console/self-check");
    }

    private SetupStep enable(District district) {
        boolean enabled = schedules.syncEnabled(district.id());
        return new SetupStep(7, "Enable and launch the sync", "Until it is enabled, every drop is only previewed.",
                enabled ? SetupStep.Status.DONE : SetupStep.Status.NOT_STARTED, enabled ? "Drops are applied as the schedule says."
                        : "Drops are previewed; nothing in the directory changes yet.", "/console/sync");
    }

    private SetupStep reports(List<RunReport> runs) {
        Optional<RunReport> applied = runs.stream().filter(r -> r.status() == RunStatus.APPLIED
                || r.status() == RunStatus.APPLIED_WITH_WARNINGS).findFirst();
        Optional<RunReport> held = runs.stream().filter(r -> r.status() == RunStatus.HELD).findFirst();
        String title = "Read the sync reports";
        String purpose = "What each run added, changed and archived, and the problems in the files.";
        if (held.isPresent()) {
            return new SetupStep(8, title, purpose, SetupStep.Status.NEEDS_ATTENTION, "Run " + held.get().run() + " is held: its"
                    + " archives wait for an admin.", "/console/runs/" + held.get().run());
        }
        return new SetupStep(8, title, purpose, applied.isPresent() ? SetupStep.Status.DONE : SetupStep.Status.NOT_STARTED,
                applied.map(r -> "The latest applied run is " + r.run() + ".").orElse("No run has been applied yet."),
                "/console/runs");
    }
}
