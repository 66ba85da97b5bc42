package io.rostersync.web;

import io.rostersync.directory.District;
import io.rostersync.intake.Arrival;
import io.rostersync.intake.DropArrivals;
import io.rostersync.intake.SftpPoller;
import io.rostersync.intake.SftpSite;
import io.rostersync.intake.SftpSiteSettings;
import io.rostersync.intake.SftpSites;
import io.rostersync.storage.SecretBox;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * How a district's files come in: its own SFTP site that we poll (the password or key are written,
 * never read back; the host key pinned on the first connection is shown to compare with what the
 * district's IT sees), and when its files are a complete drop and how long drops are kept.
 */
@RestController
@RequestMapping("/api/v1/districts/{district}")
class IntakeSettingsApi {

    private static final Set<String> ARRIVAL_FIELDS = Set.of("completeness", "stableForSeconds", "markerFile",
            "keepDropsDays");

    private final Access access;
    private final Audit audit;
    private final SftpSites sites;
    private final DropArrivals arrivals;
    private final ObjectProvider<SftpPoller> poller;

    IntakeSettingsApi(Access access, Audit audit, DataSource dataSource, SecretBox secrets,
            ObjectProvider<SftpPoller> poller) {
        this.access = access;
        this.audit = audit;
        this.sites = new SftpSites(dataSource, secrets);
        this.arrivals = new DropArrivals(dataSource);
        this.poller = poller;
    }

    @GetMapping("/sftp-site")
    Views.SftpSiteView site(@AuthenticationPrincipal Caller caller, @PathVariable String district)
            throws SQLException {
        District d = access.districtAdmin(caller, district, "see the district's SFTP site");
        return Views.SftpSiteView.of(sites.find(d.id()));
    }

    /** Sets the district's site; a password or key left out keeps the one saved. */
    @PutMapping("/sftp-site")
    Views.SftpSiteView saveSite(@AuthenticationPrincipal Caller caller, @PathVariable String district,
            @RequestBody Views.SftpSiteChange change) throws SQLException {
        District d = access.districtAdmin(caller, district, "change the district's SFTP site");
        Optional<SftpSite> before = sites.find(d.id());
        SftpSite saved;
        try {
            saved = sites.save(d.id(), new SftpSiteSettings(change.host(), change.port() == null ? 22 : change.port(),
                    change.username(), change.folder(), change.password(), change.privateKey(), change.passphrase(),
                    Boolean.TRUE.equals(change.writeResults()), change.enabled() == null || change.enabled()));
        } catch (SftpSites.InvalidSiteException e) {
            throw ApiProblem.invalid(e.getMessage(), e.hint());
        }
        List<String> what = new ArrayList<>();
        what.add(saved.username() + "@" + saved.host() + ":" + saved.port() + " " + saved.folder());
        if (change.password() != null) {
            what.add(change.password().isEmpty() ? "password removed" : "password set");
        }
        if (change.privateKey() != null) {
            what.add(change.privateKey().isEmpty() ? "private key removed" : "private key set");
        }
        if (before.isPresent() && before.get().hostKey() != null && saved.hostKey() == null) {
            what.add("pinned host key forgotten (another server)");
        }
        what.add(saved.enabled() ? "polled" : "not polled");
        if (saved.writeResults()) {
            what.add("results written to " + saved.resultFolder());
        }
        audit.record(caller, before.isPresent() ? "sftp-site.change" : "sftp-site.connect", "district " + d.slug(),
                String.join("; ", what));
        return Views.SftpSiteView.of(Optional.of(saved));
    }

    @DeleteMapping("/sftp-site")
    ResponseEntity<Void> deleteSite(@AuthenticationPrincipal Caller caller, @PathVariable String district)
            throws SQLException {
        District d = access.districtAdmin(caller, district, "remove the district's SFTP site");
        if (!sites.delete(d.id())) {
            throw ApiProblem.notFound("The SFTP site of district '" + d.slug() + "'");
        }
        audit.record(caller, "sftp-site.remove", "district " + d.slug(), "no longer polled; its secrets deleted");
        return ResponseEntity.noContent().build();
    }

    /** Logs in as a poll would, pins the host key if none is pinned, and lists the folder. */
    @PostMapping("/sftp-site/test")
    Views.ConnectionTestView test(@AuthenticationPrincipal Caller caller, @PathVariable String district)
            throws SQLException {
        District d = access.districtAdmin(caller, district, "test the district's SFTP site");
        existing(d);
        SftpPoller.ConnectionTest test = poller().test(d.id());
        audit.record(caller, "sftp-site.test", "district " + d.slug(), test.connected()
                ? "connected; " + test.files().size() + " file(s)" + (test.pinnedNow() ? "; host key "
                        + test.hostKeyFingerprint() + " pinned" : "")
                : "failed: " + test.problem());
        return Views.ConnectionTestView.of(test);
    }

    /** Forgets the pinned host key, once the district has said its server's key changed. */
    @DeleteMapping("/sftp-site/host-key")
    ResponseEntity<Void> forgetHostKey(@AuthenticationPrincipal Caller caller, @PathVariable String district)
            throws SQLException {
        District d = access.districtAdmin(caller, district, "forget the SFTP site's host key");
        SftpSite site = existing(d);
        sites.forgetHostKey(d.id());
        audit.record(caller, "sftp-site.forget-host-key", "district " + d.slug(),
                site.hostKeyFingerprint() == null ? "none was pinned" : "forgot " + site.hostKeyFingerprint()
                        + "; the next connection pins the server's key");
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/sftp-site/poll-now")
    ResponseEntity<Views.SftpSiteView> pollNow(@AuthenticationPrincipal Caller caller, @PathVariable String district)
            throws SQLException {
        District d = access.districtAdmin(caller, district, "poll the district's SFTP site");
        existing(d);
        poller();
        sites.pollNow(d.id());
        audit.record(caller, "sftp-site.poll-now", "district " + d.slug(), null);
        return ResponseEntity.accepted().body(Views.SftpSiteView.of(sites.find(d.id())));
    }

    @GetMapping("/arrival")
    Views.ArrivalView arrival(@AuthenticationPrincipal Caller caller, @PathVariable String district)
            throws SQLException {
        District d = access.district(caller, district);
        return Views.ArrivalView.of(arrivals.get(d.id()));
    }

    /** Changes the fields the body names (a JSON merge patch; {@code "stableForSeconds": null}: the default). */
    @PatchMapping("/arrival")
    Views.ArrivalView changeArrival(@AuthenticationPrincipal Caller caller, @PathVariable String district,
            @RequestBody Map<String, Object> change) throws SQLException {
        District d = access.districtAdmin(caller, district, "change when drops are complete and how long they are kept");
        Arrival before = arrivals.get(d.id());
        Arrival after = changed(before, change);
        if (!after.equals(before)) {
            arrivals.save(d.id(), after);
            audit.record(caller, "arrival.change", "district " + d.slug(), Views.ArrivalView.of(after).toString());
        }
        return Views.ArrivalView.of(after);
    }

    private static Arrival changed(Arrival a, Map<String, Object> change) {
        ApiProblem.onlyFields(change, ARRIVAL_FIELDS, "The arrival settings");
        Arrival.Completeness completeness = a.completeness();
        Duration stableFor = a.stableFor();
        String marker = a.markerFile();
        int keepDays = a.keepDays();
        try {
            if (change.containsKey("completeness")) {
                completeness = Arrival.Completeness.valueOf(String.valueOf(change.get("completeness"))
                        .toUpperCase(Locale.ROOT));
            }
            if (change.containsKey("stableForSeconds")) {
                Object value = change.get("stableForSeconds");
                stableFor = value == null ? null : Duration.ofSeconds(whole(value, "stableForSeconds"));
            }
            if (change.containsKey("markerFile")) {
                marker = String.valueOf(change.get("markerFile"));
            }
            if (change.containsKey("keepDropsDays")) {
                keepDays = Math.toIntExact(whole(change.get("keepDropsDays"), "keepDropsDays"));
            }
            return new Arrival(completeness, stableFor, marker, keepDays);
        } catch (ArithmeticException | IllegalArgumentException e) {
            throw ApiProblem.invalid("The arrival settings cannot use that: " + e.getMessage() + ".",
                    "completeness is stable, renamed_zip or marker; stableForSeconds and keepDropsDays are numbers;"
                            + " markerFile a plain file name such as ready.txt.");
        }
    }

    private static long whole(Object value, String field) {
        return ApiProblem.wholeNumber(value, field);
    }

    private SftpSite existing(District d) throws SQLException {
        return sites.find(d.id()).orElseThrow(() -> ApiProblem.conflict("The district has no SFTP site to poll.",
                "Set it first: PUT its host, port, username, folder and password or key."));
    }

    private SftpPoller poller() {
        SftpPoller p = poller.getIfAvailable();
        if (p == null) {
            throw ApiProblem.conflict("Polling SFTP sites is turned off on this installation.",
                    "Ask the operator to start the service without rostersync.poll.enabled=false.");
        }
        return p;
    }
}
