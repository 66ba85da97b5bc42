package io.rostersync.cleanup.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The keys under which a student is filed so that only students sharing a key are compared, never
 * all pairs. Each key catches the differences the others miss:
 * <ul>
 * <li>{@code n:} the student number, without leading zeros or punctuation;</li>
 * <li>{@code e:} the email;</li>
 * <li>{@code k:} the family name and a formal form of the given name, in either order (nicknames,
 * accents, hyphens, swapped names), with the grade and the next one, district-wide: a child who moved
 * school;</li>
 * <li>{@code s:} the school, the grade (and the next: a record made by hand may be a year behind)
 * and one of the names (either one, so that swapped names meet): a typing slip in the other name, a
 * given name shortened, a second family name left out;</li>
 * <li>{@code c:} a guardian's email or phone: siblings and the records of one child.</li>
 * <li>{@code b:} the birth date's key with the first letters of the family name, and with those of
 * the given name: a child who moved school with a slip in one name.</li>
 * </ul>
 * A key that more than {@link #LARGEST_BLOCK} students share says nothing and is not compared. Two
 * records of the sync meet only under a student number or an email: under a name alone they are two
 * children of the SIS (their numbers differ), so the work grows with the records made by hand, not
 * with the district.
 */
public final class BlockingKeys {

    public static final int LARGEST_BLOCK = 60;

    private BlockingKeys() {
    }

    public static List<String> of(StudentFacts s) {
        Set<String> keys = new LinkedHashSet<>();
        String number = DuplicateScorer.number(s.studentNumber());
        if (number != null) {
            keys.add("n:" + number);
        }
        if (s.email() != null && !s.email().isBlank()) {
            keys.add("e:" + s.email().trim().toLowerCase(java.util.Locale.ROOT));
        }
        String family = NameKeys.fold(s.familyName());
        Set<String> givens = new LinkedHashSet<>();
        givens.addAll(NameKeys.formal(s.givenName()));
        givens.addAll(NameKeys.formal(s.preferredGivenName()));
        Integer grade = DuplicateScorer.grade(s.grade());
        if (!family.isEmpty()) {
            for (String given : givens) {
                String pair = given.compareTo(family) < 0 ? given + "|" + family : family + "|" + given;
                // this grade and the next: a record made by hand may be a year behind
                keys.add("k:" + pair + "|" + (grade == null ? "?" : grade));
                if (grade != null) {
                    keys.add("k:" + pair + "|" + (grade + 1));
                }
            }
        }
        for (long school : s.schools()) {
            List<String> grades = grade == null ? List.of("?")
                    : List.of(grade.toString(), Integer.toString(grade + 1));
            for (String g : grades) {
                String where = "s:" + school + "|" + g + "|";
                if (!family.isEmpty()) {
                    keys.add(where + family);
                }
                for (String given : givens) {
                    keys.add(where + given);
                }
            }
        }
        for (String contact : s.guardianContacts()) {
            keys.add("c:" + contact);
        }
        if (s.birthKey() != null) {
            // a child who moved school, with a slip in one of their names: the birth date and the other name
            String given = NameKeys.fold(s.givenName());
            if (family.length() >= 2) {
                keys.add("b:" + s.birthKey() + "|f:" + family.substring(0, 2));
            }
            if (given.length() >= 2) {
                keys.add("b:" + s.birthKey() + "|g:" + given.substring(0, 2));
            }
        }
        return new ArrayList<>(keys);
    }
}
