package io.rostersync.web;

import io.rostersync.cleanup.DuplicatePair;
import io.rostersync.cleanup.Duplicates;
import io.rostersync.cleanup.Evidence;
import io.rostersync.directory.District;
import io.rostersync.directory.PeopleReads;
import io.rostersync.directory.StudentArchive;
import io.rostersync.directory.StudentMerges;
import java.net.URI;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Cleanup through the API: archive students made by hand (a school admin within their schools),
 * and, for district admins, the duplicate candidates, a merge's preview, merges and their undo.
 */
@RestController
@RequestMapping("/api/v1/districts/{district}/cleanup")
class CleanupApi {

    private final Access access;
    private final CleanupActions actions;
    private final Duplicates duplicates;
    private final StudentMerges merges;

    CleanupApi(Access access, CleanupActions actions, DataSource dataSource) {
        this.access = access;
        this.actions = actions;
        this.duplicates = new Duplicates(dataSource);
        this.merges = new StudentMerges(dataSource);
    }

    record Student(long id, String name, String grade, String studentNumber, boolean synced, String state) {

        static Student of(PeopleReads.Row r) {
            return new Student(r.id(), r.name(), r.grade(), r.studentNumber(), r.managed(), r.state().column());
        }
    }

    record Pair(Student keep, Student merge, double confidence, List<String> evidence, boolean bothSynced) {

        static Pair of(DuplicatePair p) {
            return new Pair(Student.of(p.survivor()), Student.of(p.other()), p.confidence(),
                    p.evidence().stream().map(Evidence::words).toList(), p.bothSynced());
        }
    }

    record Candidates(long total, Duplicates.Scan scan, List<Pair> pairs) {
    }

    record Students(long a, long b) {
    }

    record MergeRequest(long keep, long merge) {
    }

    record ArchiveRequest(String query, Long schoolId, String grade, String state, String source, List<Long> ids) {

        CleanupActions.Scope scope() {
            return new CleanupActions.Scope(query, schoolId, grade, state, source, ids);
        }
    }

    @GetMapping("/duplicates")
    Candidates candidates(@AuthenticationPrincipal Caller caller, @PathVariable String district,
            @RequestParam(defaultValue = "0") int offset, @RequestParam(defaultValue = "50") int limit)
            throws SQLException {
        District d = access.districtAdmin(caller, district, "review duplicate students");
        return new Candidates(duplicates.count(d.id()), duplicates.lastScan(d.id()).orElse(null),
                duplicates.candidates(d.id(), Math.max(0, offset), Math.max(1, Math.min(limit, 500))).stream()
                        .map(Pair::of).toList());
    }

    @PostMapping("/duplicates/refresh")
    Duplicates.Scan refresh(@AuthenticationPrincipal Caller caller, @PathVariable String district)
            throws SQLException {
        return actions.refresh(caller, access.district(caller, district));
    }

    @PostMapping("/duplicates/dismiss")
    ResponseEntity<Void> dismiss(@AuthenticationPrincipal Caller caller, @PathVariable String district,
            @RequestBody Students pair) throws SQLException {
        actions.dismiss(caller, access.district(caller, district), pair.a(), pair.b());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/duplicates/undismiss")
    ResponseEntity<Void> undismiss(@AuthenticationPrincipal Caller caller, @PathVariable String district,
            @RequestBody Students pair) throws SQLException {
        actions.undismiss(caller, access.district(caller, district), pair.a(), pair.b());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/merges/preview")
    StudentMerges.Plan preview(@AuthenticationPrincipal Caller caller, @PathVariable String district,
            @RequestParam long keep, @RequestParam long merge) throws SQLException {
        District d = access.districtAdmin(caller, district, "merge duplicate students");
        StudentMerges.Plan plan = merges.preview(d.id(), keep, merge);
        if (plan.survivor() == null || plan.merged() == null) {
            throw ApiProblem.notFound("Person " + (plan.survivor() == null ? keep : merge));
        }
        return plan;
    }

    @PostMapping("/merges")
    ResponseEntity<StudentMerges.Merge> merge(@AuthenticationPrincipal Caller caller, @PathVariable String district,
            @RequestBody MergeRequest request) throws SQLException {
        District d = access.district(caller, district);
        long id = actions.merge(caller, d, request.keep(), request.merge());
        return ResponseEntity.created(URI.create("/api/v1/districts/" + d.slug() + "/cleanup/merges/" + id))
                .body(merges.merge(d.id(), id).orElseThrow());
    }

    @GetMapping("/merges/{id}")
    StudentMerges.Merge merge(@AuthenticationPrincipal Caller caller, @PathVariable String district,
            @PathVariable long id) throws SQLException {
        District d = access.districtAdmin(caller, district, "read a merge");
        return merges.merge(d.id(), id).orElseThrow(() -> ApiProblem.notFound("Merge " + id));
    }

    @PostMapping("/merges/{id}/undo")
    StudentMerges.Merge unmerge(@AuthenticationPrincipal Caller caller, @PathVariable String district,
            @PathVariable long id) throws SQLException {
        return actions.unmerge(caller, access.district(caller, district), id);
    }

    @PostMapping("/archive/preview")
    StudentArchive.Outcome previewArchive(@AuthenticationPrincipal Caller caller, @PathVariable String district,
            @RequestBody ArchiveRequest request) throws SQLException {
        return actions.preview(caller, access.district(caller, district), request.scope());
    }

    @PostMapping("/archive")
    StudentArchive.Outcome archive(@AuthenticationPrincipal Caller caller, @PathVariable String district,
            @RequestBody ArchiveRequest request) throws SQLException {
        District d = access.district(caller, district);
        return actions.archive(caller, d, request.scope(), "through the API, "
                + actions.describe(caller, d, request.scope()));
    }

    @GetMapping("/archive/{id}")
    StudentArchive.Action action(@AuthenticationPrincipal Caller caller, @PathVariable String district,
            @PathVariable long id) throws SQLException {
        return actions.action(caller, access.district(caller, district), id);
    }

    @PostMapping("/archive/{id}/undo")
    StudentArchive.Action restore(@AuthenticationPrincipal Caller caller, @PathVariable String district,
            @PathVariable long id) throws SQLException {
        District d = access.district(caller, district);
        actions.restore(caller, d, id);
        return actions.action(caller, d, id);
    }
}
