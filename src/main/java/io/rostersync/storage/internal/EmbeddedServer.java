package io.rostersync.storage.internal;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The embedded PostgreSQL of a data directory. One process owns it: the one holding the lock on
 * {@code postgres.lock}, which writes the server's port to {@code postgres.port}. Any other process
 * started on the same directory connects to that port instead of starting a second server.
 */
public final class EmbeddedServer implements AutoCloseable {

    static final String DATABASE = "rostersync";
    static final String USER = "postgres";

    private final EmbeddedPostgres postgres;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Path portFile;

    private EmbeddedServer(EmbeddedPostgres postgres, FileChannel lockChannel, FileLock lock, Path portFile) {
        this.postgres = postgres;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.portFile = portFile;
    }

    /** How to reach the embedded server: its JDBC URL, and the server itself when this process owns it. */
    public record Endpoint(String jdbcUrl, String user, EmbeddedServer ownedServer) {
    }

    public static Endpoint openIn(Path dataDirectory) throws IOException {
        Path dir = dataDirectory.toAbsolutePath();
        Files.createDirectories(dir);
        Path portFile = dir.resolve("postgres.port");
        FileChannel channel = FileChannel.open(dir.resolve("postgres.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            lock = null; // this JVM already owns the server
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            return shared(portFile);
        }
        try {
            stopOrphan(dir.resolve("postgres"));
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dir.resolve("postgres"))
                    .setCleanDataDirectory(false)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    // a district's nightly load writes millions of rows in one transaction: fewer,
                    // later checkpoints and a larger cache than PostgreSQL's defaults for small boxes
                    .setServerConfig("shared_buffers", "512MB")
                    .setServerConfig("max_wal_size", "4GB")
                    .setServerConfig("checkpoint_timeout", "15min")
                    // the first change to a page after a checkpoint logs the whole page; compressing
                    // those with pglz (this build has no lz4) cost a night's churn more CPU than the
                    // bytes it saved: 80,000 memberships took 7 s to insert with it, 2.4 s without
                    .setServerConfig("wal_compression", "off")
                    .setServerConfig("maintenance_work_mem", "256MB")
                    .setServerConfig("work_mem", "32MB")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            createDatabaseIfMissing(postgres.getPort());
            Files.writeString(portFile, Integer.toString(postgres.getPort()), StandardCharsets.US_ASCII);
            EmbeddedServer server = new EmbeddedServer(postgres, channel, lock, portFile);
            return new Endpoint(url(postgres.getPort()), USER, server);
        } catch (IOException | RuntimeException e) {
            lock.release();
            channel.close();
            throw e;
        }
    }

    /**
     * A process that owned this data directory and was killed (SIGKILL, a crash) leaves its
     * PostgreSQL running, which would keep the next owner from starting: we hold the lock now, so
     * that server has no owner. Stop it (a fast, clean shutdown; PostgreSQL recovers from its WAL
     * in any case) before starting our own. Only a postgres process of this very data directory.
     */
    private static void stopOrphan(Path pgData) throws IOException {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readAllLines(pidFile, StandardCharsets.US_ASCII).get(0).trim());
        } catch (RuntimeException e) {
            return; // not a pid file PostgreSQL wrote; PostgreSQL itself will judge it
        }
        java.util.Optional<ProcessHandle> orphan = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().map(cmd -> cmd.contains("postgres")
                        && cmd.contains(pgData.toString())).orElse(false));
        if (orphan.isEmpty()) {
            return;
        }
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start().waitFor();
            orphan.get().onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping the orphaned database server " + pid, e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException("the orphaned database server " + pid + " in " + pgData + " did not stop", e);
        }
    }

    private static Endpoint shared(Path portFile) throws IOException {
        if (!Files.exists(portFile)) {
            throw new IOException("Another process holds the data directory " + portFile.getParent()
                    + " but has not written its port yet; try again in a moment.");
        }
        int port = Integer.parseInt(Files.readString(portFile, StandardCharsets.US_ASCII).trim());
        try (Connection c = DriverManager.getConnection(url(port), USER, null)) {
            c.isValid(5);
        } catch (SQLException e) {
            throw new IOException("The data directory " + portFile.getParent() + " is held by another process,"
                    + " but its database on port " + port + " does not answer: " + e.getMessage(), e);
        }
        return new Endpoint(url(port), USER, null);
    }

    static String url(int port) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    private static void createDatabaseIfMissing(int port) throws IOException {
        String admin = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        try (Connection c = DriverManager.getConnection(admin, USER, null); Statement s = c.createStatement()) {
            var rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'");
            if (!rs.next()) {
                s.execute("CREATE DATABASE " + DATABASE);
            }
        } catch (SQLException e) {
            throw new IOException("could not create the database " + DATABASE + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            Files.deleteIfExists(portFile);
            postgres.close();
        } finally {
            lock.release();
            lockChannel.close();
        }
    }
}
