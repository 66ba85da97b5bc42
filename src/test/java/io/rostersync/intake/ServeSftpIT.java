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
import io.rostersync.demo.DemoDistrict;
import io.rostersync.generator.RosterGenerator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code serve} as the README starts it, in its own JVM, followed as a new user would: on an empty
 * data directory it creates the demo district and prints its SFTP account and first admin once; a ZIP
 * put there by SFTP becomes a preview run (the district's sync starts disabled), seen in the REST API;
 * started again, it creates nothing and prints no password, the first ones still work, and once the
 * sync is enabled through the REST API the next drop is applied; both runs are listed by {@code runs}.
 */
class ServeSftpIT {

    private static final Pattern ACCOUNT = Pattern.compile("SFTP account: user (\\S+), password (\\S+)");
    private static final Pattern PORT = Pattern.compile("SFTP: each district's folder on port (\\d+)");
    private static final Pattern ADMIN = Pattern.compile("first district admin: user (\\S+), password (\\S+)");
    private static final Pattern API = Pattern.compile("REST API: (http://\\S+/api/v1)");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = new JsonMapper();

    @TempDir
    Path temp;

    private record Started(Process process, List<String> lines, int port, Path log) {

        String api() {
            return lines.stream().map(API::matcher).filter(Matcher::find).findFirst().map(m -> m.group(1))
                    .orElseThrow(() -> new AssertionError("serve did not say where its REST API is: " + lines));
        }
    }

    /** The admin a test signs in as, against the API of the serve it runs. */
    private record Admin(String user, String password) {

        JsonNode call(Started serve, String method, String path, String json) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(serve.api() + path))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            (user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(json));
            if (json != null) {
                request.header("Content-Type", "application/json");
            }
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isEqualTo(200);
            return JSON.readTree(response.body());
        }
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
                "--rostersync.intake.scan-interval=PT0.5S", "--server.port=0")).redirectErrorStream(true)
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
        Path day0 = RosterGenerator.generate(DemoDistrict.rosterOptions(0), temp.resolve("day0.zip")).output();
        Path day1 = RosterGenerator.generate(DemoDistrict.rosterOptions(1), temp.resolve("day1.zip")).output();
        Path data = temp.resolve("data");
        Started first = serve(data);
        String user;
        String password;
        Admin admin;
        try {
            Matcher account = first.lines().stream().map(ACCOUNT::matcher).filter(Matcher::find).findFirst()
                    .orElseThrow(() -> new AssertionError("no SFTP account printed: " + first.lines()));
            user = account.group(1);
            password = account.group(2);
            Matcher adminLine = first.lines().stream().map(ADMIN::matcher).filter(Matcher::find).findFirst()
                    .orElseThrow(() -> new AssertionError("no admin printed: " + first.lines()));
            admin = new Admin(adminLine.group(1), adminLine.group(2));
            assertThat(first.lines()).as("the demo district comes with what it made by hand")
                    .anyMatch(l -> l.contains("made by hand before any sync: 4 schools without School IDs"));
            assertThat(admin.call(first, "GET", "/districts/demo", null).get("syncEnabled").asBoolean())
                    .as("a new district's sync starts disabled").isFalse();
            put(first.port(), user, password, "district.zip", Files.readAllBytes(day0));
            assertThat(awaitDrop(first, admin, 1)).as("a new district's drop is previewed").isEqualTo("previewed preview");
        } finally {
            stop(first);
        }

        Started again = serve(data);
        try {
            assertThat(again.lines()).as("the passwords are shown once")
                    .noneMatch(l -> ACCOUNT.matcher(l).find() || ADMIN.matcher(l).find());
            assertThat(admin.call(again, "PATCH", "/districts/demo/schedule", "{\"syncEnabled\":true}")
                    .get("syncEnabled").asBoolean()).isTrue();
            put(again.port(), user, password, "district.zip", Files.readAllBytes(day1));
            assertThat(awaitDrop(again, admin, 2)).as("applied once the sync is enabled").startsWith("synced applied");
            JsonNode audit = admin.call(again, "GET", "/districts/demo/audit", null).get("items");
            assertThat(audit.valueStream().map(e -> e.get("action").asString() + " by " + e.get("actor").asString()))
                    .contains("sync.enable by " + admin.user());
        } finally {
            stop(again);
        }
        java.io.StringWriter said = new java.io.StringWriter();
        picocli.CommandLine cli = io.rostersync.cli.RostersyncCommand.commandLine();
        cli.setOut(new java.io.PrintWriter(said));
        assertThat(cli.execute("runs", "--district", "demo", "--data-dir", data.toString())).isZero();
        assertThat(said.toString()).as("runs lists the preview and the applied run").contains("preview", "applied");
    }

    /** The n-th drop of the demo district, once it is done, as the REST API shows it: its status and its run's. */
    private static String awaitDrop(Started serve, Admin admin, int n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            List<JsonNode> drops = admin.call(serve, "GET", "/districts/demo/drops", null).valueStream().toList();
            if (drops.size() >= n) {
                JsonNode drop = drops.get(drops.size() - n);
                if (!drop.get("run").isNull() && !drop.get("status").asString().equals("running")) {
                    JsonNode run = admin.call(serve, "GET", "/districts/demo/runs/" + drop.get("run").asLong(), null);
                    return drop.get("status").asString() + " " + run.get("status").asString();
                }
            }
            Thread.sleep(250);
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
