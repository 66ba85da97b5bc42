package io.rostersync.cleanup.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.rostersync.cleanup.Evidence;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pairs of students from {@code cleanup/duplicate-pairs.tsv}: whether they may be one child, with
 * which evidence and confidence; and that their blocking keys bring every candidate pair together.
 */
class DuplicateScorerTest {

    static Stream<Arguments> cases() {
        return io.rostersync.TestTables.arguments("/cleanup/duplicate-pairs.tsv");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void scoresThePair(String name, String a, String b, String expected, String confidence) {
        StudentFacts one = student(1, a);
        StudentFacts two = student(2, b);
        Optional<DuplicateScorer.Scored> scored = DuplicateScorer.score(one, two);
        if (expected.equals("none")) {
            assertThat(scored).as("no candidate").isEmpty();
            return;
        }
        assertThat(scored).as("a candidate").isPresent();
        for (String e : expected.split(",")) {
            assertThat(scored.get().evidence()).contains(Evidence.valueOf(e));
        }
        String[] range = confidence.split("\\.\\.");
        assertThat(scored.get().confidence()).isBetween(Double.parseDouble(range[0]), Double.parseDouble(range[1]));
        assertThat(DuplicateScorer.score(two, one)).as("the same either way").isEqualTo(scored);
        List<String> keysOfOne = BlockingKeys.of(one);
        assertThat(BlockingKeys.of(two)).as("a blocking key in common").anyMatch(keysOfOne::contains);
    }

    private static StudentFacts student(long id, String cells) {
        String[] c = Arrays.stream(cells.split(";", -1)).map(v -> v.equals("-") ? null : v).toArray(String[]::new);
        return new StudentFacts(id, c[0], c[1], c[2], c[3], c[4], c[5], "s".equals(c[6]),
                c[7] == null ? List.of() : Arrays.stream(c[7].split(",")).map(Long::valueOf).toList(),
                c[8] == null ? List.of() : List.of(c[8].split(",")));
    }
}
