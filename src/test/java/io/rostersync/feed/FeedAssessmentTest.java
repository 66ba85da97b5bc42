package io.rostersync.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Feed health findings, case by case from {@code feed/health.tsv}. */
class FeedAssessmentTest {

    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    static Stream<Arguments> cases() {
        return io.rostersync.TestTables.arguments("/feed/health.tsv");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void finds(String name, String settings, String drops, String expected) {
        List<DropFact> facts = drops.equals("-") ? List.of() : Arrays.stream(drops.split(" ")).map(d -> {
            String[] f = d.split(":");
            return new DropFact(NOW.minus(Duration.ofHours(Long.parseLong(f[0]))), f[1], Long.parseLong(f[2]));
        }).toList();

        List<Finding> findings = FeedAssessment.assess(facts, settings(settings), NOW);

        assertThat(findings).extracting(f -> f.kind().name())
                .containsExactlyElementsOf(expected.equals("-") ? List.of() : List.of(expected.split(" ")));
        assertThat(findings).allSatisfy(f -> {
            assertThat(f.message()).isNotBlank();
            assertThat(f.hint()).isNotBlank();
            assertThat(f.since()).isBeforeOrEqualTo(NOW);
        });
    }

    private static FeedSettings settings(String cell) {
        FeedSettings s = FeedSettings.DEFAULT;
        if (cell.equals("-")) {
            return s;
        }
        int quiet = s.quietDays();
        int same = s.sameFileDays();
        int shrink = s.shrinkPercent();
        int failures = s.failuresInARow();
        for (String pair : cell.split(" ")) {
            String[] kv = pair.split("=");
            int v = Integer.parseInt(kv[1]);
            switch (kv[0]) {
                case "quietDays" -> quiet = v;
                case "sameFileDays" -> same = v;
                case "shrinkPercent" -> shrink = v;
                case "failuresInARow" -> failures = v;
                default -> throw new IllegalArgumentException(kv[0]);
            }
        }
        return new FeedSettings(quiet, same, shrink, failures, List.of());
    }
}
