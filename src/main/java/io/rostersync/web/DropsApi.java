package io.rostersync.web;

import io.rostersync.directory.District;
import io.rostersync.intake.Intakes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The drops a district sent, what became of each, and the cleaned copy we kept of it. A drop holds
 * every school's children, so only district admins read drops, and every download is audited.
 */
@RestController
@RequestMapping("/api/v1/districts/{district}/drops")
class DropsApi {

    private final Access access;
    private final Audit audit;
    private final Intakes intakes;

    DropsApi(Access access, Audit audit, DataSource dataSource) {
        this.access = access;
        this.audit = audit;
        this.intakes = new Intakes(dataSource);
    }

    @GetMapping
    List<Views.DropView> drops(@AuthenticationPrincipal Caller caller, @PathVariable String district,
            @RequestParam(defaultValue = "20") int limit) throws SQLException {
        District d = access.districtAdmin(caller, district, "read the drops");
        return intakes.list(d.id(), Math.max(1, Math.min(limit, 200))).stream().map(Views.DropView::of).toList();
    }

    @GetMapping("/{drop}")
    Views.DropView drop(@AuthenticationPrincipal Caller caller, @PathVariable String district, @PathVariable long drop)
            throws SQLException {
        return Views.DropView.of(find(caller, district, drop));
    }

    @GetMapping("/{drop}/files/{name}")
    ResponseEntity<Resource> file(@AuthenticationPrincipal Caller caller, @PathVariable String district,
            @PathVariable long drop, @PathVariable String name) throws SQLException {
        Intakes.Intake intake = find(caller, district, drop);
        if (intake.purgedAt() != null && intake.files().contains(name)) {
            throw ApiProblem.gone("Drop " + drop + "'s files were deleted on " + intake.purgedAt()
                    + ", when the district's retention ran out.", "Keep drops longer with PATCH .../arrival"
                            + " {\"keepDropsDays\": N}; the drop's names, sizes and SHA-256 stay.");
        }
        // only a name the drop lists, and only inside its folder
        Path file = intake.path().resolve(name).normalize();
        if (!intake.files().contains(name) || !file.getParent().equals(intake.path().normalize())
                || !Files.isRegularFile(file)) {
            throw ApiProblem.notFound("File '" + name + "' of drop " + drop);
        }
        audit.record(caller, "drop.download", "drop " + drop, name);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name.replace("\"", "") + "\"")
                .body(new FileSystemResource(file));
    }

    private Intakes.Intake find(Caller caller, String district, long drop) throws SQLException {
        District d = access.districtAdmin(caller, district, "read the drops");
        return intakes.find(d.id(), drop).orElseThrow(() -> ApiProblem.notFound("Drop " + drop));
    }
}
