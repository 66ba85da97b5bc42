package io.rostersync.web;

import io.rostersync.directory.District;
import io.rostersync.intake.Intakes;
import io.rostersync.intake.ManualUploads;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.sql.SQLException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Manual upload: a ZIP or CSV as the request body (streamed straight to disk, for scripts and
 * curl), or files as multipart form data (the console's page). Either becomes one drop that waits to
 * be synced like one that came by SFTP. At most {@code rostersync.upload.max-size} (2 GB) an upload.
 */
@RestController
@RequestMapping("/api/v1/districts/{district}/uploads")
class UploadsApi {

    private final Access access;
    private final Audit audit;
    private final ManualUploads uploads;

    UploadsApi(Access access, Audit audit, ManualUploads uploads) {
        this.access = access;
        this.audit = audit;
        this.uploads = uploads;
    }

    @PostMapping(consumes = {"application/zip", "application/x-zip-compressed", "application/octet-stream", "text/csv"})
    ResponseEntity<Views.DropView> body(@AuthenticationPrincipal Caller caller, @PathVariable String district,
            @RequestParam(defaultValue = "upload.zip") String name, HttpServletRequest request)
            throws SQLException, IOException {
        District d = access.districtAdmin(caller, district, "upload files");
        try (ManualUploads.Upload upload = uploads.begin(d.id()); InputStream in = request.getInputStream()) {
            upload.add(name, in);
            return accepted(caller, d, upload.finish());
        } catch (ManualUploads.RefusedUploadException e) {
            throw refused(e);
        }
    }

    @PostMapping(consumes = "multipart/form-data")
    ResponseEntity<Views.DropView> form(@AuthenticationPrincipal Caller caller, @PathVariable String district,
            @RequestParam("file") List<MultipartFile> files) throws SQLException, IOException {
        District d = access.districtAdmin(caller, district, "upload files");
        try {
            return accepted(caller, d, receive(uploads, d.id(), files));
        } catch (ManualUploads.RefusedUploadException e) {
            throw refused(e);
        }
    }

    /** An upload in the audit trail: its files and size, and whether it was skipped as the same bytes. */
    static void recorded(Audit audit, Caller caller, Intakes.Intake drop, String via) throws SQLException {
        audit.record(caller, "drop.upload", "drop " + drop.id(), String.join(", ", drop.files()) + " ("
                + drop.bytes() + " bytes" + via + ")" + (drop.status().equals("skipped") ? ", skipped: "
                        + drop.detail() : ""));
    }

    /** A multipart form's files as one drop (the API's form upload, and the console's). */
    static Intakes.Intake receive(ManualUploads uploads, long districtId, List<MultipartFile> files)
            throws SQLException, IOException {
        try (ManualUploads.Upload upload = uploads.begin(districtId)) {
            for (MultipartFile file : files) {
                try (InputStream in = file.getInputStream()) {
                    upload.add(file.getOriginalFilename(), in);
                }
            }
            return upload.finish();
        }
    }

    private ResponseEntity<Views.DropView> accepted(Caller caller, District d, Intakes.Intake drop)
            throws SQLException {
        recorded(audit, caller, drop, "");
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create("/api/v1/districts/" + d.slug() + "/drops/" + drop.id()))
                .body(Views.DropView.of(drop));
    }

    /** An upload the intake refuses, as the caller reads it: too large (413), or not files we take (400). */
    private static ApiProblem refused(ManualUploads.RefusedUploadException e) {
        if (e.tooLarge()) {
            return new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, "upload-too-large", e.getMessage(),
                    "Send the files in a ZIP (CSV compresses well), or ask your operator to raise"
                            + " rostersync.upload.max-size.");
        }
        return ApiProblem.invalid(e.getMessage(), "Send one OneRoster ZIP, or its CSV files (users.csv,"
                + " classes.csv, enrollments.csv, orgs.csv, ...).");
    }
}
