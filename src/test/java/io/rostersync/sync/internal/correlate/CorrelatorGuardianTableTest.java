package io.rostersync.sync.internal.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs src/test/resources/sync/correlation-guardians.psv: a guardian under a new id, one row a case. */
class CorrelatorGuardianTableTest {

    record Row(String name, PersonKeys keys, List<Candidate> guardians, String expected, String note) {

        @Override
        public String toString() {
            return name + " (" + note + ")";
        }
    }

    static Stream<Row> rows() throws IOException {
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("src/test/resources/sync/correlation-guardians.psv"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] c = Arrays.stream(line.split("\\|")).map(String::strip).toArray(String[]::new);
            String[] name = c[1].split(",");
            List<Candidate> guardians = new ArrayList<>();
            if (!c[2].equals("-")) {
                for (String g : c[2].split(",")) {
                    String[] f = g.strip().split(":");
                    guardians.add(new Candidate(Long.parseLong(f[0]), f[1], f[2], !f[3].equals("no"),
                            f[3].equals("sent")));
                }
            }
            rows.add(new Row(c[0], new PersonKeys("new-id", null, null, name[0], name[1]), guardians, c[3], c[4]));
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void decidesWhetherTheGuardianIsOneTheDirectoryHas(Row row) {
        Correlation result = new Correlator(List.of(MatchRule.SOURCED_ID)).guardian(row.keys(), row.guardians());
        String rendered = switch (result.situation()) {
            case UNLINKED -> "UNLINKED " + result.localId();
            case DISPUTED -> "DISPUTED " + String.join(",", result.candidates().stream().map(String::valueOf).toList());
            default -> result.situation().name();
        };
        assertThat(rendered).as(row.note() + "; reason given: " + result.reason()).isEqualTo(row.expected());
        assertThat(result.movesLink()).isEqualTo(result.situation() == Situation.UNLINKED);
    }
}
