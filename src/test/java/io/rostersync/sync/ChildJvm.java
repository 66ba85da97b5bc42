package io.rostersync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.rostersync.storage.Database;
import io.rostersync.storage.TestDatabases;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link CrashChild} in its own JVM, on the test classpath, connected to a test's database: the
 * test reads what it prints, line by line, answers it on stdin, and kills it with SIGKILL.
 */
final class ChildJvm implements AutoCloseable {

    /** How long any one step of a child may take before the test gives up: generous, never a measurement. */
    static final long PATIENCE_SECONDS = 300;

    private static final String EOF = "\u0000end of output";

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> transcript = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Writer stdin;

    private ChildJvm(Process process) {
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    transcript.add(line);
                    lines.add(line);
                }
            } catch (IOException e) {
                transcript.add("(reading the child's output failed: " + e + ")");
            } finally {
                lines.add(EOF);
            }
        }, "child-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@link CrashChild} with the database's URL, user and password followed by {@code args}.
     * The password is not in {@link Database}: on the embedded server there is none, on a configured
     * one it is the one {@link TestDatabases} was given.
     */
    static ChildJvm start(Database database, String... args) throws IOException {
        String password = TestDatabases.onConfiguredServer() ? System.getenv("ROSTERSYNC_TEST_DB_PASSWORD") : null;
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(),
                database.jdbcUrl(), database.user(), password == null ? "-" : password));
        command.addAll(List.of(args));
        return new ChildJvm(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    /** Reads the child's output up to and including {@code expected}; fails if the child ends first. */
    void await(String expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
        while (true) {
            String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("the child did not print '" + expected + "' within " + PATIENCE_SECONDS
                        + " s; it printed:\n" + transcript());
            }
            if (line.equals(EOF)) {
                throw new AssertionError("the child ended before it printed '" + expected + "'; it printed:\n"
                        + transcript());
            }
            if (line.equals(expected)) {
                return;
            }
        }
    }

    /** Writes a line to the child's stdin. */
    void send(String line) throws IOException {
        stdin.write(line + "\n");
        stdin.flush();
    }

    /** Sends SIGKILL (what {@link Process#destroyForcibly()} is on Linux) and waits for the child to be gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS)).as("the killed child exited").isTrue();
        assertThat(process.exitValue()).as("the child died of SIGKILL (128 + 9), it did not end on its own;"
                + " it printed:\n%s", transcript()).isEqualTo(137);
    }

    String transcript() {
        synchronized (transcript) {
            return String.join("\n", transcript);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
