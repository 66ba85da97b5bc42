package io.rostersync.web;

import io.rostersync.directory.DirectoryReads;
import io.rostersync.directory.District;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A district's schools and each school's people: a school admin sees only their own schools. */
@RestController
@RequestMapping("/api/v1/districts/{district}/schools")
class SchoolsApi {

    private static final Set<String> ROLES = Set.of("student", "teacher", "aide", "administrator");
    private static final int MAX_PAGE = 500;

    private final Access access;
    private final DirectoryReads directory;

    SchoolsApi(Access access, DataSource dataSource) {
        this.access = access;
        this.directory = new DirectoryReads(dataSource);
    }

    @GetMapping
    List<Views.SchoolView> schools(@AuthenticationPrincipal Caller caller, @PathVariable String district)
            throws SQLException {
        District d = access.district(caller, district);
        return directory.schools(d.id()).stream().filter(s -> caller.reaches(s.id())).map(Views.SchoolView::of)
                .toList();
    }

    @GetMapping("/{school}")
    Views.SchoolView school(@AuthenticationPrincipal Caller caller, @PathVariable String district,
            @PathVariable long school) throws SQLException {
        return Views.SchoolView.of(access.school(caller, access.district(caller, district), school));
    }

    @GetMapping("/{school}/people")
    Views.Page<Views.PersonView> people(@AuthenticationPrincipal Caller caller,
            @PathVariable String district, @PathVariable long school, @RequestParam(required = false) String role,
            @RequestParam(defaultValue = "false") boolean archived, @RequestParam(defaultValue = "0") long after,
            @RequestParam(defaultValue = "100") int limit) throws SQLException {
        District d = access.district(caller, district);
        access.school(caller, d, school);
        if (role != null && !ROLES.contains(role)) {
            throw ApiProblem.invalid("No role '" + role + "' at a school.", "Use one of " + ROLES + ", or none.");
        }
        int size = Math.max(1, Math.min(limit, MAX_PAGE));
        List<DirectoryReads.PersonListing> page = directory.people(d.id(), school, role, archived, after, size);
        return new Views.Page<>(page.stream().map(Views.PersonView::of).toList(),
                page.size() == size ? page.get(page.size() - 1).id() : null);
    }
}
