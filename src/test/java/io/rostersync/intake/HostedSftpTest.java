package io.rostersync.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rostersync.TestClock;
import io.rostersync.storage.Database;
import io.rostersync.storage.TestDatabases;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SFTP folder we host, through the MINA client: chrooted accounts, lockouts, a kept host key, a log. */
@Tag("database")
class HostedSftpTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static Database db;
    private static long elm;
    private static long oak;

    @TempDir
    Path dataDir;

    private final TestClock clock = new TestClock(Instant.parse("2026-12-04T02:00:00Z"));
    private HostedSftp server;
    private SshClient client;
    private final List<PublicKey> hostKeysSeen = new ArrayList<>();

    @BeforeAll
    static void database() throws Exception {
        db = TestDatabases.fresh("sftp");
        elm = district("elm");
        oak = district("oak");
        SftpAccounts accounts = new SftpAccounts(db.dataSource());
        accounts.save(elm, "elm-sis", "elm-password-1");
        accounts.save(oak, "oak-sis", "oak-password-1");
    }

    private static long district(String slug) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("INSERT INTO district (slug, name) VALUES ('" + slug + "', '" + slug
                        + "') RETURNING id")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    @BeforeEach
    void start() throws IOException {
        server = HostedSftp.start(db.dataSource(), dataDir, "127.0.0.1", 0, clock);
        client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier((session, address, key) -> hostKeysSeen.add(key));
        client.start();
    }

    @AfterEach
    void stop() throws IOException {
        client.stop();
        server.close();
    }

    private ClientSession login(String user, String password) throws IOException {
        ClientSession session = client.connect(user, "127.0.0.1", server.port()).verify(TIMEOUT).getSession();
        session.addPasswordIdentity(password);
        try {
            session.auth().verify(TIMEOUT);
        } catch (IOException | RuntimeException e) {
            session.close();
            throw e;
        }
        return session;
    }

    private static void write(SftpClient sftp, String path, String text) throws IOException {
        try (OutputStream out = sftp.write(path)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private List<String> events(String user) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT event, coalesce(district_id::text, '-'), coalesce(detail, '')"
                        + " FROM sftp_event WHERE username = '" + user + "' ORDER BY id")) {
            while (rs.next()) {
                out.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3));
            }
        }
        return out;
    }

    @Test
    void aDistrictsAccountWritesIntoItsOwnFolderAndEveryLoginAndFileIsLogged() throws Exception {
        try (ClientSession session = login("elm-sis", "elm-password-1");
                SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
            write(sftp, "/users.csv", "sourcedId,status\nu1,active\n");
        }
        assertThat(server.folderOf(elm).resolve("users.csv")).hasContent("sourcedId,status\nu1,active");
        assertThat(events("elm-sis")).anyMatch(e -> e.startsWith("login|" + elm + "|password"))
                .anyMatch(e -> e.startsWith("file_written|" + elm + "|/users.csv (27 bytes)"));
    }

    /** OpenSSH's own client, as a district's SIS runs it: password by SSH_ASKPASS, no terminal. */
    @Test
    void openSshsSftpPutsAFileIntoTheDistrictsFolder() throws Exception {
        Path sftp = Path.of("/usr/bin/sftp");
        assertThat(sftp).as("OpenSSH's sftp (apt-get install -y openssh-client)").exists();
        Path askpass = dataDir.resolve("askpass.sh");
        Files.writeString(askpass, "#!/bin/sh\necho elm-password-1\n");
        askpass.toFile().setExecutable(true);
        Path batch = dataDir.resolve("batch");
        Path file = dataDir.resolve("classes.csv");
        Files.writeString(file, "sourcedId,title\nk1,Algebra\n");
        Files.writeString(batch, "put " + file + "\nls\n");
        ProcessBuilder pb = new ProcessBuilder("setsid", "-w", sftp.toString(), "-P", Integer.toString(server.port()),
                "-o", "BatchMode=no", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                "-o", "PreferredAuthentications=password", "-b", batch.toString(), "elm-sis@127.0.0.1")
                .redirectErrorStream(true);
        pb.environment().put("SSH_ASKPASS", askpass.toString());
        pb.environment().put("SSH_ASKPASS_REQUIRE", "force");
        pb.environment().put("DISPLAY", "none");
        Process process = pb.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        assertThat(server.folderOf(elm).resolve("classes.csv")).hasContent("sourcedId,title\nk1,Algebra");
    }

    @Test
    void anAccountSeesNothingOutsideItsDistrictsFolder() throws Exception {
        Files.createDirectories(server.folderOf(oak));
        Files.writeString(server.folderOf(oak).resolve("users.csv"), "oak's children");
        Files.writeString(server.folderOf(oak).getParent().resolve("secret.txt"), "the server's");
        try (ClientSession session = login("elm-sis", "elm-password-1");
                SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
            assertThat(sftp.canonicalPath("/../..")).isEqualTo("/");
            for (String path : List.of("/../" + oak + "/users.csv", "../" + oak + "/users.csv", "/../secret.txt",
                    "/../../../../etc/passwd")) {
                assertThatThrownBy(() -> sftp.read(path).readAllBytes()).as(path).isInstanceOf(IOException.class);
            }
            List<String> names = new ArrayList<>();
            sftp.readDir("/..").forEach(e -> names.add(e.getFilename()));
            assertThat(names).doesNotContain("secret.txt", Long.toString(oak));
            // a link the client makes points inside the folder, whatever it names
            try {
                sftp.symLink("/escape", "/..");
            } catch (IOException refused) {
                // refusing to make it is as good
            }
            assertThatThrownBy(() -> sftp.read("/escape/secret.txt").readAllBytes()).isInstanceOf(IOException.class);
            assertThatThrownBy(() -> sftp.read("/escape/" + oak + "/users.csv").readAllBytes())
                    .isInstanceOf(IOException.class);
        }
        assertThat(Files.readString(server.folderOf(oak).resolve("users.csv"))).isEqualTo("oak's children");
    }

    @Test
    void aFileWhoseConnectionDroppedStaysUnfinishedUntilItIsSentAgain() throws Exception {
        byte[] half = "sourcedId,status\nu1,act".getBytes(StandardCharsets.UTF_8);
        try (ClientSession session = login("elm-sis", "elm-password-1")) {
            SftpClient sftp = SftpClientFactory.instance().createSftpClient(session);
            SftpClient.CloseableHandle handle = sftp.open("/enrollments.csv", SftpClient.OpenMode.Write,
                    SftpClient.OpenMode.Create);
            sftp.write(handle, 0, half);
            assertThat(server.unfinished(elm, "enrollments.csv")).as("open for writing").isTrue();
            session.close(true); // the connection drops: the client never closes the file
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (events("elm-sis").stream().noneMatch(e -> e.startsWith("file_interrupted|")) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(events("elm-sis")).anyMatch(e -> e.startsWith("file_interrupted|" + elm + "|/enrollments.csv"));
        assertThat(server.folderOf(elm).resolve("enrollments.csv")).hasBinaryContent(half);
        assertThat(server.unfinished(elm, "enrollments.csv")).as("looks whole on disk, is not").isTrue();

        try (ClientSession session = login("elm-sis", "elm-password-1");
                SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
            write(sftp, "/enrollments.csv", "sourcedId,status\nu1,active\n");
        }
        assertThat(server.unfinished(elm, "enrollments.csv")).as("sent again, whole").isFalse();
    }

    @Test
    void repeatedWrongPasswordsLockTheAccountOutEvenForTheRightOneUntilTheLockRunsOut() throws Exception {
        for (int i = 0; i < 6; i++) {
            assertThatThrownBy(() -> login("oak-sis", "guess").close()).isInstanceOf(Exception.class);
        }
        assertThatThrownBy(() -> login("oak-sis", "oak-password-1").close()).as("locked out")
                .isInstanceOf(Exception.class);
        assertThat(events("oak-sis")).anyMatch(e -> e.startsWith("locked|" + oak + "|until"))
                .anyMatch(e -> e.startsWith("refused|" + oak + "|password; locked out until"));
        clock.advance(Duration.ofMinutes(2));
        login("oak-sis", "oak-password-1").close();
        assertThatThrownBy(() -> login("nobody", "guess").close()).isInstanceOf(Exception.class);
        assertThat(events("nobody")).as("no district's to keep").isEmpty();
    }

    @Test
    void aPublicKeyOfTheAccountLogsIn() throws Exception {
        KeyPair pair = ecKeyPair();
        String line = PublicKeyEntry.toString(pair.getPublic()) + " sis@elm";
        assertThat(new SftpAccounts(db.dataSource()).addPublicKey(elm, line))
                .isEqualTo(KeyUtils.getFingerPrint(pair.getPublic()));
        try (ClientSession session = client.connect("elm-sis", "127.0.0.1", server.port()).verify(TIMEOUT)
                .getSession()) {
            session.addPublicKeyIdentity(pair);
            session.auth().verify(TIMEOUT);
        }
        KeyPair other = ecKeyPair();
        assertThatThrownBy(() -> {
            try (ClientSession session = client.connect("oak-sis", "127.0.0.1", server.port()).verify(TIMEOUT)
                    .getSession()) {
                session.addPublicKeyIdentity(other);
                session.auth().verify(TIMEOUT);
            }
        }).isInstanceOf(Exception.class);
        assertThatThrownBy(() -> new SftpAccounts(db.dataSource()).addPublicKey(elm, "not a key"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static KeyPair ecKeyPair() throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        return generator.generateKeyPair();
    }

    @Test
    void theHostKeyIsKeptAcrossRestarts() throws Exception {
        login("elm-sis", "elm-password-1").close();
        server.close();
        server = HostedSftp.start(db.dataSource(), dataDir, "127.0.0.1", 0, clock);
        login("elm-sis", "elm-password-1").close();
        assertThat(hostKeysSeen).hasSize(2);
        assertThat(KeyUtils.compareKeys(hostKeysSeen.get(0), hostKeysSeen.get(1))).isTrue();
    }
}
