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
 * accents, hyphens, swapped names), district-wide: a child who moved school;</li>
 * <li>{@code f:} and {@code g:} school, grade and one of the two names: a typing slip in the other
 * name, or a given name shortened;</li>
 * <li>{@code c:} a guardian's email or phone: siblings and the records of one child.</li>
 * </ul>
 * A key that more than {@link #LARGEST_BLOCK} students share says nothing and is not compared.
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
        if (!family.isEmpty()) {
            for (String given : givens) {
                keys.add("k:" + (given.compareTo(family) < 0 ? given + "|" + family : family + "|" + given));
            }
        }
        String grade = s.grade() == null ? "" : s.grade();
        for (long school : s.schools()) {
            String where = school + "|" + grade + "|";
            if (!family.isEmpty()) {
                keys.add("f:" + where + family);
            }
            for (String given : givens) {
                keys.add("g:" + where + given);
            }
        }
        for (String contact : s.guardianContacts()) {
            keys.add("c:" + contact);
        }
        return new ArrayList<>(keys);
    }
}
