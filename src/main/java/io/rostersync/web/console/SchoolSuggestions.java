package io.rostersync.web.console;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which of our schools (without a School ID) a OneRoster school most likely is, by name and
 * identifier: the names compared word by word after what staff type differently is evened out
 * (case, accents, punctuation, "Elem." for "Elementary", "HS" for "High School", the words
 * "school" and "the"); an identifier that appears in our school's name (a school number) counts as
 * a match. Pure; table-tested.
 */
public final class SchoolSuggestions {

    private static final Map<String, String> SAME = Map.ofEntries(Map.entry("elem", "elementary"),
            Map.entry("el", "elementary"), Map.entry("es", "elementary"), Map.entry("ms", "middle"),
            Map.entry("mid", "middle"), Map.entry("jr", "junior"), Map.entry("hs", "high"), Map.entry("sr", "senior"),
            Map.entry("acad", "academy"), Map.entry("intl", "international"), Map.entry("st", "saint"),
            Map.entry("mt", "mount"), Map.entry("ctr", "center"), Map.entry("centre", "center"));
    private static final Set<String> IGNORED = Set.of("school", "schools", "sch", "the", "of", "and", "at");

    /** Below this, no suggestion: better none than a wrong one an admin accepts in a hurry. */
    static final double THRESHOLD = 0.5;

    private SchoolSuggestions() {
    }

    /** One of our schools, as a candidate. */
    public record Candidate(long id, String name) {
    }

    /** The suggested school and how sure the suggestion is (0 to 1). */
    public record Suggestion(long schoolId, String name, double score) {
    }

    public static Optional<Suggestion> suggest(String orgName, String orgIdentifier, List<Candidate> ours) {
        Set<String> wanted = words(orgName);
        return ours.stream().map(c -> new Suggestion(c.id(), c.name(), score(wanted, orgIdentifier, c.name())))
                .filter(s -> s.score() >= THRESHOLD)
                .max(Comparator.comparingDouble(Suggestion::score).thenComparing(s -> -s.schoolId()));
    }

    static double score(Set<String> wanted, String identifier, String ourName) {
        Set<String> ours = words(ourName);
        if (identifier != null && !identifier.isBlank() && ours.contains(normalize(identifier.trim()))) {
            return 1.0;
        }
        if (wanted.isEmpty() || ours.isEmpty()) {
            return 0;
        }
        Set<String> both = new HashSet<>(wanted);
        both.retainAll(ours);
        Set<String> either = new HashSet<>(wanted);
        either.addAll(ours);
        return (double) both.size() / either.size();
    }

    static Set<String> words(String name) {
        Set<String> out = new HashSet<>();
        if (name == null) {
            return out;
        }
        for (String word : normalize(name).split(" ")) {
            String w = SAME.getOrDefault(word, word);
            if (!w.isEmpty() && !IGNORED.contains(w)) {
                out.add(w);
            }
        }
        return out;
    }

    private static String normalize(String text) {
        String plain = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        List<String> words = new ArrayList<>();
        for (String w : plain.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").trim().split(" ")) {
            words.add(w);
        }
        return String.join(" ", words);
    }
}
