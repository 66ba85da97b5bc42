package io.rostersync.intake;

import io.rostersync.accounts.LoginThrottle;
import io.rostersync.intake.internal.DistrictFolders;
import io.rostersync.intake.internal.FileLog;
import io.rostersync.intake.internal.Logins;
import io.rostersync.intake.internal.SftpEvents;
import io.rostersync.intake.internal.Uploads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.password.UserAuthPasswordFactory;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * The SFTP server we host (Apache MINA SSHD): one account per district ({@link SftpAccounts}),
 * each chrooted to its district's folder under {@code DATA_DIR/sftp}; the host key generated on
 * the first start and kept in the data directory, so that clients that pinned it keep trusting it;
 * failed logins lock the account and the address out for longer each time; every login, refusal
 * and file is logged; a file whose connection dropped before the client closed it stays unfinished.
 */
public final class HostedSftp implements AutoCloseable {

    private final SshServer server;
    private final DistrictFolders folders;
    private final Uploads uploads;

    private HostedSftp(SshServer server, DistrictFolders folders, Uploads uploads) {
        this.server = server;
        this.folders = folders;
        this.uploads = uploads;
    }

    /**
     * @param port the port to listen on; 0 for any free one
     */
    public static HostedSftp start(DataSource dataSource, Path dataDir, String host, int port, Clock clock)
            throws IOException {
        Path root = Files.createDirectories(dataDir.resolve("sftp"));
        SimpleGeneratorHostKeyProvider hostKey = new SimpleGeneratorHostKeyProvider(dataDir.resolve("sftp-host-key"));
        hostKey.setAlgorithm(KeyUtils.EC_ALGORITHM);
        SftpEvents events = new SftpEvents(dataSource);
        Logins logins = new Logins(new SftpAccounts(dataSource), events, new LoginThrottle(clock));
        DistrictFolders folders = new DistrictFolders(root);
        Uploads uploads = new Uploads();
        SftpSubsystemFactory sftp = new SftpSubsystemFactory();
        sftp.addSftpEventListener(new FileLog(events, uploads));

        SshServer server = SshServer.setUpDefaultServer();
        server.setHost(host);
        server.setPort(port);
        server.setKeyPairProvider(hostKey);
        server.setPasswordAuthenticator(logins);
        server.setPublickeyAuthenticator(logins);
        server.setKeyboardInteractiveAuthenticator(null);
        // passwords and keys only, each through the lockout; no keyboard-interactive fallback
        server.setUserAuthFactories(List.of(UserAuthPasswordFactory.INSTANCE, UserAuthPublicKeyFactory.INSTANCE));
        server.setFileSystemFactory(folders);
        server.setSubsystemFactories(List.of(sftp));
        server.setShellFactory(null);
        server.setCommandFactory(null);
        server.start();
        return new HostedSftp(server, folders, uploads);
    }

    public int port() {
        return server.getPort();
    }

    /** The folder a district's account sees as its root. */
    public Path folderOf(long districtId) {
        return folders.folderOf(districtId);
    }

    /**
     * Whether a file of a district's folder (its name there) is being written, or was left
     * unfinished by a connection that dropped: its drop is not complete.
     */
    public boolean unfinished(long districtId, String name) {
        return uploads.unfinished(districtId, name);
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }
}
