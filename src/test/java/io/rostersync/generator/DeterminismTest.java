package io.rostersync.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.rostersync.oneroster.OneRosterVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Same arguments, same bytes; another seed, another district. */
class DeterminismTest {

    private static final GeneratorOptions OPTIONS = GeneratorOptions.of(2000).withDay(3).withMessy(true);

    @Test
    void sameArgumentsGiveTheSameZipBytes(@TempDir Path tmp) throws IOException {
        Path a = tmp.resolve("a/district.zip");
        Path b = tmp.resolve("b/district.zip");
        RosterGenerator.generate(OPTIONS, a);
        RosterGenerator.generate(OPTIONS, b);
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
        assertThat(Files.readString(tmp.resolve("a/district.expected-problems.json")))
                .isEqualTo(Files.readString(tmp.resolve("b/district.expected-problems.json")));
        // The files sit at the ZIP's root, manifest first, with a fixed timestamp; no temporary parts remain.
        try (ZipFile zip = new ZipFile(a.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            ZipEntry first = entries.nextElement();
            assertThat(first.getName()).isEqualTo("manifest.csv");
            Set<Long> times = new HashSet<>();
            zip.stream().forEach(e -> {
                assertThat(e.getName()).doesNotContain("/");
                times.add(e.getTime());
            });
            assertThat(times).hasSize(1);
        }
        try (var files = Files.list(tmp.resolve("a"))) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("district.zip", "district.expected-problems.json");
        }
    }

    @Test
    void aFolderHasTheSameFilesAsTheZip(@TempDir Path tmp) throws IOException {
        Path zip = tmp.resolve("z.zip");
        Path dir = tmp.resolve("d");
        GeneratorOptions o = GeneratorOptions.of(1500).withVersion(OneRosterVersion.V1_2);
        RosterGenerator.generate(o, zip);
        RosterGenerator.generate(o, dir);
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (ZipEntry e : z.stream().toList()) {
                assertThat(z.getInputStream(e).readAllBytes()).as(e.getName())
                        .isEqualTo(Files.readAllBytes(dir.resolve(e.getName())));
            }
            assertThat(z.size()).isEqualTo(8);
        }
    }

    @Test
    void anotherSeedGivesAnotherDistrict(@TempDir Path tmp) throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        RosterGenerator.generate(GeneratorOptions.of(2000).withSeed(1), a);
        RosterGenerator.generate(GeneratorOptions.of(2000).withSeed(2), b);
        for (String f : new String[] {"orgs.csv", "users.csv", "enrollments.csv", "classes.csv"}) {
            assertThat(Files.readAllBytes(a.resolve(f))).as(f).isNotEqualTo(Files.readAllBytes(b.resolve(f)));
        }
        Set<String> idsA = new HashSet<>(RosterPackage.readTable(a.resolve("users.csv")).column("sourcedId"));
        Set<String> idsB = new HashSet<>(RosterPackage.readTable(b.resolve("users.csv")).column("sourcedId"));
        idsA.retainAll(idsB);
        assertThat(idsA).isEmpty();
        // Same header and layout, of course.
        assertThat(Files.readAllLines(a.resolve("manifest.csv"))).isEqualTo(Files.readAllLines(b.resolve("manifest.csv")));
    }
}
