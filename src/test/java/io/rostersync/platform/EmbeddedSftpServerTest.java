package io.rostersync.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.SshException;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves Apache MINA SSHD 2.20.0: an embedded SFTP server on an ephemeral port, each user chrooted by a
 * {@link VirtualFileSystemFactory}, password authentication; the MINA {@link SftpClient} uploads a file that then
 * appears in the user's chroot folder on disk, cannot climb out of it, and a wrong password is refused.
 */
class EmbeddedSftpServerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path root;

    @Test
    void passwordUserUploadsIntoChrootAndWrongPasswordIsRefused() throws Exception {
        Path aliceHome = Files.createDirectories(root.resolve("chroot/alice"));
        VirtualFileSystemFactory fileSystems = new VirtualFileSystemFactory();
        fileSystems.setUserHomeDir("alice", aliceHome);

        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider()); // EC host key, in memory
        server.setPasswordAuthenticator((user, password, session) -> "alice".equals(user) && "s3cret".equals(password));
        server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        server.setFileSystemFactory(fileSystems);

        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        server.start();
        client.start();
        try {
            int port = server.getPort();
            assertThat(port).isPositive();
            byte[] csv = "sourcedId,status\nu1,active\n".getBytes(StandardCharsets.UTF_8);

            try (ClientSession session = login(client, port, "s3cret");
                 SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
                assertThat(sftp.canonicalPath("/../..")).as("the chroot is the user's root").isEqualTo("/");
                sftp.mkdir("/incoming");
                try (OutputStream out = sftp.write("/incoming/users.csv")) {
                    out.write(csv);
                }
                assertThat(sftp.stat("/incoming/users.csv").getSize()).isEqualTo(csv.length);
            }
            assertThat(aliceHome.resolve("incoming/users.csv")).hasBinaryContent(csv);
            assertThat(root.resolve("incoming")).doesNotExist();

            assertThatThrownBy(() -> login(client, port, "wrong").close())
                    .isInstanceOf(SshException.class)
                    .hasMessageContaining("No more authentication methods available");
        } finally {
            client.stop();
            server.stop(true);
        }
    }

    private static ClientSession login(SshClient client, int port, String password) throws IOException {
        ClientSession session = client.connect("alice", "127.0.0.1", port).verify(TIMEOUT).getSession();
        try {
            session.addPasswordIdentity(password);
            session.auth().verify(TIMEOUT);
            return session;
        } catch (IOException | RuntimeException e) {
            session.close();
            throw e;
        }
    }
}
