package io.rostersync.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** School suggestions, case by case from {@code web/school-suggestions.tsv}. */
class SchoolSuggestionsTest {

    static Stream<Arguments> cases() {
        return io.rostersync.TestTables.arguments("/web/school-suggestions.tsv");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void suggests(String name, String orgName, String identifier, String ours, String expected) {
        List<SchoolSuggestions.Candidate> candidates = ours.equals("-") ? List.of() : Arrays.stream(ours.split("\\|"))
                .map(c -> c.split("=", 2)).map(c -> new SchoolSuggestions.Candidate(Long.parseLong(c[0]), c[1])).toList();
        Optional<SchoolSuggestions.Suggestion> suggestion = SchoolSuggestions.suggest(orgName,
                identifier.equals("-") ? null : identifier, candidates);
        if (expected.equals("-")) {
            assertThat(suggestion).isEmpty();
        } else {
            assertThat(suggestion).map(SchoolSuggestions.Suggestion::schoolId).contains(Long.parseLong(expected));
        }
    }
}
