package io.rostersync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The validate command's contract: exit status, and the exact JSON shape machines rely on. */
class ValidateCommandTest {

    private static final Path BASES = Path.of("src/test/resources/oneroster/bases");

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = RostersyncCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private Path copyOf(String base) throws Exception {
        Path target = dir.resolve(base);
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(BASES.resolve(base))) {
            for (Path p : files.toList()) {
                Files.copy(p, target.resolve(p.getFileName()));
            }
        }
        return target;
    }

    @Test
    void aCleanPackageExitsZeroWithASummaryFirst() throws Exception {
        Run r = run("validate", copyOf("v1.1").toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("OneRoster 1.1").contains("Files read:").contains("users.csv")
                .contains("Result: 0 errors, 0 warnings");
        assertThat(r.out().indexOf("Result:")).isLessThan(r.out().length());
    }

    @Test
    void errorsExitOneAndTheTextShowsEachWithItsFix() throws Exception {
        Path pkg = copyOf("v1.1");
        Files.writeString(pkg.resolve("enrollments.csv"), "e5,,,k-gone,s2,u-s2,student,false,,\n",
                java.nio.file.StandardOpenOption.APPEND);
        Run r = run("validate", pkg.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("Result: 1 error, 0 warnings").contains("Errors: REFERENCE_NOT_FOUND 1")
                .contains("enrollments.csv:6 [classSourcedId] id e5").contains("Fix: ");
        assertThat(r.out().indexOf("Result:")).isLessThan(r.out().indexOf("Details:"));
    }

    @Test
    void strictTurnsLeniencyIntoAnErrorExit() throws Exception {
        Path pkg = copyOf("v1.1");
        Files.writeString(pkg.resolve("enrollments.csv"), "e5,,,k-alg1-1,s2,u-t1,teacher,TRUE,,\n",
                java.nio.file.StandardOpenOption.APPEND);
        assertThat(run("validate", pkg.toString()).exit()).isZero();
        assertThat(run("validate", "--strict", pkg.toString()).exit()).isEqualTo(1);
    }

    @Test
    void jsonHasExactlyTheContractedShape() throws Exception {
        Path pkg = copyOf("minimal");
        Files.writeString(pkg.resolve("users.csv"), "u-s3,,,true,s1,student,jlee,,,Lee,,1003,,,,,03,\n",
                java.nio.file.StandardOpenOption.APPEND);
        Run r = run("validate", "--format", "json", pkg.toString());
        assertThat(r.exit()).isEqualTo(1);
        JsonNode json = JsonMapper.builder().build().readTree(r.out());
        assertThat(names(json)).containsExactly("version", "files", "errors", "warnings", "problems");
        assertThat(json.get("version").asString()).isEqualTo("1.1");
        JsonNode users = json.get("files").get(1);
        assertThat(names(users)).containsExactly("name", "mode", "rows");
        assertThat(users.get("name").asString()).isEqualTo("users.csv");
        assertThat(users.get("mode").asString()).isEqualTo("bulk");
        assertThat(users.get("rows").asLong()).isEqualTo(6);
        assertThat(json.get("errors").asInt()).isEqualTo(1);
        assertThat(json.get("warnings").asInt()).isEqualTo(6);
        JsonNode first = json.get("problems").get(0);
        assertThat(names(first)).containsExactly("code", "severity", "file", "line", "column", "sourcedId",
                "message", "hint");
        assertThat(first.get("code").asString()).isEqualTo("MANIFEST_MISSING");
        assertThat(first.get("file").isNull()).isTrue();
        assertThat(first.get("line").isNull()).isTrue();
        JsonNode required = Stream.of(json.get("problems")).flatMap(n -> n.valueStream())
                .filter(p -> p.get("code").asString().equals("FIELD_REQUIRED")).findFirst().orElseThrow();
        assertThat(required.get("severity").asString()).isEqualTo("error");
        assertThat(required.get("file").asString()).isEqualTo("users.csv");
        assertThat(required.get("line").asInt()).isEqualTo(7);
        assertThat(required.get("column").asString()).isEqualTo("givenName");
        assertThat(required.get("sourcedId").asString()).isEqualTo("u-s3");
    }

    @Test
    void unreadableInputAndWrongArgumentsExitTwo() {
        assertThat(run("validate", dir.resolve("missing.zip").toString()).exit()).isEqualTo(2);
        assertThat(run("validate").exit()).isEqualTo(2);
        assertThat(run("validate", "--format", "xml", dir.toString()).exit()).isEqualTo(2);
    }

    @Test
    void capsDetailsButNeverCounts() throws Exception {
        Path pkg = copyOf("v1.1");
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            rows.append("e-x").append(i).append(",,,k-gone,s2,u-s2,student,false,,\n");
        }
        Files.writeString(pkg.resolve("enrollments.csv"), rows, java.nio.file.StandardOpenOption.APPEND);
        Run r = run("validate", "--format", "json", "--details", "5", pkg.toString());
        JsonNode json = JsonMapper.builder().build().readTree(r.out());
        assertThat(json.get("errors").asInt()).isEqualTo(30);
        assertThat(json.get("problems").size()).isEqualTo(5);
    }

    private static List<String> names(JsonNode node) {
        return node.propertyNames().stream().toList();
    }
}
