package io.rostersync.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Classroom suggestions, case by case from {@code web/classroom-suggestions.tsv}. */
class ClassroomSuggestionsTest {

    static Stream<Arguments> cases() {
        return io.rostersync.TestTables.arguments("/web/classroom-suggestions.tsv");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void suggests(String name, String ours, String classes, String taken, String expected) {
        String[] o = ours.split(";", -1);
        var classroom = new ClassroomSuggestions.Classroom(o[0], Set.of("S1", "S1b"), list(o[1]), list(o[2]),
                teachers(o[3]));
        List<ClassroomSuggestions.RosterClass> roster = Arrays.stream(classes.split("\\|")).map(k -> {
            String[] idAndRest = k.split("=", 2);
            String[] f = idAndRest[1].split(";", -1);
            return new ClassroomSuggestions.RosterClass(idAndRest[0], f[0], f[1], list(f[2]), list(f[3]), teachers(f[4]));
        }).toList();
        List<String> suggested = ClassroomSuggestions.suggest(classroom, roster,
                java.util.Set.copyOf(taken.equals("-") ? List.of() : list(taken)), 3).stream()
                .map(s -> s.roster().sourcedId()).toList();
        assertThat(suggested).containsExactlyElementsOf(expected.equals("-") ? List.of() : list(expected));
    }

    private static List<String> list(String text) {
        return text.isBlank() ? List.of() : Arrays.stream(text.split(",")).map(String::trim).toList();
    }

    private static List<ClassroomSuggestions.Teacher> teachers(String text) {
        return list(text).stream().map(t -> {
            String[] nameAndEmail = t.split("<", 2);
            String[] name = nameAndEmail[0].trim().split(" ", 2);
            return new ClassroomSuggestions.Teacher(name[0], name.length > 1 ? name[1] : null,
                    nameAndEmail.length > 1 ? nameAndEmail[1].replace(">", "").trim() : null);
        }).toList();
    }
}
