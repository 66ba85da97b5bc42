package io.rostersync.oneroster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs every case under src/test/resources/oneroster/cases: the reported problems must be exactly the expected. */
class OneRosterCasesTest {

    @TempDir
    Path dir;

    static Stream<OneRosterCase> cases() throws Exception {
        return OneRosterCase.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsExactlyTheExpectedProblems(OneRosterCase c) throws Exception {
        Path input = c.write(dir);
        ReadResult result = OneRosterReader.read(input,
                ReadOptions.defaults().withStrict(c.strict()).withDetailsPerCode(10_000));
        List<Problem> unmatched = new ArrayList<>(result.report().problems());
        List<OneRosterCase.Expectation> missing = new ArrayList<>();
        for (OneRosterCase.Expectation e : c.expectations()) {
            Problem hit = unmatched.stream().filter(e::matches).findFirst().orElse(null);
            if (hit == null) {
                missing.add(e);
            } else {
                unmatched.remove(hit);
            }
        }
        assertThat(missing).as("%s: %s%nexpected but not reported; all reported:%n%s", c.name(), c.description(),
                describe(result.report().problems())).isEmpty();
        assertThat(unmatched).as("%s: reported but not expected:%n%s", c.name(), describe(unmatched)).isEmpty();
        for (Problem p : result.report().problems()) {
            assertThat(p.message()).as("no report ever quotes a password").doesNotContain("hunter2");
            assertThat(p.message()).as("every problem explains itself").isNotBlank();
            assertThat(p.hint()).as("every problem says how to fix it").isNotBlank();
        }
    }

    private static String describe(List<Problem> problems) {
        StringBuilder b = new StringBuilder();
        for (Problem p : problems) {
            b.append("  expect: ").append(p.code()).append(' ').append(p.severity().label()).append(' ')
                    .append(p.file() == null ? "-" : p.file()).append(p.line() == null ? "" : ":" + p.line())
                    .append(p.column() == null ? "" : " " + p.column()).append("   # ").append(p.message())
                    .append('\n');
        }
        return b.toString();
    }
}
