package io.rostersync.oneroster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;
import io.rostersync.storage.SecretBox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What we keep of a drop: the rostering files, without passwords and extensions, row for row. */
class PackageCleanerTest {

    @TempDir
    Path dir;

    private static final String DEMOGRAPHICS_HEADER = "sourcedId,status,dateLastModified,birthDate,sex,"
            + "americanIndianOrAlaskaNative,asian,blackOrAfricanAmerican,nativeHawaiianOrOtherPacificIslander,white,"
            + "demographicRaceTwoOrMoreRaces,hispanicOrLatinoEthnicity,countryOfBirthCode,stateOfBirthAbbreviation,"
            + "cityOfBirth,publicSchoolResidenceStatus";

    private final Function<LocalDate, String> birthDateKey = SecretBox.withRandomKey().birthDateKey(7);

    private Path overshared() throws Exception {
        Path pkg = TestPackages.copyOf("v1.1", dir);
        Files.writeString(pkg.resolve("users.csv"), """
                sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password,metadata.lunchStatus
                u-s1,,,true,s1,student,amara,{SIS:1001},Amara,"Okafor, Jr",,1001,,,,u-p1,03,Secret-1,free
                
                u-t1,,,true,s1,teacher,mrivera,{SIS:T100},María,Rivera,,T100,m@example.org,,,,,,
                """);
        Files.writeString(pkg.resolve("demographics.csv"), DEMOGRAPHICS_HEADER
                + "\nu-s1,,,2017-01-01,female,false,false,false,false,true,false,false,US,WA,Tacoma,\n"
                + "u-t1,,,,,,,,,,,,,,,\n");
        Files.writeString(pkg.resolve("notes.txt"), "hello");
        return pkg;
    }

    @Test
    void keepsTheRosteringFilesWithoutPasswordsAndExtensionsRowForRow() throws Exception {
        Path kept = dir.resolve("kept");
        PackageCleaner.Cleaned cleaned = PackageCleaner.clean(overshared(), kept, birthDateKey);
        assertThat(cleaned.removedFiles()).containsExactlyInAnyOrder("notes.txt");
        assertThat(cleaned.removedColumns()).containsOnlyKeys("users.csv", "demographics.csv");
        assertThat(cleaned.removedColumns().get("users.csv")).containsExactly("password", "metadata.lunchStatus");
        assertThat(cleaned.keptFiles()).contains("manifest.csv", "users.csv", "enrollments.csv", "demographics.csv");
        List<String> lines = Files.readAllLines(kept.resolve("users.csv"));
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).endsWith(",grades").doesNotContain("password");
        assertThat(lines.get(1)).contains("\"Okafor, Jr\"").doesNotContain("Secret-1").doesNotContain("free");
        assertThat(lines.get(2)).as("an empty line stays, so line numbers do").isEmpty();
        assertThat(String.join("\n", lines)).doesNotContain("Secret-1");

        ReadResult read = OneRosterReader.read(kept);
        assertThat(read.report().readable()).isTrue();
        assertThat(read.report().count(ProblemCode.COLUMN_NOT_NEEDED)).isZero();
        assertThat(read.report().count(ProblemCode.FILE_NOT_NEEDED)).isZero();
        assertThat(read.report().count(ProblemCode.FIELD_DATE_INVALID)).as("a kept key reads as a birth date").isZero();
    }

    /**
     * Of demographics.csv only the birth date is kept, and only as its key: the other facts about a
     * child (sex, race, place of birth) are left out and named, and the date itself is in no kept file;
     * the kept copy still gives the same key.
     */
    @Test
    void ofDemographicsOnlyTheBirthDateIsKeptAndOnlyAsItsKey() throws Exception {
        Path pkg = overshared();
        ReadResult sent = OneRosterReader.read(pkg);
        assertThat(sent.report().problems()).filteredOn(p -> p.code() == ProblemCode.COLUMN_NOT_NEEDED
                && "demographics.csv".equals(p.file())).singleElement().satisfies(p -> {
                    assertThat(p.message()).contains("sex", "white", "cityOfBirth").doesNotContain("birthDate")
                            .doesNotContain("Tacoma");
                    assertThat(p.hint()).contains("birth date").contains("keyed hash");
                });
        String key = birthDateKey.apply(LocalDate.of(2017, 1, 1));
        assertThat(key).matches("[0-9a-f]{16}");

        Path kept = dir.resolve("kept-demographics");
        PackageCleaner.Cleaned cleaned = PackageCleaner.clean(pkg, kept, birthDateKey);
        assertThat(cleaned.removedColumns().get("demographics.csv")).containsExactly("sex",
                "americanIndianOrAlaskaNative", "asian", "blackOrAfricanAmerican", "nativeHawaiianOrOtherPacificIslander",
                "white", "demographicRaceTwoOrMoreRaces", "hispanicOrLatinoEthnicity", "countryOfBirthCode",
                "stateOfBirthAbbreviation", "cityOfBirth"); // not publicSchoolResidenceStatus: it is empty
        assertThat(Files.readAllLines(kept.resolve("demographics.csv"))).containsExactly(
                "sourcedId,status,dateLastModified,birthDate", "u-s1,,," + BirthDates.KEYED + key, "u-t1,,,");
        try (var files = Files.list(kept)) {
            for (Path file : files.toList()) {
                assertThat(file).content().as(file.getFileName().toString()).doesNotContain("2017-01-01")
                        .doesNotContain("Tacoma");
            }
        }

        ReadResult again = OneRosterReader.read(kept);
        assertThat(again.report().count(ProblemCode.COLUMN_NOT_NEEDED)).isZero();
        try (var rows = again.snapshot().birthDates(); var sentRows = sent.snapshot().birthDates()) {
            assertThat(rows.map(b -> BirthDates.keyOf(b.cell(), birthDateKey)).toList())
                    .as("the kept copy gives the key the date gave").containsExactly(key, null)
                    .isEqualTo(sentRows.map(b -> BirthDates.keyOf(b.cell(), birthDateKey)).toList());
        }
        assertThat(BirthDates.keyOf(BirthDates.KEYED + key, d -> {
            throw new AssertionError("a key is not keyed again");
        })).isEqualTo(key);
        assertThat(BirthDates.keyOf("01/02/2017", birthDateKey)).as("not a date: no key").isNull();
        assertThat(SecretBox.withRandomKey().birthDateKey(7).apply(LocalDate.of(2017, 1, 1)))
                .as("another installation's key").isNotEqualTo(key);
        assertThat(birthDateKey.apply(LocalDate.of(2017, 1, 2))).as("another date").isNotEqualTo(key);
    }

    /** A column of demographics.csv the reader does not know may be anything about a child: it is not kept. */
    @Test
    void ofDemographicsAColumnTheReaderDoesNotKnowIsNotKept() throws Exception {
        Path pkg = overshared();
        Files.writeString(pkg.resolve("demographics.csv"), "sourcedId,status,dateLastModified,birthDate,DOB,ssn\n"
                + "u-s1,,,2017-01-01,01/01/2017,123-45-6789\n");
        Path kept = dir.resolve("kept-unknown");
        PackageCleaner.Cleaned cleaned = PackageCleaner.clean(pkg, kept, birthDateKey);
        assertThat(cleaned.removedColumns().get("demographics.csv")).as("named by place: a header may be data")
                .containsExactly("column 5", "column 6");
        assertThat(Files.readAllLines(kept.resolve("demographics.csv"))).containsExactly(
                "sourcedId,status,dateLastModified,birthDate",
                "u-s1,,," + BirthDates.KEYED + birthDateKey.apply(LocalDate.of(2017, 1, 1)));
    }

    /**
     * Found by review: a blank line before the header, cells past the header's width, a file with no
     * header at all, and a column of users.csv the reader does not know: none of it is kept, and a
     * date never reaches the names of what was left out.
     */
    @Test
    void nothingTheReaderDoesNotReadIsKeptHoweverTheFileIsLaidOut() throws Exception {
        Path pkg = overshared();
        Files.writeString(pkg.resolve("demographics.csv"), "\nsourcedId,status,dateLastModified,birthDate\n"
                + "u-s1,,,2017-01-01,female,white,Tacoma\n");
        Path kept = dir.resolve("kept-layout");
        PackageCleaner.clean(pkg, kept, birthDateKey);
        assertThat(Files.readAllLines(kept.resolve("demographics.csv"))).containsExactly("",
                "sourcedId,status,dateLastModified,birthDate",
                "u-s1,,," + BirthDates.KEYED + birthDateKey.apply(LocalDate.of(2017, 1, 1)) + ",,,");

        Files.writeString(pkg.resolve("demographics.csv"), "u-s1,,,2017-01-01,female\n");
        PackageCleaner.Cleaned headerless = PackageCleaner.clean(pkg, dir.resolve("kept-headerless"), birthDateKey);
        assertThat(String.join(",", headerless.removedColumns().getOrDefault("demographics.csv", List.of())))
                .doesNotContain("2017").doesNotContain("female");
        assertThat(dir.resolve("kept-headerless/demographics.csv")).content().doesNotContain("2017")
                .doesNotContain("female");
        ReadResult read = OneRosterReader.read(pkg);
        assertThat(read.report().problems()).allSatisfy(p -> {
            assertThat(p.message()).doesNotContain("2017-01-01").doesNotContain("female");
            assertThat(String.valueOf(p.column())).doesNotContain("2017");
        });

        Files.writeString(pkg.resolve("users.csv"), Files.readString(pkg.resolve("users.csv"))
                .replace(",metadata.lunchStatus", ",metadata.lunchStatus,dob").replace(",free\n", ",free,2017-01-01\n"));
        PackageCleaner.Cleaned users = PackageCleaner.clean(pkg, dir.resolve("kept-users"), birthDateKey);
        assertThat(users.removedColumns().get("users.csv")).contains("dob");
        assertThat(dir.resolve("kept-users/users.csv")).content().doesNotContain("2017-01-01").doesNotContain("dob");
    }

    @Test
    void aZipIsKeptAsItsFiles() throws Exception {
        Path zip = TestPackages.zip(overshared(), dir.resolve("drop.zip"));
        PackageCleaner.Cleaned cleaned = PackageCleaner.clean(zip, dir.resolve("kept-zip"), birthDateKey);
        assertThat(cleaned.removedFiles()).containsExactlyInAnyOrder("notes.txt");
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
            PackageCleaner.Cleaned cleaned = PackageCleaner.clean(pkg, kept, birthDateKey);
            assertThat(kept.resolve("users.csv")).as(header).content().doesNotContain("Secret-1");
            assertThat(cleaned.removedColumns().get("users.csv")).as(header).hasSize(1);
        }
    }
}
