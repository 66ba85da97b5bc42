package io.rostersync.web;

import io.rostersync.accounts.Passwords;
import io.rostersync.directory.District;
import io.rostersync.intake.HostedSftp;
import io.rostersync.intake.SftpAccounts;
import io.rostersync.intake.SftpPoller;
import io.rostersync.intake.SftpSite;
import io.rostersync.intake.SftpSiteSettings;
import io.rostersync.intake.SftpSites;
import io.rostersync.storage.SecretBox;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Step 1 of the setup in the console: our SFTP folder's account (a new password, shown once; public
 * keys), or the district's own SFTP site (its settings, secrets written and never shown, and a
 * connection test that shows and pins the server's host key).
 */
@Controller
class ConsoleSftp {

    private static final int RECENT_DROPS = 5;

    private final Access access;
    private final Audit audit;
    private final SftpAccounts accounts;
    private final io.rostersync.intake.Intakes intakes;
    private final SftpSites sites;
    private final io.rostersync.intake.RosterApis apis;
    private final ObjectProvider<HostedSftp> hosted;
    private final ObjectProvider<SftpPoller> poller;

    ConsoleSftp(Access access, Audit audit, DataSource dataSource, SecretBox secrets,
            ObjectProvider<HostedSftp> hosted, ObjectProvider<SftpPoller> poller,
            io.rostersync.intake.RosterApis apis) {
        this.access = access;
        this.audit = audit;
        this.accounts = new SftpAccounts(dataSource);
        this.intakes = new io.rostersync.intake.Intakes(dataSource);
        this.sites = new SftpSites(dataSource, secrets);
        this.apis = apis;
        this.hosted = hosted;
        this.poller = poller;
    }

    @GetMapping("/console/sftp")
    String sftp(@AuthenticationPrincipal Caller caller, Model model) throws SQLException {
        District d = access.districtAdmin(caller, caller.district(), "manage the SFTP folder");
        model.addAttribute("username", accounts.username(d.id()).orElse(null));
        model.addAttribute("port", hosted.getIfAvailable() == null ? null : hosted.getIfAvailable().port());
        model.addAttribute("keys", accounts.publicKeys(d.id()).stream().map(KeyUtils::getFingerPrint).toList());
        model.addAttribute("site", sites.find(d.id()).orElse(null));
        model.addAttribute("rosterApi", apis.find(d.id()).orElse(null));
        model.addAttribute("drops", intakes.list(d.id(), RECENT_DROPS));
        return ConsolePages.page(model, caller, d, "sftp");
    }

    /** A new password for our folder's account (made, if the district has none), shown this once. */
    @PostMapping("/console/sftp/password")
    String newPassword(@AuthenticationPrincipal Caller caller, RedirectAttributes shown) throws SQLException {
        District d = access.districtAdmin(caller, caller.district(), "change the SFTP password");
        String password = Passwords.newPassword();
        String username = accounts.username(d.id()).orElse(d.slug());
        accounts.save(d.id(), username, password);
        audit.record(caller, "sftp.password", "sftp account " + username, "a new password (console)");
        shown.addFlashAttribute("newPassword", password);
        return "redirect:/console/sftp";
    }

    @PostMapping("/console/sftp/keys")
    String addKey(@AuthenticationPrincipal Caller caller, @RequestParam String key) throws SQLException {
        District d = access.districtAdmin(caller, caller.district(), "add an SFTP key");
        if (accounts.username(d.id()).isEmpty()) {
            throw ApiProblem.conflict("The district has no SFTP account yet.", "Make its password first.");
        }
        String fingerprint;
        try {
            fingerprint = accounts.addPublicKey(d.id(), key.trim());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid("That is not a public key: " + e.getMessage() + ".",
                    "Paste one line of an authorized_keys file, such as the contents of id_ed25519.pub.");
        }
        audit.record(caller, "sftp.key-add", "sftp account", fingerprint);
        return "redirect:/console/sftp";
    }

    /** Saves the district's own site (a password or key left empty keeps the saved one) and tests it. */
    @PostMapping("/console/sftp/site")
    String saveSite(@AuthenticationPrincipal Caller caller, @RequestParam String host,
            @RequestParam(defaultValue = "22") int port, @RequestParam String username,
            @RequestParam(defaultValue = ".") String folder, @RequestParam(defaultValue = "") String password,
            @RequestParam(defaultValue = "") String privateKey, @RequestParam(defaultValue = "false") boolean writeResults,
            RedirectAttributes shown) throws SQLException {
        District d = access.districtAdmin(caller, caller.district(), "change the district's SFTP site");
        SftpSite saved;
        try {
            saved = sites.save(d.id(), new SftpSiteSettings(host, port, username, folder,
                    password.isEmpty() ? null : password, privateKey.isBlank() ? null : privateKey, null, writeResults,
                    true));
        } catch (SftpSites.InvalidSiteException e) {
            throw ApiProblem.invalid(e.getMessage(), e.hint());
        }
        audit.record(caller, "sftp-site.change", "district " + d.slug(), saved.username() + "@" + saved.host() + ":"
                + saved.port() + " " + saved.folder() + " (console)");
        return test(caller, shown);
    }

    @PostMapping("/console/sftp/site/test")
    String test(@AuthenticationPrincipal Caller caller, RedirectAttributes shown) throws SQLException {
        District d = access.districtAdmin(caller, caller.district(), "test the district's SFTP site");
        Optional<SftpPoller> p = Optional.ofNullable(poller.getIfAvailable());
        if (sites.find(d.id()).isEmpty() || p.isEmpty()) {
            throw ApiProblem.conflict("There is no site to test, or polling is turned off here.",
                    "Save the site's settings first.");
        }
        SftpPoller.ConnectionTest test = p.get().test(d.id());
        audit.record(caller, "sftp-site.test", "district " + d.slug(), test.connected() ? "connected"
                + (test.pinnedNow() ? "; host key " + test.hostKeyFingerprint() + " pinned" : "")
                : "failed: " + test.problem());
        shown.addFlashAttribute("test", test);
        return "redirect:/console/sftp";
    }
}
