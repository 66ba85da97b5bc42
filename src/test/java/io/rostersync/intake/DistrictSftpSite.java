package io.rostersync.intake;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.security.KeyPair;
import java.util.List;
import java.util.Set;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.SftpFileSystemAccessor;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.apache.sshd.sftp.server.SftpSubsystemProxy;

/**
 * A district's own SFTP server, for tests of the poller: one account with a password and, if set, a
 * public key; a host key that can be swapped; reads of a named file that break off halfway.
 */
public final class DistrictSftpSite implements AutoCloseable {
    public final Path home;
    private final String user;
    private final String password;
    KeyPair hostKey;
    volatile java.security.PublicKey authorizedKey;
    volatile String breakReadsOf;
    private SshServer server;
    private final java.util.concurrent.atomic.AtomicInteger logins = new java.util.concurrent.atomic.AtomicInteger();
    private int port;

    public DistrictSftpSite(Path home, KeyPair hostKey, String user, String password) throws IOException {
        this.home = home;
        this.user = user;
        this.password = password;
        this.hostKey = hostKey;
        start(0);
    }

    public KeyPair hostKey() {
        return hostKey;
    }

    /** How many sessions logged in since the server started. */
    public int logins() {
        return logins.get();
    }

    public int port() {
        return port;
    }

    void restartWith(KeyPair newHostKey) throws IOException {
        server.stop(true);
        hostKey = newHostKey;
        start(port);
    }

    private void start(int onPort) throws IOException {
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(onPort);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPasswordAuthenticator((name, given, session) -> {
            boolean ok = user.equals(name) && password.equals(given);
            if (ok) {
                logins.incrementAndGet();
            }
            return ok;
        });
        server.setPublickeyAuthenticator((name, key, session) -> user.equals(name) && authorizedKey != null
                && KeyUtils.compareKeys(authorizedKey, key));
        VirtualFileSystemFactory files = new VirtualFileSystemFactory();
        files.setUserHomeDir(user, home);
        server.setFileSystemFactory(files);
        server.setSubsystemFactories(List.of(new SftpSubsystemFactory.Builder()
                .withFileSystemAccessor(new BreakingAccessor()).build()));
        server.start();
        port = server.getPort();
    }

    /** Reads that stop halfway through the named file, and the connection dropped. */
    private final class BreakingAccessor implements SftpFileSystemAccessor {
        @Override
        public SeekableByteChannel openFile(SftpSubsystemProxy subsystem, FileHandle fileHandle, Path file,
                String handle, Set<? extends OpenOption> options, FileAttribute<?>... attrs) throws IOException {
            SeekableByteChannel channel = SftpFileSystemAccessor.super.openFile(subsystem, fileHandle, file, handle,
                    options, attrs);
            if (!file.getFileName().toString().equals(breakReadsOf)) {
                return channel;
            }
            return new HalfChannel(channel, subsystem);
        }
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }

    /** A file channel that gives the first bytes, then drops the connection. */
    private static final class HalfChannel implements SeekableByteChannel {
        private final SeekableByteChannel channel;
        private final SftpSubsystemProxy subsystem;

        HalfChannel(SeekableByteChannel channel, SftpSubsystemProxy subsystem) {
            this.channel = channel;
            this.subsystem = subsystem;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            if (channel.position() > 100) {
                subsystem.getServerSession().close(true);
                throw new IOException("the connection dropped");
            }
            return channel.read(dst);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            return channel.write(src);
        }

        @Override
        public long position() throws IOException {
            return channel.position();
        }

        @Override
        public SeekableByteChannel position(long newPosition) throws IOException {
            channel.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return channel.size();
        }

        @Override
        public SeekableByteChannel truncate(long size) throws IOException {
            channel.truncate(size);
            return this;
        }

        @Override
        public boolean isOpen() {
            return channel.isOpen();
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
