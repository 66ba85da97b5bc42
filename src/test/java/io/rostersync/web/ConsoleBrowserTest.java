package io.rostersync.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.rostersync.TestService;
import io.rostersync.accounts.AdminAccounts;
import io.rostersync.accounts.AdminRole;
import io.rostersync.directory.Districts;
import io.rostersync.generator.GeneratorOptions;
import io.rostersync.generator.RosterGenerator;
import io.rostersync.schedule.DropRunner;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console in a real browser (Debian's Chromium through Playwright): sign in, the setup
 * checklist, an upload with its progress, the drop's page updating by itself while the drop is read,
 * and its report. Every page passes an axe-core scan with no serious or critical violation; each
 * step's screenshot is saved under target/console-screenshots.
 */
@Tag("database")
class ConsoleBrowserTest {

    private static final String PASSWORD = "console password long enough";
    private static final Path SCREENSHOTS = Paths.get("target", "console-screenshots");
    private static TestService service;
    private static Playwright playwright;
    private static Browser browser;
    private static String axe;
    private static Path zip;
    private static Path demoZip;

    @TempDir
    static Path work;

    @BeforeAll
    static void start() throws Exception {
        service = TestService.shared();
        long district = new Districts(service.dataSource()).findOrCreate("console-district").id();
        AdminAccounts accounts = new AdminAccounts(service.dataSource());
        accounts.create(district, "console-admin", PASSWORD, AdminRole.DISTRICT_ADMIN, List.of());
        zip = RosterGenerator.generate(GeneratorOptions.of(60), work.resolve("district.zip")).output();
        long demo = new Districts(service.dataSource()).findOrCreate("console-demo").id();
        io.rostersync.demo.DemoDistrict.seed(service.dataSource(), demo,
                service.bean(io.rostersync.storage.SecretBox.class).birthDateKey(demo)).orElseThrow();
        accounts.create(demo, "console-demo-admin", PASSWORD, AdminRole.DISTRICT_ADMIN, List.of());
        demoZip = RosterGenerator.generate(io.rostersync.demo.DemoDistrict.rosterOptions(0), work.resolve("demo.zip"))
                .output();
        // a school admin needs a school: another district, synced from the same files
        new io.rostersync.sync.Syncs(service.dataSource(), service.bean(io.rostersync.storage.SecretBox.class)).sync(io.rostersync.sync.Syncs.Request.of("console-schools",
                zip));
        long schools = new Districts(service.dataSource()).find("console-schools").orElseThrow().id();
        accounts.create(schools, "console-school-admin", PASSWORD, AdminRole.SCHOOL_ADMIN, List.of(
                new io.rostersync.directory.DirectoryReads(service.dataSource()).schools(schools).get(0).id()));
        try (InputStream in = ConsoleBrowserTest.class.getResourceAsStream("/axe.min.js")) {
            axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Files.createDirectories(SCREENSHOTS);
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD",
                "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(Paths.get(
                "/usr/bin/chromium")).setHeadless(true).setArgs(List.of("--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage")));
    }

    @AfterAll
    static void stop() {
        browser.close();
        playwright.close();
    }

    /** A browser of its own; the console's CSP forbids inline scripts, which the axe scan injects. */
    private static Page newPage() {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setBypassCSP(true)
                .setViewportSize(1366, 900));
        return context.newPage();
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + service.port() + path;
    }

    private static void signIn(Page page, String username) {
        page.navigate(url("/console"));
        page.getByLabel("Username").fill(username);
        page.getByLabel("Password").fill(PASSWORD);
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Sign in")).click();
    }

    @Test
    void aDistrictAdminSignsInUploadsTheFilesAndReadsTheDropsReport() throws Exception {
        Page page = newPage();
        page.navigate(url("/console"));
        assertThat(page).hasURL(Pattern.compile(".*/console/sign-in$"));
        accessible(page, "01-sign-in");

        page.getByLabel("Username").fill("console-admin");
        page.getByLabel("Password").fill("not the password");
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Sign in")).click();
        assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.ALERT)).containsText(
                "Wrong username or password");

        signIn(page, "console-admin");
        assertThat(page).hasURL(Pattern.compile(".*/console$"));
        assertThat(page.locator("h1")).containsText("Set up the sync");
        assertThat(page.locator(".step")).hasCount(9);
        assertThat(page.locator(".step").nth(1)).containsText("Not started");
        accessible(page, "02-setup");

        page.getByRole(com.microsoft.playwright.options.AriaRole.LINK, new Page.GetByRoleOptions().setName("Upload")
                .setExact(true)).click();
        accessible(page, "03-upload");
        page.getByLabel("Choose the files, or drop them here").setInputFiles(zip);
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions()
                .setName("Upload")).click();
        page.waitForURL(Pattern.compile(".*/console/drops/\\d+$"));
        assertThat(page.locator("#drop-status")).containsText("being read");
        accessible(page, "04-drop-received");

        assertThat(new DropRunner(service.dataSource(), service.bean(io.rostersync.storage.SecretBox.class)).runWaiting()).isGreaterThanOrEqualTo(1);
        // the page polls while the drop is read, and loads itself again once it is
        assertThat(page.locator("#summary")).containsText("preview", new com.microsoft.playwright.assertions
                .LocatorAssertions.ContainsTextOptions().setTimeout(15_000));
        assertThat(page.locator("#drop-status")).containsText("previewed");
        assertThat(page.locator("#problems")).isVisible();
        accessible(page, "05-drop-report");

        page.getByRole(com.microsoft.playwright.options.AriaRole.LINK, new Page.GetByRoleOptions()
                .setName("Drops and reports")).click();
        assertThat(page.locator("tbody tr").first()).containsText("previewed");
        accessible(page, "06-drops");

        page.getByRole(com.microsoft.playwright.options.AriaRole.LINK, new Page.GetByRoleOptions().setName("Setup")
                .setExact(true)).click();
        assertThat(page.locator(".step").nth(1)).containsText("Done");

        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions()
                .setName("Sign out")).click();
        assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.STATUS)).containsText("signed out");
        page.navigate(url("/console/drops"));
        assertThat(page).hasURL(Pattern.compile(".*/console/sign-in$"));
        page.context().close();
    }

    @Test
    void onTheDemoDistrictTheSuggestedSchoolsAreTheRightOnesAndMatchingThemCompletesStep3() throws Exception {
        Page page = newPage();
        signIn(page, "console-demo-admin");
        assertThat(page.locator(".step").nth(2)).containsText("send them first");
        page.navigate(url("/console/upload"));
        page.getByLabel("Choose the files, or drop them here").setInputFiles(demoZip);
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions()
                .setName("Upload")).click();
        page.waitForURL(Pattern.compile(".*/console/drops/\\d+$"));
        new DropRunner(service.dataSource(), service.bean(io.rostersync.storage.SecretBox.class)).runWaiting();
        assertThat(page.locator("#summary")).containsText("preview", new com.microsoft.playwright.assertions
                .LocatorAssertions.ContainsTextOptions().setTimeout(15_000));

        page.getByRole(com.microsoft.playwright.options.AriaRole.LINK, new Page.GetByRoleOptions().setName("Schools")
                .setExact(true)).click();
        List<io.rostersync.demo.SchoolMatch> truth = io.rostersync.demo.DemoDistrict.records().schools().stream()
                .filter(m -> m.orgSourcedId() != null).toList();
        assertThat(page.locator("tbody tr")).hasCount(truth.size());
        for (io.rostersync.demo.SchoolMatch match : truth) {
            // the suggestion preselected for each roster school is the hand-made school it really is
            com.microsoft.playwright.Locator row = page.locator("tbody tr").filter(new com.microsoft.playwright
                    .Locator.FilterOptions().setHasText(match.rosterName()));
            assertThat(row.locator("select option:checked")).hasText(match.handMadeName());
        }
        accessible(page, "08-schools");
        for (int i = 0; i < truth.size(); i++) {
            page.locator("tbody tr form button").first().click();
        }
        assertThat(page.locator("tbody tr")).hasCount(truth.size());
        assertThat(page.getByText("Matched:")).hasCount(truth.size());
        accessible(page, "09-schools-matched");
        page.getByRole(com.microsoft.playwright.options.AriaRole.LINK, new Page.GetByRoleOptions().setName("Setup")
                .setExact(true)).click();
        assertThat(page.locator(".step").nth(2)).containsText("Every school of the files is matched");

        page.getByRole(com.microsoft.playwright.options.AriaRole.LINK, new Page.GetByRoleOptions()
                .setName("Settings").setExact(true)).click();
        accessible(page, "10-settings");
        page.getByLabel("Days they wait as \"pending removal\" first (0: archived at once)").fill("7");
        page.getByLabel("Percent for students").fill("5");
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions()
                .setName("Save the settings")).click();
        assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.STATUS)).containsText("Saved");
        io.rostersync.settings.SyncSettings saved = new io.rostersync.settings.SettingsStore(service.dataSource())
                .load(new Districts(service.dataSource()).find("console-demo").orElseThrow().id());
        assertThat(saved.gracePeriod()).isEqualTo(java.time.Duration.ofDays(7));
        assertThat(saved.threshold(io.rostersync.directory.EntityKind.STUDENTS).percent()).isEqualTo(5.0);
        assertThat(saved.rolesThatSync()).as("what was not touched stays").isEqualTo(
                io.rostersync.settings.SyncSettings.defaults().rolesThatSync());
        assertThat(saved.personMatchRules()).isEqualTo(io.rostersync.settings.SyncSettings.defaults()
                .personMatchRules());

        linkTheClassrooms(page);
        selfCheck(page, "10c-self-check-blocked");
        assertThat(page.locator(".check.blocking")).containsText("Classrooms made before the sync");
        assertThat(page.locator("#impact + p")).containsText("3 record(s) wait for an admin");
        resolveTheDisputedMatches(page);
        selfCheck(page, "10e-self-check-ready");
        assertThat(page.locator(".check.blocking")).hasCount(0);
        assertThat(page.locator(".notice.ok")).containsText("Ready");

        page.getByRole(com.microsoft.playwright.options.AriaRole.LINK, new Page.GetByRoleOptions()
                .setName("Enable and launch")).first().click();
        assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.STATUS)).containsText("not enabled yet");
        accessible(page, "11-enable");
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions()
                .setName("Enable the sync")).click();
        assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.STATUS)).containsText("is enabled");
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions()
                .setName("Run now")).click();
        page.waitForURL(Pattern.compile(".*/console/drops/\\d+$"));
        new DropRunner(service.dataSource(), service.bean(io.rostersync.storage.SecretBox.class)).runWaiting();
        assertThat(page.locator("#summary")).containsText("applied", new com.microsoft.playwright.assertions
                .LocatorAssertions.ContainsTextOptions().setTimeout(15_000));
        accessible(page, "12-first-sync");
        long district = new Districts(service.dataSource()).find("console-demo").orElseThrow().id();
        assertThat(new io.rostersync.directory.DirectoryReads(service.dataSource()).schools(district))
                .as("the roster's schools filled ours: none created beside them")
                .hasSize(io.rostersync.demo.DemoDistrict.records().schools().size());

        long linkedHandMade = org.springframework.jdbc.core.simple.JdbcClient.create(service.dataSource()).sql("""
                SELECT count(*) FROM source_link l JOIN classroom c ON c.district_id = l.district_id AND c.id = l.local_id
                WHERE l.district_id = ? AND l.kind = 'classroom' AND c.created_run IS NULL""").param(district)
                .query(Long.class).single();
        assertThat(linkedHandMade).as("every classroom made before the sync that is a class was linked to it")
                .isEqualTo(io.rostersync.demo.DemoDistrict.records().classrooms().stream()
                        .filter(m -> m.classSourcedId() != null).count());
        readTheDirectory(page);
        cleanUp(page, district);

        page.getByRole(com.microsoft.playwright.options.AriaRole.LINK, new Page.GetByRoleOptions().setName("Setup")
                .setExact(true)).click();
        assertThat(page.locator(".step").nth(6)).containsText("Done");
        assertThat(page.locator(".step").nth(7)).containsText("Done");
        accessible(page, "13-setup-after-first-sync");
        assertThat(page.locator(".step").nth(4)).containsText("Done");
        page.getByRole(com.microsoft.playwright.options.AriaRole.LINK, new Page.GetByRoleOptions()
                .setName("Audit trail")).click();
        for (String action : List.of("drop.upload", "school.match", "settings.change", "sync.enable", "sync.run-now",
                "cleanup.merge", "cleanup.merge.undo", "cleanup.archive", "cleanup.archive.undo")) {
            assertThat(page.locator("tbody")).containsText(action);
        }
        accessible(page, "14-audit");

        page.getByRole(com.microsoft.playwright.options.AriaRole.LINK, new Page.GetByRoleOptions()
                .setName("Sync reports")).click();
        assertThat(page.locator("figure.chart svg rect.created")).not().hasCount(0);
        accessible(page, "16-runs");
        page.locator("tbody tr").first().getByRole(com.microsoft.playwright.options.AriaRole.LINK).click();
        assertThat(page.locator("h1")).containsText("applied");
        com.microsoft.playwright.APIResponse csv = page.request().get(url(page.getByText("Every change as CSV")
                .getAttribute("href")));
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.text()).contains("students");
        assertThat(page.locator("#changes")).containsText("linked to the files' record");
        page.locator("nav.kinds").getByRole(com.microsoft.playwright.options.AriaRole.LINK,
                new com.microsoft.playwright.Locator.GetByRoleOptions().setName("classrooms").setExact(true)).click();
        assertThat(page.locator("#changes tbody tr td:first-child").first()).hasText("classrooms");
        assertThat(page.locator("#changes")).containsText("(an admin said so)");
        accessible(page, "17-run");
        String applied = page.locator("h1").textContent();
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions()
                .setName("Undo this run")).click();
        assertThat(page.locator("h1")).not().hasText(applied);
        assertThat(page.locator(".facts")).containsText("Undoes");
        assertThat(new io.rostersync.directory.DirectoryReads(service.dataSource()).schools(district))
                .as("undone: the hand-made schools only, without School IDs from the sync")
                .hasSize(io.rostersync.demo.DemoDistrict.records().schools().size());
        page.context().close();
    }

    @Test
    void theSftpPageMakesTheAccountAddsAKeyAndTestsTheDistrictsOwnSite() throws Exception {
        Path home = Files.createDirectories(work.resolve("district-site/export")).getParent();
        Files.writeString(home.resolve("export/users.csv"), "sourcedId\n");
        java.security.KeyPair hostKey = org.apache.sshd.common.config.keys.KeyUtils.generateKeyPair(
                org.apache.sshd.common.keyprovider.KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
        try (io.rostersync.intake.DistrictSftpSite site = new io.rostersync.intake.DistrictSftpSite(home, hostKey,
                "sis", "the site's password")) {
            Page page = newPage();
            signIn(page, "console-admin");
            page.getByRole(com.microsoft.playwright.options.AriaRole.LINK, new Page.GetByRoleOptions().setName("SFTP")
                    .setExact(true)).click();
            page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions()
                    .setName("Make the account and its password")).click();
            String password = page.locator("#new-password").textContent();
            assertThat(new io.rostersync.intake.SftpAccounts(service.dataSource()).username(
                    new Districts(service.dataSource()).find("console-district").orElseThrow().id())).isPresent();
            assertThat(password).hasSizeGreaterThanOrEqualTo(20);
            page.reload();
            assertThat(page.locator("#new-password")).hasCount(0); // shown once

            java.security.KeyPair ours = org.apache.sshd.common.config.keys.KeyUtils.generateKeyPair(
                    org.apache.sshd.common.keyprovider.KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
            page.getByLabel("Add a public key (one line of an authorized_keys file)").fill(
                    org.apache.sshd.common.config.keys.PublicKeyEntry.toString(ours.getPublic()) + " sis@district");
            page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions()
                    .setName("Add the key")).click();
            assertThat(page.locator("main")).containsText(org.apache.sshd.common.config.keys.KeyUtils.getFingerPrint(
                    ours.getPublic()));

            page.getByLabel("Host", new Page.GetByLabelOptions().setExact(true)).fill("127.0.0.1");
            page.getByLabel("Port", new Page.GetByLabelOptions().setExact(true)).fill(Integer.toString(site.port()));
            page.getByLabel("User", new Page.GetByLabelOptions().setExact(true)).fill("sis");
            page.getByLabel("Folder", new Page.GetByLabelOptions().setExact(true)).fill("/export");
            page.getByLabel("Password (left empty: the saved one, if the host and user are the same)")
                    .fill("the site's password");
            page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions()
                    .setName("Save and test the connection")).click();
            String fingerprint = org.apache.sshd.common.config.keys.KeyUtils.getFingerPrint(hostKey.getPublic());
            assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.STATUS).last()).containsText(
                    "Connected.");
            assertThat(page.locator("main")).containsText("Host key " + fingerprint + " pinned");
            assertThat(page.content()).doesNotContain("the site's password");
            accessible(page, "15-sftp");
            page.getByRole(com.microsoft.playwright.options.AriaRole.LINK, new Page.GetByRoleOptions()
                    .setName("Setup").setExact(true)).click();
            assertThat(page.locator(".step").nth(0)).containsText("Polling sis@127.0.0.1");
            page.context().close();
        }
    }

    @Test
    void aSchoolAdminSeesTheSetupButNotTheDistrictsDrops() {
        Page page = newPage();
        signIn(page, "console-school-admin");
        assertThat(page.locator(".step")).hasCount(9);
        assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.LINK, new Page.GetByRoleOptions()
                .setName("Upload").setExact(true))).hasCount(0);
        page.navigate(url("/console/drops"));
        assertThat(page.locator("h1")).hasText("Not allowed");
        accessible(page, "07-not-allowed");
        page.context().close();
    }

    /**
     * Step 4 on the demo district: each classroom made before the sync whose class has another title is
     * linked to the first suggestion, which must be its class; the clubs and the preschool's classrooms
     * are kept. The three titled as their class are left for the reviews (the sync asks about them).
     */
    private static void linkTheClassrooms(Page page) {
        page.getByRole(com.microsoft.playwright.options.AriaRole.LINK, new Page.GetByRoleOptions()
                .setName("Classrooms").setExact(true)).click();
        accessible(page, "10a-classrooms");
        for (io.rostersync.demo.ClassroomMatch m : io.rostersync.demo.DemoDistrict.records().classrooms()) {
            com.microsoft.playwright.Locator article = page.locator("article.classroom", new Page.LocatorOptions()
                    .setHas(page.locator("h2 a", new Page.LocatorOptions().setHasText(exactly(m.title())))));
            if (m.classSourcedId() == null) {
                article.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new com.microsoft.playwright
                        .Locator.GetByRoleOptions().setName("Keep " + m.title() + " as it is")).click();
                assertThat(article.locator(".decided")).containsText("Kept");
            } else if (!m.sameTitle()) {
                com.microsoft.playwright.Locator first = article.locator("form.suggestion").first();
                assertThat(first.locator("button")).containsText(m.classTitle());
                first.locator("button").click();
                assertThat(article.locator(".decided")).containsText(m.classTitle());
            }
        }
        accessible(page, "10b-classrooms-linked");
        page.getByRole(com.microsoft.playwright.options.AriaRole.LINK, new Page.GetByRoleOptions().setName("Setup")
                .setExact(true)).click();
        assertThat(page.locator(".step").nth(3)).containsText("3 of the 14 classrooms");
    }

    private static void selfCheck(Page page, String screenshot) {
        page.getByRole(com.microsoft.playwright.options.AriaRole.LINK, new Page.GetByRoleOptions()
                .setName("Self-check").setExact(true)).click();
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions()
                .setName(Pattern.compile("Run the self-check"))).click();
        assertThat(page.locator("#impact")).isVisible();
        accessible(page, screenshot);
    }

    /** The three classes titled as a classroom made by hand: the sync asks, and the admin says which it is. */
    private static void resolveTheDisputedMatches(Page page) {
        page.getByRole(com.microsoft.playwright.options.AriaRole.LINK, new Page.GetByRoleOptions()
                .setName("Reviews").setExact(true)).click();
        assertThat(page.locator("article.question")).hasCount(3);
        accessible(page, "10d-reviews");
        for (int i = 0; i < 3; i++) {
            com.microsoft.playwright.Locator open = page.locator("article.question:not(:has(.decided))").first();
            assertThat(open.locator("p").first()).containsText("exists without a link");
            open.locator("form button", new com.microsoft.playwright.Locator.LocatorOptions()
                    .setHasText("It is")).first().click();
            assertThat(page.locator("article.question .decided")).hasCount(i + 1);
        }
        page.getByRole(com.microsoft.playwright.options.AriaRole.LINK, new Page.GetByRoleOptions().setName("Setup")
                .setExact(true)).click();
        assertThat(page.locator(".step").nth(3)).containsText("All 14 classrooms");
    }

    /** The directory after the first sync: a teacher the sync linked by email, their page and timeline, a classroom. */
    private static void readTheDirectory(Page page) {
        io.rostersync.demo.SyncMatch teacher = io.rostersync.demo.DemoDistrict.records().linkedBySync().stream()
                .filter(m -> m.role().equals("teacher")).findFirst().orElseThrow();
        page.getByRole(com.microsoft.playwright.options.AriaRole.LINK, new Page.GetByRoleOptions()
                .setName("Directory").setExact(true)).click();
        assertThat(page.locator("#people tbody tr")).hasCount(ConsoleDirectory.PAGE);
        accessible(page, "18-directory");
        String[] familyGiven = page.locator("#people tbody tr th a").nth(7).textContent().split(", ", 2);
        page.getByLabel("Family name (then given name), email or student number").fill(familyGiven[1] + " "
                + familyGiven[0].substring(0, 3));
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions()
                .setName("Search")).click();
        assertThat(page.locator("#people tbody")).containsText(familyGiven[0] + ", " + familyGiven[1]);
        assertThat(page.locator("#people tbody tr").count()).isLessThan(ConsoleDirectory.PAGE);
        page.getByLabel("Family name (then given name), email or student number").fill("");
        page.getByLabel("Role").selectOption("teacher");
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions()
                .setName("Search")).click();
        assertThat(page.locator("#people tbody tr td:nth-child(3)").first()).containsText("teacher");
        page.getByLabel("Family name (then given name), email or student number").fill(teacher.handMadeKey());
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions()
                .setName("Search")).click();
        assertThat(page.locator("#people tbody tr")).hasCount(1);
        page.locator("#people tbody tr th a").click();
        assertThat(page.locator("ol.timeline")).containsText("made by hand, before the sync");
        assertThat(page.locator("ol.timeline")).containsText("linked to the files' record "
                + teacher.rosterSourcedId() + " (same email and name)");
        assertThat(page.locator("dl.facts")).containsText("oneroster " + teacher.rosterSourcedId());
        accessible(page, "19-person");
        page.locator("section[aria-labelledby=classes] li a").first().click();
        assertThat(page.locator("main")).containsText("Students and their guardians");
        accessible(page, "20-classroom");
    }

    /**
     * Step 9 on the demo district: the candidates found after the first sync, one twin merged into its
     * synced record with everything linked to it (and the page says what moved), the merge undone; the
     * students not in the sync archived district-wide and by ticking two in a school's directory, each
     * undone.
     */
    private static void cleanUp(Page page, long district) {
        org.springframework.jdbc.core.simple.JdbcClient jdbc = org.springframework.jdbc.core.simple.JdbcClient
                .create(service.dataSource());
        // the twin with the most linked to its hand-made record
        io.rostersync.demo.Twin twin = null;
        long handMade = 0;
        long synced = 0;
        long most = -1;
        for (io.rostersync.demo.Twin t : io.rostersync.demo.DemoDistrict.records().twins()) {
            long h = jdbc.sql("SELECT id FROM person WHERE district_id = ? AND username = ? AND created_run IS NULL")
                    .params(district, t.handMadeUsername()).query(Long.class).single();
            long linked = jdbc.sql("""
                    SELECT (SELECT count(*) FROM announcement WHERE district_id = ? AND student_id = ?)
                         + (SELECT count(*) FROM backpack_item WHERE district_id = ? AND student_id = ?)
                         + (SELECT count(*) FROM guardian_link WHERE district_id = ? AND student_id = ?)""")
                    .params(district, h, district, h, district, h).query(Long.class).single();
            if (linked > most) {
                most = linked;
                twin = t;
                handMade = h;
                synced = jdbc.sql("SELECT local_id FROM source_link WHERE district_id = ? AND kind = 'person'"
                        + " AND sourced_id = ?").params(district, t.rosterSourcedId()).query(Long.class).single();
            }
        }
        long announcements = jdbc.sql("SELECT count(*) FROM announcement WHERE district_id = ? AND student_id = ?")
                .params(district, handMade).query(Long.class).single();
        assertThat(announcements).isPositive();

        page.getByRole(com.microsoft.playwright.options.AriaRole.LINK, new Page.GetByRoleOptions().setName("Setup")
                .setExact(true)).click();
        assertThat(page.locator(".step").nth(8)).containsText("possible duplicates to review");
        page.getByRole(com.microsoft.playwright.options.AriaRole.LINK, new Page.GetByRoleOptions()
                .setName("Cleanup").setExact(true)).click();
        assertThat(page.locator("#dups + p")).containsText("may be one child");
        accessible(page, "21-cleanup");
        page.getByRole(com.microsoft.playwright.options.AriaRole.LINK, new Page.GetByRoleOptions()
                .setName("review them")).click();
        page.waitForURL(Pattern.compile(".*/console/cleanup/duplicates$"));
        long twinsFound = 0;
        for (io.rostersync.demo.Twin t : io.rostersync.demo.DemoDistrict.records().twins()) {
            twinsFound += jdbc.sql("""
                    SELECT count(*) FROM duplicate_candidate c WHERE c.district_id = ?
                      AND (SELECT id FROM person WHERE district_id = ? AND username = ? AND created_run IS NULL)
                          IN (c.a_id, c.b_id)
                      AND (SELECT local_id FROM source_link WHERE district_id = ? AND kind = 'person'
                           AND sourced_id = ?) IN (c.a_id, c.b_id)""")
                    .params(district, district, t.handMadeUsername(), district, t.rosterSourcedId())
                    .query(Long.class).single();
        }
        assertThat(twinsFound).as("every twin is a candidate, found after the first sync").isEqualTo(
                io.rostersync.demo.DemoDistrict.records().twins().size());
        accessible(page, "22-duplicates");
        page.locator("a[href*='keep=" + synced + "&merge=" + handMade + "']").first().click();
        assertThat(page.locator("h1")).hasText("Merge two student records");
        assertThat(page.locator("#moves ~ table tbody tr").filter(new com.microsoft.playwright.Locator.FilterOptions()
                .setHasText("announcements")).locator("td").first()).hasText(Long.toString(announcements));
        accessible(page, "23-merge-preview");
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions()
                .setName("Merge").setExact(true)).click();
        page.waitForURL(Pattern.compile(".*/console/cleanup/merges/\\d+$"));
        assertThat(page.locator("table")).containsText("announcements");
        accessible(page, "24-merged");
        assertThat(jdbc.sql("SELECT count(*) FROM announcement WHERE district_id = ? AND student_id = ?")
                .params(district, synced).query(Long.class).single()).isEqualTo(announcements);
        page.navigate(url("/console/people/" + handMade));
        assertThat(page.locator(".notice")).containsText("Merged into");
        page.navigate(url("/console/people/" + synced));
        assertThat(page.locator("#announcements")).containsText("(" + announcements + ")");
        page.locator("#merges ~ ul a").first().click();
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions()
                .setName("Undo this merge")).click();
        assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.STATUS)).containsText("went back");
        assertThat(jdbc.sql("SELECT count(*) FROM announcement WHERE district_id = ? AND student_id = ?")
                .params(district, handMade).query(Long.class).single()).isEqualTo(announcements);

        // every student not in the sync, district-wide: confirmed, then undone
        page.getByRole(com.microsoft.playwright.options.AriaRole.LINK, new Page.GetByRoleOptions()
                .setName("Cleanup").setExact(true)).click();
        page.getByRole(com.microsoft.playwright.options.AriaRole.LINK, new Page.GetByRoleOptions()
                .setName("Archive them all")).click();
        long handMadeStudents = jdbc.sql("SELECT count(*) FROM person WHERE district_id = ? AND kind = 'students'"
                + " AND managed_by IS NULL AND state <> 'archived'").param(district).query(Long.class).single();
        accessible(page, "25-archive");
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions()
                .setName("Archive " + handMadeStudents + " students")).click();
        page.waitForURL(Pattern.compile(".*/console/cleanup/archives/\\d+$"));
        accessible(page, "26-archived");
        for (String leaver : io.rostersync.demo.DemoDistrict.records().leftTheDistrict()) {
            assertThat(jdbc.sql("SELECT state FROM person WHERE district_id = ? AND username = ?")
                    .params(district, leaver).query(String.class).single()).isEqualTo("archived");
        }
        assertThat(jdbc.sql("SELECT count(*) FROM person WHERE district_id = ? AND managed_by IS NOT NULL"
                + " AND state = 'archived'").param(district).query(Long.class).single())
                .as("the sync's students are never archived by hand").isZero();
        page.navigate(url("/console/directory?role=student&source=hand"));
        assertThat(page.getByText("Nobody matches.")).isVisible();
        page.goBack();
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions()
                .setName("Undo: put these students back in use")).click();
        assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.STATUS)).containsText("in use again");

        // two ticked in a school's directory
        long school = jdbc.sql("SELECT min(school_id) FROM person_role WHERE district_id = ? AND role = 'student'"
                + " AND managed_by IS NULL").param(district).query(Long.class).single();
        page.navigate(url("/console/directory?role=student&source=hand&school=" + school));
        page.locator("#people tbody input[type=checkbox]").nth(0).check();
        page.locator("#people tbody input[type=checkbox]").nth(1).check();
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions()
                .setName("Archive the ticked students…")).click();
        assertThat(page.locator("main")).containsText("2 students ticked");
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions()
                .setName("Archive 2 students")).click();
        assertThat(page.locator("main")).containsText("2 students archived");
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions()
                .setName("Undo: put these students back in use")).click();
        assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.STATUS)).containsText("in use again");
    }

    /** A pattern for exactly this text, escaped by hand: Playwright hands it to the browser, whose regexes know no Pattern.quote. */
    private static Pattern exactly(String text) {
        return Pattern.compile("^" + text.replaceAll("[\\^$.|?*+()\\[\\]{}\\\\]", "\\\\$0") + "$");
    }

    /** Runs axe-core in the page: no serious or critical violation; and saves the page's screenshot. */
    private static void accessible(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
        page.addScriptTag(new Page.AddScriptTagOptions().setContent(axe));
        Object violations = page.evaluate("async () => { const r = await axe.run(document);"
                + " return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')"
                + ".map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at '"
                + " + v.nodes.map(n => n.target.join(' ')).join(', ')); }");
        assertThat((List<?>) violations).as("axe on %s", name).isEmpty();
    }
}
