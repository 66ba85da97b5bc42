package io.rostersync.oneroster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ZIP intake under attack and damage: every case ends in a clear problem, never an exception. */
class ZipIntakeTest {

    @TempDir
    Path dir;

    @Test
    void refusesAZipBombByItsDeclaredRatioWithoutInflatingIt() throws IOException {
        Path bomb = zipOfRepeatedLines("users.csv", 256L * 1024 * 1024);
        ValidationReport report = OneRosterReader.read(bomb).report();
        assertThat(report.count(ProblemCode.ZIP_COMPRESSION_RATIO)).isEqualTo(1);
        assertThat(report.files()).extracting(FileSummary::file).doesNotContain(RosterFile.USERS);
        assertThat(report.count(ProblemCode.MANIFEST_FILE_MISSING)).isEqualTo(1);
    }

    @Test
    void refusesAZipBombThatLiesAboutItsSizeWhileStreaming() throws IOException {
        // a whole package whose users.csv is a bomb of short CSV-like lines, so that the parser keeps
        // asking for more until the ratio check stops it; its central directory claims a harmless size
        Path bomb = zipOfRepeatedLines("users.csv", 256L * 1024 * 1024);
        patchCentralDirectorySizes(bomb, 100_000);
        ValidationReport report = OneRosterReader.read(bomb).report();
        assertThat(report.count(ProblemCode.ZIP_COMPRESSION_RATIO)).isEqualTo(1);
        assertThat(report.problems()).anyMatch(p -> p.code() == ProblemCode.ZIP_COMPRESSION_RATIO
                && "users.csv".equals(p.file()));
        assertThat(report.files()).noneMatch(f -> f.complete() && f.file() == RosterFile.USERS);
    }

    @Test
    void stopsReadingWhenThePackageYieldsMoreThanItsLimit() throws IOException {
        Path pkg = TestPackages.copyOf("v1.1", dir);
        ValidationReport report = OneRosterReader.read(pkg, ReadOptions.defaults().withMaxTotalBytes(600)).report();
        assertThat(report.count(ProblemCode.ZIP_TOO_LARGE)).isPositive();
        assertThat(report.hasErrors()).isTrue();
        assertThat(report.files().stream().filter(FileSummary::complete).count()).isLessThan(6);
    }

    @Test
    void refusesAZipWithMoreEntriesThanAnyPackageNeeds() throws IOException {
        Path zip = dir.resolve("many.zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            for (int i = 0; i < 500; i++) {
                z.putNextEntry(new ZipEntry("f" + i + ".csv"));
                z.write("a\n".getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        ValidationReport report = OneRosterReader.read(zip).report();
        assertThat(report.count(ProblemCode.ZIP_TOO_MANY_ENTRIES)).isEqualTo(1);
        assertThat(report.readable()).isFalse();
    }

    @Test
    void refusesEncryptedEntries() throws IOException {
        Path zip = TestPackages.zip(TestPackages.copyOf("v1.1", dir), dir.resolve("locked.zip"));
        setEncryptionFlag(zip, "users.csv");
        ValidationReport report = OneRosterReader.read(zip).report();
        assertThat(report.problems()).anyMatch(p -> p.code() == ProblemCode.ZIP_ENCRYPTED
                && "users.csv".equals(p.file()));
        assertThat(report.files()).noneMatch(f -> f.file() == RosterFile.USERS);
    }

    @Test
    void reportsADamagedZipAsUnreadable() throws IOException {
        Path zip = dir.resolve("damaged.zip");
        byte[] junk = new byte[4096];
        new java.util.Random(7).nextBytes(junk);
        junk[0] = 'P';
        junk[1] = 'K';
        Files.write(zip, junk);
        ValidationReport report = OneRosterReader.read(zip).report();
        assertThat(report.count(ProblemCode.ZIP_UNREADABLE)).isEqualTo(1);
        assertThat(report.readable()).isFalse();
    }

    @Test
    void reportsATruncatedZipAsUnreadableRatherThanReadingPartOfIt() throws IOException {
        Path zip = TestPackages.zip(TestPackages.copyOf("v1.1", dir), dir.resolve("whole.zip"));
        byte[] bytes = Files.readAllBytes(zip);
        Path cut = dir.resolve("cut.zip");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length * 2 / 3));
        ValidationReport report = OneRosterReader.read(cut).report();
        assertThat(report.count(ProblemCode.ZIP_UNREADABLE)).isEqualTo(1);
        assertThat(report.files()).isEmpty();
    }

    @Test
    void reportsAPathThatIsNeitherFolderNorZip() throws IOException {
        Path text = dir.resolve("users.csv");
        Files.writeString(text, "sourcedId\n");
        assertThat(OneRosterReader.read(text).report().count(ProblemCode.PACKAGE_UNREADABLE)).isEqualTo(1);
        ValidationReport missing = OneRosterReader.read(dir.resolve("nowhere")).report();
        assertThat(missing.count(ProblemCode.PACKAGE_UNREADABLE)).isEqualTo(1);
        assertThat(missing.readable()).isFalse();
    }

    @Test
    void stopsAFileAtARecordLongerThanTheLimit() throws IOException {
        Path pkg = TestPackages.copyOf("v1.1", dir);
        TestPackages.append(pkg, "users.csv", "u-x,,,true,s1,student," + "x".repeat(2 * 1024 * 1024)
                + ",,A,B,,,,,,,,");
        ValidationReport report = OneRosterReader.read(pkg).report();
        assertThat(report.problems()).anyMatch(p -> p.code() == ProblemCode.CSV_RECORD_TOO_LONG
                && "users.csv".equals(p.file()) && p.line() == 7);
        assertThat(report.files()).anyMatch(f -> f.file() == RosterFile.USERS && !f.complete() && f.rows() == 5);
    }

    @Test
    void readsTheSamePackageFromAZipAsFromItsFolder() throws IOException {
        Path folder = TestPackages.copyOf("v1.2", dir);
        Path zip = TestPackages.zip(folder, dir.resolve("v12.zip"));
        ValidationReport fromFolder = OneRosterReader.read(folder).report();
        ValidationReport fromZip = OneRosterReader.read(zip).report();
        assertThat(fromZip.errors()).isZero();
        assertThat(fromZip.files()).extracting(FileSummary::file, FileSummary::rows)
                .isEqualTo(fromFolder.files().stream().map(f -> org.assertj.core.groups.Tuple.tuple(f.file(), f.rows()))
                        .toList());
    }

    private Path zipOfRepeatedLines(String name, long size) throws IOException {
        Path zip = dir.resolve("bomb.zip");
        Path base = TestPackages.copyOf("v1.1", dir);
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            z.setLevel(9);
            for (String file : new String[] {"manifest.csv", "orgs.csv", "academicSessions.csv", "courses.csv",
                "classes.csv", "enrollments.csv"}) {
                z.putNextEntry(new ZipEntry(file));
                z.write(Files.readAllBytes(base.resolve(file)));
                z.closeEntry();
            }
            z.putNextEntry(new ZipEntry(name));
            z.write(Files.readAllLines(base.resolve(name)).get(0).concat("\n").getBytes(StandardCharsets.UTF_8));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i + 4 <= zeros.length; i += 4) {
                zeros[i] = 'x';
                zeros[i + 1] = ',';
                zeros[i + 2] = 'y';
                zeros[i + 3] = '\n';
            }
            for (long written = 0; written < size; written += zeros.length) {
                z.write(zeros);
            }
            z.closeEntry();
        }
        return zip;
    }

    /** Makes the central directory claim a small uncompressed size, as a crafted bomb would. */
    private static void patchCentralDirectorySizes(Path zip, int claimed) throws IOException {
        byte[] b = Files.readAllBytes(zip);
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i + 46 <= b.length; i++) {
            if (buf.getInt(i) == 0x02014b50) {
                buf.putInt(i + 24, claimed);
            }
        }
        Files.write(zip, b);
    }

    private static void setEncryptionFlag(Path zip, String entry) throws IOException {
        byte[] b = Files.readAllBytes(zip);
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        byte[] name = entry.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + 46 <= b.length; i++) {
            int sig = buf.getInt(i);
            int nameOffset = sig == 0x02014b50 ? 46 : sig == 0x04034b50 ? 30 : -1;
            int flagOffset = sig == 0x02014b50 ? 8 : 6;
            int nameLength = nameOffset < 0 ? 0 : buf.getShort(i + (sig == 0x02014b50 ? 28 : 26)) & 0xffff;
            if (nameOffset > 0 && nameLength == name.length && i + nameOffset + nameLength <= b.length
                    && Arrays.equals(Arrays.copyOfRange(b, i + nameOffset, i + nameOffset + nameLength), name)) {
                buf.putShort(i + flagOffset, (short) (buf.getShort(i + flagOffset) | 1));
            }
        }
        Files.write(zip, b);
    }
}
