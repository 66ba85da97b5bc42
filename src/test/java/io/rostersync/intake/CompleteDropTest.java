package io.rostersync.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The completeness rule, case by case from {@code intake/complete-drop.tsv}. */
class CompleteDropTest {

    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");

    static Stream<Arguments> cases() {
        return io.rostersync.TestTables.arguments("/intake/complete-drop.tsv");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decides(String name, String completeness, String stable, String marker, String files, String drop,
            String consumed) {
        Arrival arrival = new Arrival(Arrival.Completeness.valueOf(completeness.toUpperCase(Locale.ROOT)),
                stable.equals("-") ? null : Duration.ofSeconds(Long.parseLong(stable)),
                marker.equals("-") ? "ready.txt" : marker, 90);
        List<CompleteDrop.Candidate> candidates = words(files).stream().map(f -> {
            boolean open = f.endsWith("!");
            boolean taken = f.endsWith("~");
            String[] parts = (open || taken ? f.substring(0, f.length() - 1) : f).split("@");
            return new CompleteDrop.Candidate(parts[0], NOW.minusSeconds(Long.parseLong(parts[1])), open, taken);
        }).toList();

        Optional<CompleteDrop.Decision> decision = CompleteDrop.decide(candidates, arrival, Duration.ofSeconds(30), NOW);

        if (drop.equals("NONE")) {
            assertThat(decision).isEmpty();
        } else {
            assertThat(decision).isPresent();
            assertThat(decision.get().drop()).containsExactlyElementsOf(words(drop));
            assertThat(decision.get().consumed()).containsExactlyElementsOf(words(consumed));
        }
    }

    private static List<String> words(String cell) {
        return cell.equals("-") ? List.of() : Arrays.asList(cell.split(" "));
    }
}
