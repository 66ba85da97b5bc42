package io.rostersync.web;

import io.rostersync.cleanup.Archiving;
import io.rostersync.cleanup.Duplicates;
import io.rostersync.cleanup.Merging;
import io.rostersync.directory.District;
import io.rostersync.directory.PeopleReads;
import io.rostersync.directory.RecordState;
import io.rostersync.directory.StudentArchive;
import io.rostersync.directory.StudentMerges;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * The cleanup's actions as the console and the API both take them: each checked against the
 * caller's district and schools, refused with a reason an admin can act on, and written to the
 * audit trail.
 */
@Component
class CleanupActions {

    private final Access access;
    private final Audit audit;
    private final Archiving archiving;
    private final Merging merging;
    private final Duplicates duplicates;
    private final PeopleReads people;
    private final StudentMerges merges;

    CleanupActions(Access access, Audit audit, DataSource dataSource) {
        this.access = access;
        this.audit = audit;
        this.archiving = new Archiving(dataSource);
        this.merging = new Merging(dataSource);
        this.duplicates = new Duplicates(dataSource);
        this.people = new PeopleReads(dataSource);
        this.merges = new StudentMerges(dataSource);
    }

    /** Which students an archive action is about, as a directory's filter names them, or the ones ticked. */
    record Scope(String query, Long schoolId, String grade, String state, String source, List<Long> ids) {

        /** @param ids the students ticked: null for every one the filter finds, empty for none */
        Scope {
            ids = ids == null ? null : List.copyOf(ids);
        }
    }

    /** The selection of a scope, limited to the caller's schools; refused for a school that is not theirs. */
    StudentArchive.Selection selection(Caller caller, District d, Scope scope) throws SQLException {
        if (scope.schoolId() != null) {
            access.school(caller, d, scope.schoolId());
        }
        Boolean synced = FilterParams.synced(scope.source());
        RecordState state = FilterParams.state(scope.state());
        PeopleReads.Filter filter = new PeopleReads.Filter(FilterParams.blank(scope.query()), "student", scope.schoolId(),
                FilterParams.blank(scope.grade()), state, false, caller.districtWide() ? null : caller.schools(), synced);
        return new StudentArchive.Selection(filter, scope.ids());
    }

    /** The scope in words, for the confirmation and the action's history. */
    String describe(Caller caller, District d, Scope scope) throws SQLException {
        StringBuilder w = new StringBuilder(scope.schoolId() != null ? access.school(caller, d, scope.schoolId()).name()
                : caller.districtWide() ? "the district" : "your schools");
        w.append(": ").append(scope.ids() != null ? scope.ids().size() + " students ticked"
                : "hand".equals(scope.source()) ? "every student not in the sync"
                : "synced".equals(scope.source()) ? "the sync's students" : "every student");
        if (scope.grade() != null && !scope.grade().isBlank()) {
            w.append(", grade ").append(scope.grade());
        }
        if (scope.query() != null && !scope.query().isBlank()) {
            w.append(", matching \"").append(scope.query().trim()).append('"');
        }
        return w.toString();
    }

    StudentArchive.Outcome preview(Caller caller, District d, Scope scope) throws SQLException {
        return archiving.preview(d.id(), selection(caller, d, scope));
    }

    StudentArchive.Outcome archive(Caller caller, District d, Scope scope, String words) throws SQLException {
        StudentArchive.Selection selection = selection(caller, d, scope);
        StudentArchive.Outcome[] outcome = new StudentArchive.Outcome[1];
        ConsolePages.unlessSyncing(() -> outcome[0] = archiving.archive(d.id(), selection, words, caller.name()));
        audit.record(caller, "cleanup.archive", "archive action " + outcome[0].actionId(), words + ": "
                + outcome[0].archived() + " archived, " + outcome[0].skippedSynced() + " of the sync's skipped");
        return outcome[0];
    }

    /** An archive action the caller may see: any for a district admin, their own for a school admin. */
    StudentArchive.Action action(Caller caller, District d, long actionId) throws SQLException {
        return archiving.action(d.id(), actionId)
                .filter(a -> caller.districtWide() || a.archivedBy().equals(caller.name()))
                .orElseThrow(() -> ApiProblem.notFound("Archive action " + actionId));
    }

    int restore(Caller caller, District d, long actionId) throws SQLException {
        action(caller, d, actionId);
        if (!caller.districtWide()) {
            int elsewhere = archiving.outsideReach(d.id(), actionId, caller.schools());
            if (elsewhere > 0) {
                throw ApiProblem.conflict(elsewhere + " of the students of archive action " + actionId
                        + " are no longer at your schools.", "A district admin can undo the action.");
            }
        }
        java.util.concurrent.atomic.AtomicReference<java.util.Optional<Integer>> restored =
                new java.util.concurrent.atomic.AtomicReference<>();
        ConsolePages.unlessSyncing(() -> restored.set(archiving.restore(d.id(), actionId, caller.name(),
                caller.districtWide() ? null : caller.schools())));
        int n = restored.get().orElseThrow(() -> ApiProblem.conflict("Archive action " + actionId
                + " was undone already.", "Archive the students again from the directory if need be."));
        audit.record(caller, "cleanup.archive.undo", "archive action " + actionId, n + " students in use again");
        return n;
    }

    int unarchive(Caller caller, District d, long personId) throws SQLException {
        if (people.rows(d.id(), List.of(personId)).isEmpty()
                || !caller.districtWide() && !people.reaches(d.id(), personId, caller.schools())) {
            throw ApiProblem.notFound("Person " + personId);
        }
        StudentArchive.Selection one = selection(caller, d, new Scope(null, null, null, null, null, List.of(personId)));
        int[] n = new int[1];
        ConsolePages.unlessSyncing(() -> n[0] = archiving.unarchive(d.id(), one.filter(), one.ids()));
        if (n[0] == 0) {
            throw ApiProblem.conflict("Person " + personId + " is not an archived student made by hand.",
                    "The sync's students come back when the SIS sends them again; a merged record, by undoing"
                            + " its merge.");
        }
        audit.record(caller, "cleanup.unarchive", "person " + personId, "in use again");
        return n[0];
    }

    long merge(Caller caller, District d, long keep, long merge) throws SQLException {
        access.districtAdmin(caller, d.slug(), "merge duplicate students");
        long[] id = new long[1];
        try {
            ConsolePages.unlessSyncing(() -> id[0] = merging.merge(d.id(), keep, merge, caller.name()));
        } catch (StudentMerges.Refused e) {
            if (e.refusal() == StudentMerges.Refusal.NOT_FOUND) {
                throw ApiProblem.notFound("Person " + keep + " or " + merge);
            }
            throw ApiProblem.conflict(e.getMessage(), "Look at the two records' pages.");
        }
        audit.record(caller, "cleanup.merge", "person " + merge, "merged into person " + keep + " (merge " + id[0]
                + ")");
        return id[0];
    }

    StudentMerges.Merge unmerge(Caller caller, District d, long mergeId) throws SQLException {
        access.districtAdmin(caller, d.slug(), "undo a merge");
        if (merges.merge(d.id(), mergeId).isEmpty()) {
            throw ApiProblem.notFound("Merge " + mergeId);
        }
        StudentMerges.Merge[] merge = new StudentMerges.Merge[1];
        try {
            ConsolePages.unlessSyncing(() -> merge[0] = merging.unmerge(d.id(), mergeId, caller.name()));
        } catch (StudentMerges.Refused e) {
            throw ApiProblem.conflict(e.getMessage(), "Undo the later merge first, from its page.");
        }
        audit.record(caller, "cleanup.merge.undo", "merge " + mergeId, "person " + merge[0].mergedId()
                + " is a record of its own again");
        return merge[0];
    }

    void dismiss(Caller caller, District d, long one, long other) throws SQLException {
        access.districtAdmin(caller, d.slug(), "review duplicate students");
        requireStudents(d, one, other);
        duplicates.dismiss(d.id(), one, other, caller.name());
        audit.record(caller, "cleanup.not-duplicates", "people " + Math.min(one, other) + " and "
                + Math.max(one, other), "not one child: never suggested again");
    }

    void undismiss(Caller caller, District d, long one, long other) throws SQLException {
        access.districtAdmin(caller, d.slug(), "review duplicate students");
        requireStudents(d, one, other);
        duplicates.undismiss(d.id(), one, other);
        audit.record(caller, "cleanup.not-duplicates.undo", "people " + Math.min(one, other) + " and "
                + Math.max(one, other), "may be suggested again");
    }

    Duplicates.Scan refresh(Caller caller, District d) throws SQLException {
        access.districtAdmin(caller, d.slug(), "find duplicate students");
        Duplicates.Scan scan = duplicates.refresh(d.id());
        audit.record(caller, "cleanup.find-duplicates", "district " + d.slug(), scan.pairs() + " candidates among "
                + scan.students() + " students");
        return scan;
    }

    /** Refuses (404) ids that are not two students of the district. */
    private void requireStudents(District d, long one, long other) throws SQLException {
        List<PeopleReads.Row> rows = people.rows(d.id(), List.of(one, other));
        if (one == other || rows.size() != 2 || !rows.stream().allMatch(r -> r.roles() != null
                && r.roles().contains("student"))) {
            throw ApiProblem.notFound("Students " + one + " and " + other);
        }
    }
}
