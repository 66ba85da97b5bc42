package io.rostersync.oneroster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What we keep of a drop: the rostering files, without passwords and extensions, row for row. */
class PackageCleanerTest {

    @TempDir
    Path dir;

    private Path overshared() throws Exception {
        Path pkg = TestPackages.copyOf("v1.1", dir);
        Files.writeString(pkg.resolve("users.csv"), """
                sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password,metadata.lunchStatus
                u-s1,,,true,s1,student,amara,{SIS:1001},Amara,"Okafor, Jr",,1001,,,,u-p1,03,Secret-1,free
                
                u-t1,,,true,s1,teacher,mrivera,{SIS:T100},María,Rivera,,T100,m@example.org,,,,,,
                """);
        Files.writeString(pkg.resolve("demographics.csv"), "sourcedId,birthDate\nu-s1,2017-01-01\n");
        Files.writeString(pkg.resolve("notes.txt"), "hello");
        return pkg;
    }

    @Test
    void keepsTheRosteringFilesWithoutPasswordsAndExtensionsRowForRow() throws Exception {
        Path kept = dir.resolve("kept");
        PackageCleaner.Cleaned cleaned = PackageCleaner.clean(overshared(), kept);
        assertThat(cleaned.removedFiles()).containsExactlyInAnyOrder("demographics.csv", "notes.txt");
        assertThat(cleaned.removedColumns()).containsOnlyKeys("users.csv");
        assertThat(cleaned.removedColumns().get("users.csv")).containsExactly("password", "metadata.lunchStatus");
        assertThat(cleaned.keptFiles()).contains("manifest.csv", "users.csv", "enrollments.csv")
                .doesNotContain("demographics.csv");
        List<String> lines = Files.readAllLines(kept.resolve("users.csv"));
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).endsWith(",grades").doesNotContain("password");
        assertThat(lines.get(1)).contains("\"Okafor, Jr\"").doesNotContain("Secret-1").doesNotContain("free");
        assertThat(lines.get(2)).as("an empty line stays, so line numbers do").isEmpty();
        assertThat(String.join("\n", lines)).doesNotContain("Secret-1");
        assertThat(kept.resolve("demographics.csv")).doesNotExist();

        ReadResult read = OneRosterReader.read(kept);
        assertThat(read.report().readable()).isTrue();
        assertThat(read.report().count(ProblemCode.COLUMN_NOT_NEEDED)).isZero();
        assertThat(read.report().count(ProblemCode.FILE_NOT_NEEDED)).isZero();
    }

    @Test
    void aZipIsKeptAsItsFiles() throws Exception {
        Path zip = TestPackages.zip(overshared(), dir.resolve("drop.zip"));
        PackageCleaner.Cleaned cleaned = PackageCleaner.clean(zip, dir.resolve("kept-zip"));
        assertThat(cleaned.removedFiles()).containsExactlyInAnyOrder("demographics.csv", "notes.txt");
        assertThat(dir.resolve("kept-zip/users.csv")).content().doesNotContain("Secret-1");
    }

    /**
     * A password column is one whatever the reader reads as one: a header with an invisible
     * character in it, or in another case, is still the password, and is not kept.
     */
    @Test
    void aPasswordColumnTheReaderRecognisesIsNeverKeptHoweverItsHeaderIsWritten() throws Exception {
        for (String header : List.of("pass\u200Bword", "\u00A0Password", "PASSWORD")) {
            Path pkg = TestPackages.copyOf("v1.1", dir.resolve("p" + Math.abs(header.hashCode())));
            Files.writeString(pkg.resolve("users.csv"), "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,"
                    + "role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,"
                    + "grades," + header + "\nu-s1,,,true,s1,student,amara,,Amara,Okafor,,1001,,,,,03,Secret-1\n");
            ReadResult read = OneRosterReader.read(pkg);
            assertThat(read.report().count(ProblemCode.COLUMN_NOT_NEEDED)).as("the reader reads '%s' as the password",
                    header).isPositive();
            Path kept = pkg.resolveSibling(pkg.getFileName() + "-kept");
            PackageCleaner.Cleaned cleaned = PackageCleaner.clean(pkg, kept);
            assertThat(kept.resolve("users.csv")).as(header).content().doesNotContain("Secret-1");
            assertThat(cleaned.removedColumns().get("users.csv")).as(header).hasSize(1);
        }
    }
}
