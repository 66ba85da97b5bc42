package io.rostersync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.rostersync.demo.DemoDistrict;
import io.rostersync.generator.RosterGenerator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GenerateCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = RostersyncCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void writesAZipAndSummarisesItOnOneLine(@TempDir Path tmp) {
        Path zip = tmp.resolve("d.zip");
        int code = run("generate", "--students", "300", "--oneroster", "1.2", "--seed", "7", "--out", zip.toString());
        assertThat(code).isZero();
        assertThat(zip).exists();
        String summary = out.toString().trim();
        assertThat(summary.lines()).hasSize(1);
        assertThat(summary).contains("users.csv=", "enrollments.csv=", "roles.csv=", " s");
    }

    @Test
    void messyWritesTheExpectedProblemsBesideTheOutput(@TempDir Path tmp) {
        int code = run("generate", "--students", "500", "--messy", "--day", "2", "--out", tmp.resolve("x").toString());
        assertThat(code).isZero();
        assertThat(tmp.resolve("x.expected-problems.json")).exists();
        assertThat(tmp.resolve("x/demographics.csv")).exists();
    }

    @Test
    void demoWritesTheDemoDistrictsRosterAndItsLaterDays(@TempDir Path tmp) throws Exception {
        Path zip = tmp.resolve("demo.zip");
        assertThat(run("generate", "--demo", "--out", zip.toString())).isZero();
        Path expected = RosterGenerator.generate(DemoDistrict.rosterOptions(0), tmp.resolve("expected.zip")).output();
        assertThat(Files.readAllBytes(zip)).isEqualTo(Files.readAllBytes(expected));
        Path day1 = tmp.resolve("day1.zip");
        assertThat(run("generate", "--demo", "--day", "1", "--out", day1.toString())).isZero();
        assertThat(Files.readAllBytes(day1)).isNotEqualTo(Files.readAllBytes(zip));
    }

    @Test
    void demoRefusesTheOptionsThatChooseADistrict(@TempDir Path tmp) {
        Path zip = tmp.resolve("demo.zip");
        assertThat(run("generate", "--demo", "--students", "900", "--seed", "3", "--out", zip.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--demo", "--students", "--seed");
        assertThat(run("generate", "--demo", "--messy", "--out", zip.toString())).isEqualTo(2);
        assertThat(zip).doesNotExist();
    }

    @Test
    void wrongArgumentsExitWith2() {
        assertThat(run("generate", "--out", "/tmp/never")).isEqualTo(2);
        assertThat(run("generate", "--students", "10", "--oneroster", "1.3", "--out", "/tmp/never")).isEqualTo(2);
        assertThat(run("generate", "--students", "10", "--schools", "2", "--out", "/tmp/never")).isEqualTo(2);
        assertThat(run("generate", "--students", "10", "--day", "-1", "--out", "/tmp/never")).isEqualTo(2);
        assertThat(run("generate", "--students", "abc", "--out", "/tmp/never")).isEqualTo(2);
        assertThat(run("generate", "--students", "0", "--out", "/tmp/never")).isEqualTo(2);
        assertThat(Path.of("/tmp/never")).doesNotExist();
    }

    @Test
    void unwritableOutputExitsWith2(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("plain-file"), "x");
        assertThat(run("generate", "--students", "50", "--out", file.toString())).isEqualTo(2);
        assertThat(run("generate", "--students", "50", "--out", file.resolve("sub/d.zip").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("Cannot write");
    }
}
