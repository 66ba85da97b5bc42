package io.rostersync.oneroster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** docs/problems.md and the spec cases keep step with ProblemCode. */
class ProblemCodesDocumentedTest {

    private static final Pattern ROW = Pattern.compile("^\\| `([A-Z0-9_]+)` \\| ([a-z, ]+) \\| (.+?) \\| (.+?) \\| (.+) \\|$");

    /** Codes no input can provoke on purpose: they exist for our own defects. */
    private static final Set<ProblemCode> NOT_PROVOKABLE = EnumSet.of(ProblemCode.INTERNAL_ERROR);

    @Test
    void everyCodeIsDocumentedWithItsSeverityMeaningFixAndReason() throws IOException {
        Map<String, String> documented = new HashMap<>();
        for (String line : Files.readAllLines(Path.of("docs/problems.md"))) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                assertThat(documented.put(m.group(1), m.group(2))).as("documented once: " + m.group(1)).isNull();
                assertThat(m.group(3).strip()).as("meaning of " + m.group(1)).isNotEmpty();
                assertThat(m.group(5).strip()).as("reason for " + m.group(1)).isNotEmpty();
            }
        }
        for (ProblemCode code : ProblemCode.values()) {
            String expected = code.severity() == Severity.ERROR ? "error"
                    : code.lenient() ? "warning, strict error" : "warning";
            assertThat(documented.get(code.name())).as("docs/problems.md row for " + code).isEqualTo(expected);
        }
        assertThat(documented.keySet()).as("documented codes that do not exist")
                .allMatch(name -> Stream.of(ProblemCode.values()).anyMatch(c -> c.name().equals(name)));
    }

    @Test
    void everyCodeIsProvokedByACaseOrAnIntakeTest() throws IOException {
        Set<ProblemCode> provoked = EnumSet.noneOf(ProblemCode.class);
        try (Stream<OneRosterCase> cases = OneRosterCase.all()) {
            cases.forEach(c -> c.expectations().forEach(e -> provoked.add(e.code())));
        }
        String intake = Files.readString(Path.of("src/test/java/io/rostersync/oneroster/ZipIntakeTest.java"));
        for (ProblemCode code : ProblemCode.values()) {
            if (Pattern.compile("ProblemCode\\." + code.name() + "\\b").matcher(intake).find()) {
                provoked.add(code);
            }
        }
        Set<ProblemCode> missing = EnumSet.complementOf(EnumSet.copyOf(provoked));
        missing.removeAll(NOT_PROVOKABLE);
        assertThat(missing).as("codes without a case").isEmpty();
    }
}
