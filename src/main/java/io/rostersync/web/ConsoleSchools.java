package io.rostersync.web;

import io.rostersync.directory.District;
import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Step 3 of the setup in the console: match the schools of the latest files to ours, or create them. */
@Controller
class ConsoleSchools {

    private final Access access;
    private final Audit audit;
    private final SchoolMatching schools;

    ConsoleSchools(Access access, Audit audit, SchoolMatching schools) {
        this.access = access;
        this.audit = audit;
        this.schools = schools;
    }

    /** Step 3: the schools of the latest drop beside ours, to match by School ID or create. */
    @GetMapping("/console/schools")
    String schools(@AuthenticationPrincipal Caller caller, Model model) throws SQLException, IOException {
        District d = access.districtAdmin(caller, caller.district(), "match the schools");
        Optional<List<io.rostersync.oneroster.Org>> latest = schools.latestSchools(d);
        model.addAttribute("sent", latest.isPresent());
        model.addAttribute("rows", latest.isPresent() ? schools.rows(d, latest.get()) : List.of());
        model.addAttribute("ours", schools.unmatched(d));
        return ConsolePages.page(model, caller, d, "schools");
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
        ConsolePages.unlessSyncing(() -> {
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
        });
        return "redirect:/console/schools";
    }
}
