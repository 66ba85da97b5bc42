package io.rostersync.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.rostersync.directory.Districts;
import io.rostersync.generator.GeneratorOptions;
import io.rostersync.generator.RosterGenerator;
import io.rostersync.storage.Database;
import io.rostersync.storage.Databases;
import io.rostersync.storage.StorageOptions;
import io.rostersync.sync.Syncs;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} as the README starts it, in its own JVM: on an empty data directory it creates the
 * demo district and prints its SFTP account once; a ZIP put there becomes a preview run (the
 * district's sync starts disabled); started again, it creates nothing and prints no password, the
 * first one still works, and once the sync is enabled the next drop is applied.
 */
class ServeSftpIT {

    private static final Pattern ACCOUNT = Pattern.compile("SFTP account: user (\\S+), password (\\S+)");
    private static final Pattern PORT = Pattern.compile("SFTP: each district's folder on port (\\d+)");

    @TempDir
    Path temp;

    private record Started(Process process, List<String> lines, int port, Path log) {
    }

    private int started;

    /**
     * Starts serve with its output going to a file (a pipe nobody reads would fill and stop it), and
     * waits until it says its SFTP port.
     */
    private Started serve(Path data) throws Exception {
        Path log = temp.resolve("serve-" + ++started + ".log");
        Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.rostersync.cli.Main", "serve", "--data-dir",
                data.toString(), "--rostersync.sftp.port=0", "--rostersync.intake.stable-for=PT1S",
                "--rostersync.intake.scan-interval=PT0.5S")).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            for (String line : lines) {
                Matcher port = PORT.matcher(line);
                if (port.find()) {
                    return new Started(process, lines, Integer.parseInt(port.group(1)), log);
                }
            }
            if (!process.isAlive()) {
                throw new AssertionError("serve ended without saying its SFTP port: " + lines);
            }
            Thread.sleep(200);
        }
        process.destroyForcibly();
        throw new AssertionError("serve did not say its SFTP port in two minutes: " + Files.readString(log));
    }

    private static void stop(Started s) throws InterruptedException {
        s.process().destroy(); // SIGTERM: the shutdown hook stops the SFTP server and the database
        if (!s.process().waitFor(60, TimeUnit.SECONDS)) {
            s.process().destroyForcibly();
        }
    }

    @Test
    void serveCreatesTheDemoDistrictWhoseSftpDropsArePreviewedThenAppliedOnceEnabled() throws Exception {
        Path day0 = RosterGenerator.generate(GeneratorOptions.of(150), temp.resolve("day0.zip")).output();
        Path day1 = RosterGenerator.generate(GeneratorOptions.of(150).withDay(1), temp.resolve("day1.zip")).output();
        Path data = temp.resolve("data");
        Started first = serve(data);
        String user;
        String password;
        try {
            Matcher account = first.lines().stream().map(ACCOUNT::matcher).filter(Matcher::find).findFirst()
                    .orElseThrow(() -> new AssertionError("no SFTP account printed: " + first.lines()));
            user = account.group(1);
            password = account.group(2);
            put(first.port(), user, password, "district.zip", Files.readAllBytes(day0));
            assertThat(awaitDrop(data, 1, first)).as("a new district's drop is previewed").isEqualTo("previewed preview");
        } finally {
            stop(first);
        }

        Started again = serve(data);
        try {
            assertThat(again.lines()).as("the password is shown once").noneMatch(l -> ACCOUNT.matcher(l).find());
            java.io.StringWriter said = new java.io.StringWriter();
            picocli.CommandLine cli = io.rostersync.cli.RostersyncCommand.commandLine();
            cli.setOut(new java.io.PrintWriter(said));
            assertThat(cli.execute("schedule", "--district", "demo", "--enable", "--data-dir", data.toString()))
                    .isZero();
            assertThat(said.toString()).contains("Sync of demo: enabled");
            put(again.port(), user, password, "district.zip", Files.readAllBytes(day1));
            assertThat(awaitDrop(data, 2, again)).as("applied once the sync is enabled").startsWith("synced applied");
        } finally {
            stop(again);
        }
    }

    /** The n-th drop of the demo district, once it is done: its status and its run's. */
    private static String awaitDrop(Path data, int n, Started serve) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        try (Database db = Databases.open(StorageOptions.embedded(data))) {
            Syncs syncs = new Syncs(db.dataSource());
            while (System.nanoTime() < deadline) {
                java.util.Optional<io.rostersync.directory.District> demo = new Districts(db.dataSource()).find("demo");
                List<Intakes.Intake> drops = demo.isEmpty() ? List.of()
                        : new Intakes(db.dataSource()).list(demo.get().id(), 10);
                if (drops.size() >= n) {
                    Intakes.Intake drop = drops.get(drops.size() - n);
                    if (drop.runId() != null && !drop.status().equals("running")) {
                        return drop.status() + " " + syncs.report("demo", drop.runId()).status().label();
                    }
                }
                Thread.sleep(250);
            }
        }
        List<String> log = Files.readAllLines(serve.log(), StandardCharsets.UTF_8).stream()
                .filter(l -> !l.contains(" DEBUG ")).toList();
        throw new AssertionError("the demo district's drop " + n + " is not done after two minutes; serve said:\n"
                + String.join("\n", log.subList(Math.max(0, log.size() - 60), log.size())));
    }

    private static void put(int port, String user, String password, String name, byte[] bytes) throws IOException {
        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        client.start();
        try (ClientSession session = client.connect(user, "127.0.0.1", port).verify(Duration.ofSeconds(20))
                .getSession()) {
            session.addPasswordIdentity(password);
            session.auth().verify(Duration.ofSeconds(20));
            try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(session);
                    OutputStream out = sftp.write("/" + name)) {
                out.write(bytes);
            }
        } finally {
            client.stop();
        }
    }
}
