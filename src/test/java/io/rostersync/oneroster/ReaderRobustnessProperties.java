package io.rostersync.oneroster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.lifecycle.BeforeTry;

/**
 * Whatever bytes arrive, the reader reports and never throws; and it never needs its last resort
 * (INTERNAL_ERROR), which would mean a defect met a code path nobody wrote for it.
 */
class ReaderRobustnessProperties {

    private Path dir;

    @BeforeTry
    void createDir() throws IOException {
        dir = Files.createTempDirectory("rostersync-prop");
    }

    @AfterTry
    void deleteDir() throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Property(tries = 150)
    void arbitraryBytesAsAnyFileAreOnlyReported(@ForAll("fileNames") String name,
            @ForAll("bytes") byte[] content) throws IOException {
        Path pkg = TestPackages.copyOf("v1.1", dir);
        Files.write(pkg.resolve(name), content);
        assertReportedCleanly(OneRosterReader.read(pkg));
    }

    @Property(tries = 150)
    void mangledCsvTextIsOnlyReported(@ForAll("fileNames") String name, @ForAll("csvText") String text)
            throws IOException {
        Path pkg = TestPackages.copyOf("v1.2", dir);
        Files.writeString(pkg.resolve(name), text, StandardCharsets.UTF_8);
        assertReportedCleanly(OneRosterReader.read(pkg));
    }

    @Property(tries = 100)
    void arbitraryBytesAsAZipAreOnlyReported(@ForAll("bytes") byte[] content, @ForAll boolean zipMagic)
            throws IOException {
        if (zipMagic && content.length >= 2) {
            content[0] = 'P';
            content[1] = 'K';
        }
        Path zip = dir.resolve("drop.zip");
        Files.write(zip, content);
        assertReportedCleanly(OneRosterReader.read(zip));
    }

    @Property(tries = 100)
    void arbitraryZipsOfArbitraryEntriesAreOnlyReported(@ForAll("entries") List<Entry> entries) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(buffer)) {
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (Entry e : entries) {
                if (seen.add(e.name())) {
                    z.putNextEntry(new ZipEntry(e.name()));
                    z.write(e.content());
                    z.closeEntry();
                }
            }
        }
        Path zip = dir.resolve("drop.zip");
        Files.write(zip, buffer.toByteArray());
        assertReportedCleanly(OneRosterReader.read(zip));
    }

    @Property(tries = 60)
    void aZipCutAnywhereIsOnlyReported(@ForAll("cutPoints") double fraction) throws IOException {
        Path zip = TestPackages.zip(TestPackages.copyOf("v1.1", dir), dir.resolve("whole.zip"));
        byte[] bytes = Files.readAllBytes(zip);
        Files.write(zip, java.util.Arrays.copyOf(bytes, (int) (bytes.length * fraction)));
        ReadResult result = OneRosterReader.read(zip);
        assertReportedCleanly(result);
        assertThat(result.report().hasErrors()).as("a truncated package is never clean").isTrue();
    }

    record Entry(String name, byte[] content) {
    }

    private static void assertReportedCleanly(ReadResult result) {
        assertThat(result).isNotNull();
        ValidationReport report = result.report();
        assertThat(report.count(ProblemCode.INTERNAL_ERROR)).as(report.problems().toString()).isZero();
        for (Problem p : report.problems()) {
            assertThat(p.code()).isNotNull();
            assertThat(p.severity()).isNotNull();
            assertThat(p.message()).isNotBlank();
            assertThat(p.hint()).isNotBlank();
        }
        // every stream a consumer may open stays readable too
        RosterSnapshot s = result.snapshot();
        try (var a = s.orgs(); var b = s.users(); var c = s.roles(); var d = s.classes(); var e = s.enrollments();
                var f = s.courses(); var g = s.academicSessions()) {
            a.count();
            b.count();
            c.count();
            d.count();
            e.count();
            f.count();
            g.count();
        }
    }

    @Provide
    Arbitrary<String> fileNames() {
        return Arbitraries.of("users.csv", "classes.csv", "enrollments.csv", "orgs.csv", "manifest.csv",
                "roles.csv", "academicSessions.csv", "courses.csv", "Users.CSV", "notes.csv");
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(2048);
    }

    @Provide
    Arbitrary<String> csvText() {
        Arbitrary<String> cell = Arbitraries.oneOf(
                Arbitraries.of("", "sourcedId", "status", "u-s1", "s1", "k-hr3a", "true", "TRUE", "student",
                        "2026-13-45", "\"", "\"\"", "a,b", "{x:}", "ext:", "metadata.x", "\uFEFF", "\u00A0", "é",
                        "1.2E+5", ";", "|", "\r", "\n", "\r\n", "tobedeleted", "bulk", "oneroster.version", "1.2"),
                Arbitraries.strings().ofMaxLength(12));
        Arbitrary<String> line = cell.list().ofMaxSize(25).map(cells -> String.join(",", cells));
        return line.list().ofMaxSize(30).map(lines -> String.join("\n", lines));
    }

    @Provide
    Arbitrary<List<Entry>> entries() {
        Arbitrary<String> names = Arbitraries.oneOf(fileNames(),
                Arbitraries.of("../x.csv", "/abs/users.csv", "a/b/c/users.csv", "__MACOSX/._users.csv", ".hidden",
                        "folder/", "inner.zip", "C:/users.csv", "folder/users.csv", "folder/manifest.csv"));
        Arbitrary<byte[]> content = Arbitraries.oneOf(bytes(), csvText().map(t -> t.getBytes(StandardCharsets.UTF_8)));
        return Combinators.combine(names, content).as(Entry::new).list().ofMaxSize(12);
    }

    @Provide
    Arbitrary<Double> cutPoints() {
        return Arbitraries.doubles().between(0.0, 0.999).ofScale(3);
    }
}
