package io.rostersync.oneroster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The public sample exports beside the project (../shared/oneroster-samples, read in place, never
 * copied: several are copyleft) keep giving the results reviewed in docs/samples-review.md.
 */
class SampleSetsTest {

    private static final Path SAMPLES = Path.of("..", "shared", "oneroster-samples");

    record Expected(String path, String version, int errors, int warnings, Map<String, Integer> counts) {

        @Override
        public String toString() {
            return path;
        }
    }

    static Stream<Expected> samples() throws IOException {
        assertThat(SAMPLES).as("the shared sample sets beside the project").isDirectory();
        return Files.readAllLines(Path.of("src/test/resources/oneroster/samples-expected.txt")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).map(l -> {
                    String[] parts = l.trim().split("\\s+");
                    Map<String, Integer> counts = new TreeMap<>();
                    for (int i = 4; i < parts.length; i++) {
                        String[] kv = parts[i].split("=");
                        counts.put(kv[0], Integer.parseInt(kv[1]));
                    }
                    return new Expected(parts[0], parts[1], Integer.parseInt(parts[2]), Integer.parseInt(parts[3]),
                            counts);
                });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void givesTheReviewedResult(Expected expected) {
        ValidationReport report = OneRosterReader.read(SAMPLES.resolve(expected.path())).report();
        Map<String, Integer> counts = new TreeMap<>();
        report.counts().forEach((code, n) -> counts.put(code.name(), n));
        assertThat(report.version().label()).isEqualTo(expected.version());
        assertThat(counts).isEqualTo(expected.counts());
        assertThat(report.errors()).isEqualTo(expected.errors());
        assertThat(report.warnings()).isEqualTo(expected.warnings());
    }
}
