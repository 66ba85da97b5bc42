package io.rostersync.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} as the README starts it, in its own JVM: on an empty data directory it creates the
 * demo district and prints its SFTP account once; a file put there lands in the district's folder;
 * started again, it creates nothing and prints no password, and the first one still works.
 */
class ServeSftpIT {

    private static final Pattern ACCOUNT = Pattern.compile("SFTP account: user (\\S+), password (\\S+)");
    private static final Pattern PORT = Pattern.compile("SFTP: each district's folder on port (\\d+)");

    @TempDir
    Path temp;

    private record Started(Process process, List<String> lines, int port) {
    }

    private Started serve(Path data) throws Exception {
        Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.rostersync.cli.Main", "serve", "--data-dir",
                data.toString(), "--rostersync.sftp.port=0")).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            lines.add(line);
            Matcher port = PORT.matcher(line);
            if (port.find()) {
                Thread drain = new Thread(() -> out.lines().forEach(l -> { }));
                drain.setDaemon(true);
                drain.start();
                return new Started(process, lines, Integer.parseInt(port.group(1)));
            }
        }
        throw new AssertionError("serve ended without saying its SFTP port: " + lines);
    }

    private static void stop(Started s) throws InterruptedException {
        s.process().destroy(); // SIGTERM: the shutdown hook stops the SFTP server and the database
        if (!s.process().waitFor(60, TimeUnit.SECONDS)) {
            s.process().destroyForcibly();
        }
    }

    @Test
    void serveCreatesTheDemoDistrictWhoseSftpAccountReceivesFiles() throws Exception {
        Path data = temp.resolve("data");
        Started first = serve(data);
        String user;
        String password;
        try {
            Matcher account = first.lines().stream().map(ACCOUNT::matcher).filter(Matcher::find).findFirst()
                    .orElseThrow(() -> new AssertionError("no SFTP account printed: " + first.lines()));
            user = account.group(1);
            password = account.group(2);
            put(first.port(), user, password, "users.csv", "sourcedId,status\n");
        } finally {
            stop(first);
        }
        try (Stream<Path> files = Files.walk(data.resolve("sftp"))) {
            assertThat(files.filter(f -> f.getFileName().toString().equals("users.csv")).toList()).singleElement()
                    .satisfies(f -> assertThat(f).hasContent("sourcedId,status"));
        }

        Started again = serve(data);
        try {
            assertThat(again.lines()).noneMatch(l -> ACCOUNT.matcher(l).find());
            put(again.port(), user, password, "classes.csv", "sourcedId\n");
        } finally {
            stop(again);
        }
    }

    private static void put(int port, String user, String password, String name, String text) throws IOException {
        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        client.start();
        try (ClientSession session = client.connect(user, "127.0.0.1", port).verify(Duration.ofSeconds(20))
                .getSession()) {
            session.addPasswordIdentity(password);
            session.auth().verify(Duration.ofSeconds(20));
            try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(session);
                    OutputStream out = sftp.write("/" + name)) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
            }
        } finally {
            client.stop();
        }
    }
}
