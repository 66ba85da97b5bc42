package io.rostersync.web;

import io.rostersync.directory.District;
import io.rostersync.directory.EntityKind;
import io.rostersync.intake.Intakes;
import io.rostersync.oneroster.Org;
import io.rostersync.settings.SettingsStore;
import io.rostersync.sync.Previews;
import io.rostersync.sync.RunReport;
import io.rostersync.sync.RunStatus;
import io.rostersync.web.console.Check;
import io.rostersync.web.console.ClassroomRow;
import io.rostersync.web.console.SchoolRow;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * Step 6 of the setup, automated: is the district ready for its first sync? The latest files are
 * valid, every school of the files is matched, the classrooms made before the sync are linked or
 * decided, the settings reviewed, and a dry run of the latest files says what the first sync would
 * do. Blocking items (the sync would go wrong) apart from advice (worth reading).
 */
@Component
class SelfCheck {

    private final Intakes intakes;
    private final SchoolMatching schools;
    private final ClassroomLinking classrooms;
    private final SettingsStore settings;
    private final Previews previews;

    SelfCheck(DataSource dataSource, SchoolMatching schools, ClassroomLinking classrooms,
            io.rostersync.storage.SecretBox secrets) {
        this.intakes = new Intakes(dataSource);
        this.schools = schools;
        this.classrooms = classrooms;
        this.settings = new SettingsStore(dataSource);
        this.previews = new Previews(dataSource, secrets);
    }

    /** The checks, and the latest preview of the latest files (empty until one is run). */
    record Result(List<Check> checks, Optional<Previews.Impact> impact, Optional<Intakes.Intake> drop) {

        long blocking() {
            return checks.stream().filter(c -> c.verdict() == Check.Verdict.BLOCKING).count();
        }

        /** Every check passed or is advice, and the latest files were previewed. */
        boolean ready() {
            return blocking() == 0 && impact.isPresent();
        }
    }

    Result check(District district) throws SQLException {
        Optional<Intakes.Intake> drop = intakes.latestRead(district.id());
        Optional<Previews.Impact> impact = drop.isEmpty() ? Optional.empty()
                : previews.latestSince(district.id(), drop.get().receivedAt());
        List<Check> checks = new ArrayList<>();
        checks.add(files(intakes.list(district.id(), 1).stream().findFirst(), drop));
        checks.add(schools(district));
        checks.add(classrooms(district));
        checks.add(settings.saved(district.id())
                ? Check.pass("Sync settings reviewed", "The settings, and the thresholds that hold a run that would"
                        + " archive too much, were saved.", "/console/settings")
                : Check.advice("Sync settings reviewed", "The defaults apply (a run that would archive more than 5 %"
                        + " of a kind is held); review them before the first sync.", "/console/settings"));
        impact.ifPresentOrElse(i -> checks.addAll(preview(i)), () -> checks.add(Check.blocking("First sync previewed",
                drop.isEmpty() ? "Send the files first." : "Run the self-check to preview what the first sync of the"
                        + " latest files would do.", null)));
        return new Result(checks, impact, drop);
    }

    /** A dry run of the latest files against the directory as it is now. */
    Optional<RunReport> preview(District district, String admin) throws SQLException {
        Optional<Intakes.Intake> drop = intakes.latestRead(district.id());
        if (drop.isEmpty() || drop.get().purgedAt() != null) {
            return Optional.empty();
        }
        return Optional.of(previews.preview(district.slug(), drop.get().source(), admin));
    }

    /** The latest drop (whatever became of it) and the latest that was read. */
    private static Check files(Optional<Intakes.Intake> latest, Optional<Intakes.Intake> read) {
        String title = "The latest files are valid";
        if (latest.isPresent() && latest.get().status().equals("failed")) {
            return Check.blocking(title, "The latest files could not be used: " + latest.get().detail(),
                    "/console/drops/" + latest.get().id());
        }
        if (read.isEmpty()) {
            return Check.blocking(title, latest.isPresent() ? "The latest files are still being read."
                    : "No files have been read yet.", latest.map(d -> "/console/drops/" + d.id()).orElse("/console/upload"));
        }
        if (read.get().purgedAt() != null) {
            return Check.blocking(title, "The latest files read are no longer kept (retention): send them again.",
                    "/console/upload");
        }
        return Check.pass(title, "The latest files (" + String.join(", ", read.get().files()) + ") were read.",
                "/console/drops/" + read.get().id());
    }

    private Check schools(District district) throws SQLException {
        String title = "Every school of the files is matched";
        Optional<List<Org>> latest;
        try {
            latest = schools.latestSchools(district);
        } catch (IOException e) {
            return Check.blocking(title, "The latest files' schools could not be read: " + e.getMessage(),
                    "/console/schools");
        }
        if (latest.isEmpty()) {
            return Check.blocking(title, "No files have been read yet.", "/console/schools");
        }
        List<SchoolRow> rows = schools.rows(district, latest.get());
        long suggested = rows.stream().filter(r -> !r.matched() && r.suggestedId() != null).count();
        long unmatched = rows.stream().filter(r -> !r.matched()).count();
        if (suggested > 0) {
            return Check.blocking(title, suggested + " school(s) of the files look like ours but are not matched: the"
                    + " sync would create a second school beside ours.", "/console/schools");
        }
        if (unmatched > 0) {
            return Check.advice(title, unmatched + " school(s) of the files are none of ours: the sync creates them.",
                    "/console/schools");
        }
        return Check.pass(title, "All " + rows.size() + " schools of the files are matched.", "/console/schools");
    }

    private Check classrooms(District district) throws SQLException {
        String title = "Classrooms made before the sync are linked or decided";
        List<ClassroomRow> rows = classrooms.decisions(district);
        long undecided = rows.stream().filter(r -> !r.decided()).count();
        if (undecided > 0) {
            return Check.blocking(title, undecided + " of " + rows.size() + " classrooms made before the sync are"
                    + " neither linked nor kept nor archived: the sync would create their classes beside them.",
                    "/console/classrooms");
        }
        return Check.pass(title, rows.isEmpty() ? "No classroom was made before the sync."
                : "All " + rows.size() + " are linked, kept or archived.", "/console/classrooms");
    }

    private static List<Check> preview(Previews.Impact impact) {
        List<Check> checks = new ArrayList<>();
        RunReport run = impact.run();
        String link = "/console/runs/" + run.run();
        if (run.status() != RunStatus.PREVIEW) {
            checks.add(Check.blocking("First sync previewed", "The preview " + run.status().label() + ": "
                    + (run.error() == null ? "see its report." : run.error()), link));
            return checks;
        }
        checks.add(Check.pass("First sync previewed", "Run " + run.run() + " planned the latest files and changed"
                + " nothing.", link));
        if (!run.holdReasons().isEmpty()) {
            checks.add(Check.blocking("The first sync would not be held", "It would be held: "
                    + String.join("; ", run.holdReasons()) + ". Check the files and the thresholds.", link));
        }
        if (impact.disputed() > 0) {
            checks.add(Check.advice("Nothing left for an admin to settle", impact.disputed() + " record(s) match"
                    + " someone in the directory only weakly or several people: the sync leaves them out until you"
                    + " answer.", "/console/reviews"));
        }
        if (impact.guardiansWithoutContact() > 0) {
            checks.add(Check.advice("Guardians can be reached", impact.guardiansWithoutContact() + " guardian(s)"
                    + " have neither an email nor a phone in the files and are skipped, as the settings say.",
                    "/console/settings"));
        }
        long archived = run.counts().values().stream().mapToLong(RunReport.Counts::archived).sum();
        if (archived > 0) {
            checks.add(Check.advice("Archives", archived + " record(s) would be archived or start their grace"
                    + " period.", link));
        }
        return checks;
    }

    static List<EntityKind> impactKinds() {
        return List.of(EntityKind.SCHOOLS, EntityKind.STAFF, EntityKind.STUDENTS, EntityKind.GUARDIANS,
                EntityKind.CLASSROOMS, EntityKind.ENROLLMENTS);
    }
}
