package io.rostersync.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rostersync.TestClock;
import io.rostersync.directory.Districts;
import io.rostersync.generator.GeneratorOptions;
import io.rostersync.generator.RosterGenerator;
import io.rostersync.schedule.DropRunner;
import io.rostersync.storage.Database;
import io.rostersync.storage.SecretBox;
import io.rostersync.storage.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Polling a district's own SFTP site, against a second, embedded MINA server playing the district's:
 * the host key pinned on the first connection and a changed one refused; passwords and keys sealed
 * at rest; a complete drop downloaded once, then only what is new; a download that breaks off kept
 * nowhere; a marker file; results written to out/.
 */
@Tag("database")
class SftpPollerTest {

    private static final String USER = "rostersync";
    private static final String PASSWORD = "district-site-password-1";
    private static final Duration INTERVAL = Duration.ofMinutes(1);

    private static Database db;
    private static Path packageDir;
    private static Path zip;

    @TempDir
    static Path generated;

    @TempDir
    Path dataDir;

    @TempDir
    Path siteRoot;

    private final TestClock clock = new TestClock(Instant.now());
    private final SecretBox secrets = SecretBox.withRandomKey();
    private DistrictSftpSite site;
    private SftpPoller poller;
    private SftpSites sites;
    private long district;

    @BeforeAll
    static void setUp() throws Exception {
        db = TestDatabases.fresh("poller");
        packageDir = RosterGenerator.generate(GeneratorOptions.of(60), generated.resolve("day0")).output();
        zip = RosterGenerator.generate(GeneratorOptions.of(60), generated.resolve("day0.zip")).output();
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    @BeforeEach
    void start() throws Exception {
        site = new DistrictSftpSite(Files.createDirectories(siteRoot.resolve("home")), KeyUtils.generateKeyPair(
                KeyPairProvider.ECDSA_SHA2_NISTP256, 256), USER, PASSWORD);
        Files.createDirectories(site.home.resolve("export"));
        district = new Districts(db.dataSource()).findOrCreate("poll-" + System.nanoTime()).id();
        sites = new SftpSites(db.dataSource(), secrets);
        poller = new SftpPoller(db.dataSource(), secrets, dataDir, INTERVAL, Duration.ofSeconds(30),
                Duration.ofSeconds(10), clock, true);
    }

    @AfterEach
    void stop() throws Exception {
        sites.delete(district); // the next test's polls are its own
        poller.close();
        site.close();
    }

    /** The site saved, and its host key pinned by a connection test, as an admin does before polls start. */
    private SftpSite connect(boolean writeResults) throws Exception {
        sites.save(district, new SftpSiteSettings("127.0.0.1", site.port(), USER, "/export", PASSWORD, null,
                null, writeResults, true));
        assertThat(poller.test(district).connected()).isTrue();
        return sites.find(district).orElseThrow();
    }

    /** The next poll's time, and a poll. */
    private List<Intakes.Intake> pollLater(Duration by) throws Exception {
        clock.advance(by);
        return poller.pollDue();
    }

    @Test
    void aConnectionTestPinsTheServersHostKeyAndListsTheFolder() throws Exception {
        sites.save(district, new SftpSiteSettings("127.0.0.1", site.port(), USER, "/export", PASSWORD, null, null,
                false, true));
        Files.writeString(site.home.resolve("export/users.csv"), "sourcedId\n");
        Files.writeString(site.home.resolve("export/.hidden"), "x");
        Files.createDirectories(site.home.resolve("export/archive"));

        SftpPoller.ConnectionTest first = poller.test(district);
        assertThat(first.connected()).as(first.problem()).isTrue();
        assertThat(first.hostKeyFingerprint()).isEqualTo(KeyUtils.getFingerPrint(site.hostKey.getPublic()));
        assertThat(first.pinnedNow()).isTrue();
        assertThat(first.files()).as("every file, hidden ones too; no folder").extracting(SftpPoller.RemoteFile::name)
                .containsExactly(".hidden", "users.csv");
        assertThat(sites.find(district).orElseThrow().hostKeyFingerprint()).isEqualTo(first.hostKeyFingerprint());

        SftpPoller.ConnectionTest second = poller.test(district);
        assertThat(second.connected()).isTrue();
        assertThat(second.pinnedNow()).as("pinned once").isFalse();
    }

    @Test
    void nothingIsDownloadedBeforeAnAdminHasSeenAndPinnedTheHostKey() throws Exception {
        sites.save(district, new SftpSiteSettings("127.0.0.1", site.port(), USER, "/export", PASSWORD, null, null,
                false, true));
        copyPackageTo(site.home.resolve("export"));
        assertThat(pollLater(Duration.ofSeconds(1))).isEmpty();
        assertThat(pollLater(INTERVAL.plusSeconds(31))).isEmpty();
        assertThat(sites.find(district).orElseThrow().pollError()).contains("not pinned", "Test the connection");
        assertThat(sites.find(district).orElseThrow().hostKey()).as("a poll never pins").isNull();
    }

    @Test
    void anotherServerOrUserNeedsItsSecretAgainAndForgetsThePinnedKey() throws Exception {
        connect(false);
        assertThat(sites.find(district).orElseThrow().hostKey()).isNotNull();
        assertThatThrownBy(() -> sites.save(district, new SftpSiteSettings("127.0.0.2", site.port(), USER, "/export",
                null, null, null, false, true))).isInstanceOf(SftpSites.InvalidSiteException.class)
                .hasMessageContaining("password or key given again");
        assertThatThrownBy(() -> sites.save(district, new SftpSiteSettings("127.0.0.1", site.port(), "someone-else",
                "/export", null, null, null, false, true))).isInstanceOf(SftpSites.InvalidSiteException.class);
        SftpSite moved = sites.save(district, new SftpSiteSettings("127.0.0.1", site.port() + 1, USER, "/export",
                PASSWORD, null, null, false, true));
        assertThat(moved.hostKey()).as("another server: its key is not the one pinned").isNull();
        SftpSite sameServer = sites.save(district, new SftpSiteSettings("127.0.0.1", site.port() + 1, USER,
                "/elsewhere", null, null, null, false, true));
        assertThat(sameServer.hasPassword()).as("the same server and user keep the saved password").isTrue();
    }

    @Test
    void aPrivateOrLocalAddressIsRefusedUnlessTheOperatorAllowsIt() throws Exception {
        sites.save(district, new SftpSiteSettings("127.0.0.1", site.port(), USER, "/export", PASSWORD, null, null,
                false, true));
        try (SftpPoller strict = new SftpPoller(db.dataSource(), secrets, dataDir, INTERVAL, Duration.ofSeconds(30),
                Duration.ofSeconds(10), clock, false)) {
            SftpPoller.ConnectionTest test = strict.test(district);
            assertThat(test.connected()).isFalse();
            assertThat(test.problem()).contains("private or local address");
            assertThat(test.hint()).contains("allow-private-hosts");
            assertThat(site.logins()).as("never connected").isZero();
        }
    }

    @Test
    void thePasswordIsSealedAtRestAndOpensOnlyWithTheInstallationsKey() throws Exception {
        SftpSite saved = connect(false);
        assertThat(saved.hasPassword()).isTrue();
        assertThat(saved.hasPrivateKey()).isFalse();
        try (Connection c = db.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT password_sealed FROM sftp_site WHERE district_id = ?")) {
            s.setLong(1, district);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                assertThat(rs.getString(1)).startsWith("v1:").doesNotContain(PASSWORD);
            }
        }
        try (SftpPoller otherKey = new SftpPoller(db.dataSource(), SecretBox.withRandomKey(), dataDir, INTERVAL,
                Duration.ofSeconds(30), Duration.ofSeconds(10), clock, true)) {
            SftpPoller.ConnectionTest test = otherKey.test(district);
            assertThat(test.connected()).isFalse();
            assertThat(test.problem()).contains("cannot be used", "another key");
            assertThat(test.hint()).contains("again");
        }
        // saving without a password keeps the one saved; an empty one with no key is refused
        sites.save(district, new SftpSiteSettings("127.0.0.1", site.port(), USER, "/export", null, null, null, false,
                true));
        assertThat(poller.test(district).connected()).isTrue();
        assertThatThrownBy(() -> sites.save(district, new SftpSiteSettings("127.0.0.1", site.port(), USER, "/export",
                "", null, null, false, true))).isInstanceOf(SftpSites.InvalidSiteException.class)
                .hasMessageContaining("password or a private key");
    }

    @Test
    void aChangedHostKeyIsRefusedUntilAnAdminForgetsThePinnedOne() throws Exception {
        connect(false);
        copyPackageTo(site.home.resolve("export"));
        assertThat(pollLater(Duration.ofSeconds(1))).as("first seen").isEmpty();
        KeyPair impostor = KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
        site.restartWith(impostor);

        // the files are complete by now: only the key check stands between them and a download
        assertThat(pollLater(INTERVAL.plusSeconds(31))).as("nothing downloaded from the impostor").isEmpty();
        assertThat(new Intakes(db.dataSource()).list(district, 10)).isEmpty();
        SftpSite after = sites.find(district).orElseThrow();
        assertThat(after.pollError()).contains("host key has changed")
                .contains(KeyUtils.getFingerPrint(impostor.getPublic()));
        SftpPoller.ConnectionTest test = poller.test(district);
        assertThat(test.connected()).isFalse();
        assertThat(test.hint()).contains("forget the pinned key");

        sites.forgetHostKey(district);
        SftpPoller.ConnectionTest again = poller.test(district);
        assertThat(again.connected()).isTrue();
        assertThat(again.pinnedNow()).isTrue();
        assertThat(again.hostKeyFingerprint()).isEqualTo(KeyUtils.getFingerPrint(impostor.getPublic()));
    }

    @Test
    void aWrongPasswordOrAnUnknownHostIsExplained() throws Exception {
        sites.save(district, new SftpSiteSettings("127.0.0.1", site.port(), USER, "/export", "not-it", null, null,
                false, true));
        SftpPoller.ConnectionTest refused = poller.test(district);
        assertThat(refused.connected()).isFalse();
        assertThat(refused.problem()).contains("refused to log in").contains(USER);

        sites.save(district, new SftpSiteSettings("127.0.0.1", site.port(), USER, "/nowhere", PASSWORD, null, null,
                false, true));
        assertThat(poller.test(district).problem()).contains("no folder /nowhere");

        int closed = site.port();
        site.close();
        sites.save(district, new SftpSiteSettings("127.0.0.1", closed, USER, "/export", PASSWORD, null, null, false,
                true));
        assertThat(poller.test(district).problem()).contains("Nothing answers on 127.0.0.1 port " + closed);
    }

    @Test
    void aPrivateKeyLogsInAndAKeyThatCannotBeReadIsRefusedWhenSaved() throws Exception {
        KeyPair ours = KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
        site.authorizedKey = ours.getPublic();
        ByteArrayOutputStream pem = new ByteArrayOutputStream();
        OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(ours, "rostersync", null, pem);

        SftpSite saved = sites.save(district, new SftpSiteSettings("127.0.0.1", site.port(), USER, "/export", null,
                pem.toString(StandardCharsets.UTF_8), null, false, true));
        assertThat(saved.hasPrivateKey()).isTrue();
        assertThat(poller.test(district).connected()).isTrue();

        assertThatThrownBy(() -> sites.save(district, new SftpSiteSettings("127.0.0.1", site.port(), USER, "/export",
                null, "-----BEGIN OPENSSH PRIVATE KEY-----\nnot a key\n-----END OPENSSH PRIVATE KEY-----", null, false,
                true))).isInstanceOf(SftpSites.InvalidSiteException.class).hasMessageContaining("cannot be read");
    }

    @Test
    void aCompleteDropIsDownloadedOnceThenOnlyTheFilesThatChanged() throws Exception {
        connect(false);
        copyPackageTo(site.home.resolve("export"));
        List<String> names = names(packageDir);

        assertThat(pollLater(Duration.ofSeconds(1))).as("seen only now: may still be growing").isEmpty();
        List<Intakes.Intake> taken = pollLater(INTERVAL.plusSeconds(1));
        assertThat(taken).hasSize(1);
        Intakes.Intake drop = taken.get(0);
        assertThat(drop.channel()).isEqualTo("poll");
        assertThat(drop.files()).containsExactlyElementsOf(names);
        for (String name : names) {
            assertThat(drop.path().resolve(name)).hasSameBinaryContentAs(packageDir.resolve(name));
            assertThat(site.home.resolve("export").resolve(name)).as("the district's files stay").exists();
        }
        assertThat(pollLater(INTERVAL)).as("nothing new").isEmpty();

        Files.writeString(site.home.resolve("export/users.csv"), Files.readString(packageDir.resolve("users.csv"))
                .replace("\n", "\r\n"));
        assertThat(pollLater(INTERVAL)).as("just changed").isEmpty();
        List<Intakes.Intake> next = pollLater(INTERVAL);
        assertThat(next).hasSize(1);
        assertThat(next.get(0).files()).as("the whole package again: one file alone is no OneRoster package")
                .containsExactlyElementsOf(names);
        assertThat(next.get(0).path().resolve("users.csv")).hasContent(Files.readString(packageDir
                .resolve("users.csv")).replace("\n", "\r\n"));
        assertThat(sites.find(district).orElseThrow().pollError()).isNull();
        new DropRunner(db.dataSource(), io.rostersync.TestSecrets.BOX, clock).runWaiting();
        assertThat(new Intakes(db.dataSource()).list(district, 2)).extracting(Intakes.Intake::status)
                .as("both read as whole packages").containsExactly("previewed", "previewed");
    }

    @Test
    void aDownloadThatBreaksOffIsNotKeptAndIsTakenAtTheNextPoll() throws Exception {
        connect(false);
        copyPackageTo(site.home.resolve("export"));
        pollLater(Duration.ofSeconds(1));
        site.breakReadsOf = "users.csv";

        assertThat(pollLater(INTERVAL.plusSeconds(1))).isEmpty();
        assertThat(new Intakes(db.dataSource()).list(district, 10)).as("nothing recorded").isEmpty();
        assertThat(filesUnder(dataDir.resolve("intake"))).as("nothing left on disk").isEmpty();
        assertThat(sites.find(district).orElseThrow().pollError()).isNotNull();

        site.breakReadsOf = null;
        List<Intakes.Intake> taken = pollLater(INTERVAL);
        assertThat(taken).hasSize(1);
        assertThat(taken.get(0).path().resolve("users.csv")).hasSameBinaryContentAs(packageDir.resolve("users.csv"));
        assertThat(sites.find(district).orElseThrow().pollError()).isNull();
    }

    @Test
    void underTheMarkerRuleTheDropIsTakenWhenTheMarkerArrivesAndTheMarkerOnlyOnce() throws Exception {
        connect(false);
        new DropArrivals(db.dataSource()).save(district, new Arrival(Arrival.Completeness.MARKER, null, "done.flag",
                90));
        copyPackageTo(site.home.resolve("export"));
        assertThat(pollLater(Duration.ofSeconds(1))).isEmpty();
        assertThat(pollLater(Duration.ofHours(5))).as("no marker, however long").isEmpty();

        Files.writeString(site.home.resolve("export/done.flag"), "");
        List<Intakes.Intake> taken = pollLater(INTERVAL);
        assertThat(taken).hasSize(1);
        assertThat(taken.get(0).files()).containsExactlyElementsOf(names(packageDir)).doesNotContain("done.flag");
        assertThat(pollLater(INTERVAL)).as("the same marker says nothing new").isEmpty();
        Files.writeString(site.home.resolve("export/users.csv"), Files.readString(packageDir.resolve("users.csv"))
                .replace("\n", "\r\n"));
        assertThat(pollLater(INTERVAL)).as("a new file, but the old marker").isEmpty();
    }

    @Test
    void eachDropsResultIsWrittenToOutBesideTheDistrictsFiles() throws Exception {
        connect(true);
        Files.copy(zip, site.home.resolve("export/roster.zip"));
        pollLater(Duration.ofSeconds(1));
        assertThat(pollLater(INTERVAL.plusSeconds(1))).hasSize(1);
        new DropRunner(db.dataSource(), io.rostersync.TestSecrets.BOX, clock).runWaiting();
        pollLater(INTERVAL);

        List<Path> results = filesUnder(site.home.resolve("export/out"));
        assertThat(results).hasSize(1);
        assertThat(results.get(0).getFileName().toString()).startsWith("rostersync-").endsWith("-previewed.txt");
        String body = Files.readString(results.get(0));
        assertThat(body).startsWith("outcome: previewed\n").contains("files: roster.zip").contains("run: ")
                .contains("errors: 0");

        // the same bytes again: recorded and skipped, and the result says so
        Files.setLastModifiedTime(site.home.resolve("export/roster.zip"),
                java.nio.file.attribute.FileTime.from(Instant.now().plusSeconds(60)));
        pollLater(INTERVAL);
        pollLater(INTERVAL);
        pollLater(INTERVAL);
        assertThat(filesUnder(site.home.resolve("export/out"))).hasSize(2)
                .anySatisfy(p -> assertThat(p.getFileName().toString()).endsWith("-skipped.txt"));
    }

    private static void copyPackageTo(Path folder) throws IOException {
        for (String name : names(packageDir)) {
            Files.copy(packageDir.resolve(name), folder.resolve(name));
        }
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static List<Path> filesUnder(Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
