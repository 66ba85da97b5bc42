package io.rostersync.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.rostersync.TestService;
import io.rostersync.accounts.AdminAccounts;
import io.rostersync.accounts.AdminRole;
import io.rostersync.directory.Districts;
import io.rostersync.generator.GeneratorOptions;
import io.rostersync.generator.RosterGenerator;
import io.rostersync.intake.Intakes;
import io.rostersync.schedule.DropRunner;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Manual upload through the API: a ZIP as the body or CSV files as a form become one drop, hashed
 * as an SFTP drop would be, that then syncs; the same bytes again are skipped; a bad name, a mix of
 * ZIP and CSV, or too many bytes are refused and leave nothing behind; only a district admin of the
 * district may upload.
 */
@Tag("database")
class UploadApiTest {

    private static final String PASSWORD = "upload password long enough";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static TestService service;
    private static long district;
    private static Path zip;
    private static Path folder;

    @TempDir
    static Path work;

    @BeforeAll
    static void district() throws Exception {
        service = TestService.shared();
        district = new Districts(service.dataSource()).findOrCreate("uploads").id();
        AdminAccounts admins = new AdminAccounts(service.dataSource());
        admins.create(district, "uploads-admin", PASSWORD, AdminRole.DISTRICT_ADMIN, List.of());
        zip = RosterGenerator.generate(GeneratorOptions.of(80), work.resolve("district.zip")).output();
        folder = RosterGenerator.generate(GeneratorOptions.of(80).withDay(1), work.resolve("loose")).output();
        // synced once from the command line, so that the district has schools (and a school admin can exist)
        new io.rostersync.sync.Syncs(service.dataSource(), service.bean(io.rostersync.storage.SecretBox.class)).sync(io.rostersync.sync.Syncs.Request.of("uploads", zip));
        new Districts(service.dataSource()).findOrCreate("uploads-other");
        admins.create(new Districts(service.dataSource()).find("uploads-other").orElseThrow().id(),
                "uploads-other-admin", PASSWORD, AdminRole.DISTRICT_ADMIN, List.of());
    }

    @Test
    void aZipSentAsTheBodyBecomesADropAndTheSameBytesAgainAreSkipped() throws Exception {
        byte[] bytes = Files.readAllBytes(zip);
        HttpResponse<String> first = raw("uploads-admin", "uploads", "district.zip", "application/zip", bytes);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        assertThat(first.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l)
                .matches("/api/v1/districts/uploads/drops/\\d+"));
        assertThat(first.body()).contains("\"channel\":\"upload\"", "\"files\":[\"district.zip\"]",
                "\"status\":\"received\"", "\"bytes\":" + bytes.length,
                "\"sha256\":\"" + dropHash(Map.of("district.zip", bytes)) + "\"");
        HttpResponse<String> again = raw("uploads-admin", "uploads", "district.zip", "application/zip", bytes);
        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(again.body()).contains("\"status\":\"skipped\"");
    }

    @Test
    void looseCsvFilesSentAsAFormBecomeOneDropThatSyncs() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (Stream<Path> csvs = Files.list(folder)) {
            for (Path csv : csvs.filter(p -> p.toString().endsWith(".csv")).sorted().toList()) {
                files.put(csv.getFileName().toString(), Files.readAllBytes(csv));
            }
        }
        HttpResponse<String> sent = form("uploads-admin", "uploads", files);
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        assertThat(sent.body()).contains("\"users.csv\"", "\"enrollments.csv\"",
                "\"sha256\":\"" + dropHash(files) + "\"");
        long id = Long.parseLong(sent.body().replaceAll("^\\{\"id\":(\\d+),.*", "$1"));

        new DropRunner(service.dataSource(), service.bean(io.rostersync.storage.SecretBox.class)).runWaiting();
        Intakes.Intake drop = new Intakes(service.dataSource()).find(district, id).orElseThrow();
        assertThat(drop.status()).isEqualTo("previewed");
        assertThat(drop.runId()).isNotNull();
        assertThat(drop.files()).contains("users.csv", "enrollments.csv");
    }

    @Test
    void refusedUploadsSayWhyAndLeaveNothingBehind() throws Exception {
        long before = dropFolders();
        HttpResponse<String> escape = raw("uploads-admin", "uploads", "../../sftp/1/users.csv", "text/csv",
                "sourcedId\n".getBytes(StandardCharsets.UTF_8));
        assertThat(escape.statusCode()).isEqualTo(400);
        assertThat(escape.body()).contains("not a file name we take");
        assertThat(raw("uploads-admin", "uploads", "notes.txt", "text/csv", new byte[] {1}).statusCode())
                .isEqualTo(400);
        HttpResponse<String> mixed = form("uploads-admin", "uploads",
                Map.of("district.zip", Files.readAllBytes(zip), "users.csv", "sourcedId\n".getBytes()));
        assertThat(mixed.statusCode()).isEqualTo(400);
        assertThat(mixed.body()).contains("not both");

        byte[] tooMany = new byte[4 << 20];
        HttpResponse<String> large = raw("uploads-admin", "uploads", "big.zip", "application/zip", tooMany);
        assertThat(large.statusCode()).isEqualTo(413);
        assertThat(large.body()).contains("upload-too-large");
        assertThat(form("uploads-admin", "uploads", Map.of("users.csv", tooMany)).statusCode()).isEqualTo(413);
        assertThat(dropFolders()).isEqualTo(before);
        assertThat(new Intakes(service.dataSource()).list(district, 100)).noneMatch(d -> d.files().contains("big.zip"));
    }

    @Test
    void onlyADistrictAdminOfTheDistrictMayUpload() throws Exception {
        long before = dropFolders();
        byte[] bytes = Files.readAllBytes(zip);
        assertThat(raw("uploads-other-admin", "uploads", "district.zip", "application/zip", bytes).statusCode())
                .isEqualTo(404);
        assertThat(raw(null, "uploads", "district.zip", "application/zip", bytes).statusCode()).isEqualTo(401);
        long school = new io.rostersync.directory.DirectoryReads(service.dataSource()).schools(district).get(0).id();
        new AdminAccounts(service.dataSource()).create(district, "uploads-school", PASSWORD, AdminRole.SCHOOL_ADMIN,
                List.of(school));
        assertThat(raw("uploads-school", "uploads", "district.zip", "application/zip", bytes).statusCode())
                .isEqualTo(403);
        assertThat(dropFolders()).isEqualTo(before);
    }

    private static long dropFolders() throws Exception {
        Path root = service.dataDir().resolve("intake").resolve(Long.toString(district));
        if (!Files.isDirectory(root)) {
            return 0;
        }
        try (Stream<Path> folders = Files.list(root)) {
            return folders.count();
        }
    }

    /** The drop's SHA-256 as the intake computes it for any channel: each name, a zero byte, its bytes, by name. */
    private static String dropHash(Map<String, byte[]> files) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (String name : files.keySet().stream().sorted().toList()) {
            digest.update(name.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(files.get(name));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static HttpResponse<String> raw(String user, String slug, String name, String type, byte[] body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(service.uri("/api/v1/districts/" + slug + "/uploads?name="
                + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8)))
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        return send(user, request);
    }

    private static HttpResponse<String> form(String user, String slug, Map<String, byte[]> files) throws Exception {
        String boundary = "rostersync-test-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                    + file.getKey() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.write(file.getValue());
            body.write("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(service.uri("/api/v1/districts/" + slug + "/uploads"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        return send(user, request);
    }

    private static HttpResponse<String> send(String user, HttpRequest.Builder request) throws Exception {
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
