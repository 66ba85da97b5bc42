package io.rostersync.sync.internal.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs src/test/resources/sync/correlation-people.psv: one row a case, with its note. */
class CorrelatorTableTest {

    record Row(String name, List<MatchRule> rules, OptionalLong link, PersonKeys keys,
            Map<String, List<Candidate>> directory, String expected, String note) {

        @Override
        public String toString() {
            return name + " (" + note + ")";
        }
    }

    static Stream<Row> rows() throws IOException {
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("src/test/resources/sync/correlation-people.psv"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] c = Arrays.stream(line.split("\\|")).map(String::strip).toArray(String[]::new);
            List<MatchRule> rules = Arrays.stream(c[1].split(",")).map(String::strip).map(MatchRule::valueOf).toList();
            OptionalLong link = c[2].equals("-") ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(c[2]));
            String[] k = c[3].split(",", -1);
            PersonKeys keys = new PersonKeys(none(k[0]), none(k[1]), none(k[2]), none(k[3]), none(k[4]));
            Map<String, List<Candidate>> directory = new HashMap<>();
            if (!c[4].equals("-")) {
                for (String entry : c[4].split(";")) {
                    String[] ruleAndRest = entry.strip().split("=", 2);
                    String[] valueAndCandidates = ruleAndRest[1].split(">", 2);
                    List<Candidate> candidates = new ArrayList<>();
                    for (String cand : valueAndCandidates[1].split(",")) {
                        String[] f = cand.strip().split(":");
                        // yes: linked to a record still sent; gone: linked to one a full file no longer sends
                        candidates.add(new Candidate(Long.parseLong(f[0]), f[1], f[2], !f[3].equals("no"),
                                f[3].equals("yes")));
                    }
                    directory.put(ruleAndRest[0] + "=" + valueAndCandidates[0], candidates);
                }
            }
            rows.add(new Row(c[0], rules, link, keys, directory, c[5], c[6]));
        }
        return rows.stream();
    }

    private static String none(String s) {
        return s.equals("-") ? null : s;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void decidesTheSituation(Row row) {
        Correlation result = new Correlator(row.rules()).person(row.keys(), row.link(),
                (rule, value) -> row.directory().getOrDefault(rule + "=" + value, List.of()));
        assertThat(render(result)).as(row.note() + "; reason given: " + result.reason()).isEqualTo(row.expected());
        assertThat(result.reason()).isNotBlank();
    }

    private static String render(Correlation c) {
        return switch (c.situation()) {
            case LINKED, UNLINKED -> c.situation() + " " + c.localId() + " " + c.rule();
            case DISPUTED -> c.situation() + " " + String.join(",", c.candidates().stream().map(String::valueOf).toList())
                    + " " + c.rule();
            case UNMATCHED -> "UNMATCHED";
        };
    }
}
