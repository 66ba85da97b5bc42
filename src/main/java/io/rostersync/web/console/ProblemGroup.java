package io.rostersync.web.console;

import io.rostersync.oneroster.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A run's problems of one code: how many, what to do, and the first rows that have it. */
public record ProblemGroup(String code, String severity, int count, String hint, List<Problem> shown) {

    static final int SHOWN = 50;

    /** Errors first, then warnings; in each, codes in the order they were first met. */
    public static List<ProblemGroup> of(List<Problem> problems) {
        Map<String, List<Problem>> byCode = new LinkedHashMap<>();
        problems.stream().sorted((a, b) -> Boolean.compare(b.isError(), a.isError()))
                .forEach(p -> byCode.computeIfAbsent(p.code().name(), k -> new ArrayList<>()).add(p));
        List<ProblemGroup> groups = new ArrayList<>();
        byCode.forEach((code, list) -> groups.add(new ProblemGroup(code,
                list.get(0).severity().name().toLowerCase(Locale.ROOT), list.size(), list.get(0).hint(),
                List.copyOf(list.subList(0, Math.min(SHOWN, list.size()))))));
        return groups;
    }
}
