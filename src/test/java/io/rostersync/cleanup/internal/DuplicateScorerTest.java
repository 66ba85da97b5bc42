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

    /** At two schools, a name and grade nobody else in the district has is a candidate; a common one is not. */
    @org.junit.jupiter.api.Test
    void atAnotherSchoolARareNameSaysMoreThanACommonOne() {
        StudentFacts handMade = student(1, "Noah;Williams;-;05;-;-;h;1;-");
        StudentFacts synced = student(2, "Noah;Williams;-;05;S11;-;s;2;-");
        DuplicateScorer.Scored rare = DuplicateScorer.raw(handMade, synced, 2).orElseThrow();
        assertThat(rare.confidence()).isCloseTo(0.65, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(rare.evidence()).contains(Evidence.RARE_NAME);
        DuplicateScorer.Scored common = DuplicateScorer.raw(handMade, synced, 9).orElseThrow();
        assertThat(common.confidence()).isLessThan(DuplicateScorer.THRESHOLD);
        assertThat(common.evidence()).contains(Evidence.NAME_ONLY_ELSEWHERE);
    }

    /** A pair clearly better than its rival stays; one that ties or loses to it is weaker, and says why. */
    @org.junit.jupiter.api.Test
    void aPairWithARivalThatFitsAsWellIsWeaker() {
        DuplicateScorer.Scored pair = new DuplicateScorer.Scored(0.75, java.util.EnumSet.of(Evidence.SAME_NAME));
        assertThat(DuplicateScorer.compete(pair, 0.65)).isEqualTo(pair);
        assertThat(DuplicateScorer.compete(pair, 0)).isEqualTo(pair);
        DuplicateScorer.Scored tie = DuplicateScorer.compete(pair, 0.75);
        assertThat(tie.confidence()).isCloseTo(0.55, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(tie.evidence()).contains(Evidence.ANOTHER_RECORD_FITS);
        assertThat(DuplicateScorer.compete(pair, 0.8).confidence()).isCloseTo(0.45,
                org.assertj.core.data.Offset.offset(1e-9));
    }

    private static StudentFacts student(long id, String cells) {
        String[] c = Arrays.stream(cells.split(";", -1)).map(v -> v.equals("-") ? null : v).toArray(String[]::new);
        return new StudentFacts(id, c[0], c[1], c[2], c[3], c[4], c[5], "s".equals(c[6]),
                c[7] == null ? List.of() : Arrays.stream(c[7].split(",")).map(Long::valueOf).toList(),
                c[8] == null ? List.of() : List.of(c[8].split(",")), c.length > 9 ? c[9] : null);
    }
}
