package io.rostersync.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.rostersync.oneroster.OneRosterReader;
import io.rostersync.oneroster.OneRosterVersion;
import io.rostersync.oneroster.Problem;
import io.rostersync.oneroster.ReadOptions;
import io.rostersync.oneroster.ValidationReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The generator and the validator agree: clean districts are clean, messy ones report exactly their defects. */
class GeneratedDistrictValidatesTest {

    @TempDir
    Path dir;

    static Stream<Arguments> districts() {
        return Stream.of(
                Arguments.of(OneRosterVersion.V1_1, 0, "district.zip"),
                Arguments.of(OneRosterVersion.V1_2, 0, "district.zip"),
                Arguments.of(OneRosterVersion.V1_1, 5, "district"),
                Arguments.of(OneRosterVersion.V1_2, 12, "district"));
    }

    @ParameterizedTest(name = "OneRoster {0}, day {1}, {2}")
    @MethodSource("districts")
    void aGeneratedDistrictValidatesWithoutAnyProblem(OneRosterVersion version, int day, String out) throws Exception {
        GenerationResult generated = RosterGenerator.generate(GeneratorOptions.of(3_000).withVersion(version)
                .withGuardiansPerStudent(1.5).withDay(day).withSeed(42), dir.resolve(out));
        ValidationReport report = OneRosterReader.read(generated.output(), ReadOptions.defaults().withStrict(true))
                .report();
        assertThat(report.problems()).as("problems in a generated %s district", version).isEmpty();
        assertThat(report.version()).isEqualTo(version);
        assertThat(report.files()).allSatisfy(f -> assertThat(f.rows())
                .isEqualTo(generated.rows().get(f.file().fileName())));
    }

    static Stream<Arguments> messyDistricts() {
        return Stream.of(Arguments.of(OneRosterVersion.V1_1, 0), Arguments.of(OneRosterVersion.V1_2, 0),
                Arguments.of(OneRosterVersion.V1_1, 3));
    }

    @ParameterizedTest(name = "OneRoster {0}, day {1}")
    @MethodSource("messyDistricts")
    void aMessyDistrictReportsExactlyItsInjectedDefects(OneRosterVersion version, int day) throws Exception {
        GenerationResult generated = RosterGenerator.generate(GeneratorOptions.of(2_000).withVersion(version)
                .withMessy(true).withDay(day).withSeed(7), dir.resolve("messy.zip"));
        assertThat(generated.problems()).isNotEmpty();
        ValidationReport report = OneRosterReader.read(generated.output(),
                ReadOptions.defaults().withDetailsPerCode(10_000)).report();
        List<Problem> unexplained = new ArrayList<>(report.problems());
        List<ExpectedProblem> missed = new ArrayList<>();
        for (ExpectedProblem expected : generated.problems()) {
            Problem found = unexplained.stream().filter(p -> p.code().name().equals(expected.code())
                    && expected.file().equals(p.file()) && java.util.Objects.equals(expected.line(), p.line()))
                    .findFirst().orElse(null);
            if (found == null) {
                missed.add(expected);
            } else {
                unexplained.remove(found);
            }
        }
        assertThat(missed).as("injected but not reported; reported: %s", report.problems()).isEmpty();
        assertThat(unexplained).as("reported but not injected").isEmpty();
    }
}
