package io.rostersync.web.console;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which OneRoster classes a classroom made before the sync most likely is: only classes of its own
 * school (by the school's School IDs), weighed by what staff recognise: the same teacher (by email,
 * else by name), the same title (after case, accents and punctuation are evened out) or a title
 * sharing most of its words, the same period, a shared grade. A suggestion needs the teacher or the
 * title, and enough beside (the same title and a grade, a similar title and the period): better none than a wrong one accepted in a hurry. Pure;
 * table-tested.
 */
public final class ClassroomSuggestions {

    static final int SAME_TEACHER = 3;
    static final int SAME_TITLE = 3;
    static final int SIMILAR_TITLE = 2;
    static final int SAME_PERIOD = 2;
    static final int SHARED_GRADE = 1;
    /** The least a suggestion needs: the teacher and the period, the title and a grade, a similar title and the period. */
    static final int THRESHOLD = 4;

    private ClassroomSuggestions() {
    }

    public record Teacher(String givenName, String familyName, String email) {

        public String name() {
            return ((givenName == null ? "" : givenName) + " " + (familyName == null ? "" : familyName)).trim();
        }
    }

    /** A classroom of ours, as the suggestions see it. */
    public record Classroom(String title, Set<String> schoolIds, List<String> periods, List<String> grades,
            List<Teacher> teachers) {
    }

    /** A class of the latest files. */
    public record RosterClass(String sourcedId, String title, String schoolSourcedId, List<String> periods,
            List<String> grades, List<Teacher> teachers) {

        public String teacherNames() {
            return String.join(", ", teachers.stream().map(Teacher::name).toList());
        }

        public String periodList() {
            return String.join(", ", periods);
        }
    }

    /** A suggested class, how strong the evidence is, and the evidence in words. */
    public record Suggestion(RosterClass roster, int score, List<String> evidence) {

        public String because() {
            return String.join("; ", evidence);
        }
    }

    /**
     * The classes the classroom most likely is, strongest first, at most {@code limit}, but for the
     * {@code taken} ones: classes linked to another of our classrooms, or titled exactly as another of
     * ours at the school (which the sync asks about for that one), are no suggestion for this one.
     */
    public static List<Suggestion> suggest(Classroom ours, Collection<RosterClass> classes, Set<String> taken,
            int limit) {
        List<Suggestion> found = new ArrayList<>();
        String title = normalize(ours.title());
        Set<String> words = words(ours.title());
        for (RosterClass k : classes) {
            if (!ours.schoolIds().contains(k.schoolSourcedId()) || taken.contains(k.sourcedId())) {
                continue;
            }
            int score = 0;
            boolean teacherOrTitle = false;
            List<String> evidence = new ArrayList<>();
            Teacher teacher = sameTeacher(ours.teachers(), k.teachers());
            if (teacher != null) {
                score += SAME_TEACHER;
                teacherOrTitle = true;
                evidence.add("same teacher (" + teacher.name() + ")");
            }
            if (!title.isEmpty() && title.equals(normalize(k.title()))) {
                score += SAME_TITLE;
                teacherOrTitle = true;
                evidence.add("same title");
            } else if (similar(words, words(k.title()))) {
                score += SIMILAR_TITLE;
                teacherOrTitle = true;
                evidence.add("similar title");
            }
            String period = shared(ours.periods(), k.periods());
            if (period != null) {
                score += SAME_PERIOD;
                evidence.add("same period (" + period + ")");
            }
            String grade = shared(ours.grades(), k.grades());
            if (grade != null) {
                score += SHARED_GRADE;
                evidence.add("grade " + grade);
            }
            if (teacherOrTitle && score >= THRESHOLD) {
                found.add(new Suggestion(k, score, evidence));
            }
        }
        found.sort(Comparator.comparingInt(Suggestion::score).reversed()
                .thenComparing(s -> s.roster().title() == null ? "" : s.roster().title())
                .thenComparing(s -> s.roster().sourcedId()));
        return found.size() > limit ? List.copyOf(found.subList(0, limit)) : List.copyOf(found);
    }

    private static Teacher sameTeacher(List<Teacher> ours, List<Teacher> theirs) {
        for (Teacher a : ours) {
            for (Teacher b : theirs) {
                boolean email = a.email() != null && !a.email().isBlank() && a.email().equalsIgnoreCase(b.email());
                boolean name = !normalize(a.name()).isEmpty() && normalize(a.name()).equals(normalize(b.name()));
                if (email || name) {
                    return b;
                }
            }
        }
        return null;
    }

    /** More than half the words of the longer title are in both ("Grade 4 Science" and "Science Grade 4 B"). */
    private static boolean similar(Set<String> a, Set<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return false;
        }
        Set<String> both = new HashSet<>(a);
        both.retainAll(b);
        return both.size() * 2 > Math.max(a.size(), b.size());
    }

    private static String shared(List<String> a, List<String> b) {
        for (String x : a) {
            for (String y : b) {
                if (x.trim().equalsIgnoreCase(y.trim()) && !x.isBlank()) {
                    return x.trim();
                }
            }
        }
        return null;
    }

    static Set<String> words(String title) {
        Set<String> out = new HashSet<>();
        for (String w : normalize(title).split(" ")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    public static String normalize(String text) {
        if (text == null) {
            return "";
        }
        String plain = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        return plain.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").trim();
    }
}
