package io.rostersync.sync.internal.correlate;

import java.util.List;
import java.util.OptionalLong;

/**
 * Decides each source record's situation. Policy, not guesswork: a link wins; otherwise the
 * district's rules are tried strongest first, and a rule that finds one record with the same name
 * links it; several records, or one whose name differs, go to an admin as DISPUTED; nothing is
 * ever linked on a weak match. A person linked to a record that a full file no longer sends is
 * linked to the new record their identifier and name match: the same people keep their records
 * when the SIS renumbers them or the district moves between CSV and an API (Clever's ids).
 */
public final class Correlator {

    private final List<MatchRule> personRules;

    /** @param personRules the district's rules for people, strongest first (e.g. SOURCED_ID, STUDENT_NUMBER, EMAIL) */
    public Correlator(List<MatchRule> personRules) {
        this.personRules = List.copyOf(personRules);
    }

    public Correlation person(PersonKeys keys, OptionalLong link, Lookup directory) {
        if (link.isPresent()) {
            return Correlation.linked(link.getAsLong());
        }
        for (MatchRule rule : personRules) {
            String value = valueFor(rule, keys);
            if (value == null || value.isBlank()) {
                continue;
            }
            List<Candidate> found = directory.find(rule, value);
            if (found.isEmpty()) {
                continue;
            }
            if (found.size() > 1) {
                return Correlation.disputed(rule, ids(found), found.size() + " people in the directory have "
                        + describe(rule) + " " + value);
            }
            Candidate only = found.get(0);
            if (!Names.samePerson(keys.givenName(), keys.familyName(), only.givenName(), only.familyName())) {
                return Correlation.disputed(rule, ids(found), describe(rule) + " " + value + " belongs to "
                        + only.givenName() + " " + only.familyName() + " in the directory, not "
                        + keys.givenName() + " " + keys.familyName());
            }
            if (only.linked() && !only.linkStillSent()) {
                // the record the person was linked to is gone from a full file: the same person under a new id,
                // if the name is the same, not only alike (Chris is not Christina when a record changes hands)
                if (!Names.sameName(keys.givenName(), only.givenName())) {
                    return Correlation.disputed(rule, ids(found), describe(rule) + " " + value + " belongs to "
                            + only.givenName() + " " + only.familyName() + ", whose record is no longer sent, not "
                            + keys.givenName() + " " + keys.familyName());
                }
                return Correlation.relinked(only.localId(), rule, describe(rule) + " and name match a person whose"
                        + " record is no longer sent (a new id from the SIS, or a switch between CSV and an API)");
            }
            if (only.linked() && rule != MatchRule.EMAIL) {
                // another source record already is this person, and only an identifier ties them
                return Correlation.disputed(rule, ids(found), describe(rule) + " " + value
                        + " belongs to a person already linked to another record of this source");
            }
            return Correlation.unlinked(only.localId(), rule, describe(rule) + " and name match"
                    + (only.linked() ? " (one person with several records, e.g. a teacher who is also a parent)"
                            : ""));
        }
        return Correlation.unmatched();
    }

    /**
     * A guardian the district's rules did not find (no email, as many are): the guardian of the same name
     * of a student they name who moved to a new id, if that guardian's own record is no longer sent, is
     * them under a new id (a switch between CSV and an API). Two such guardians are a question; a name
     * only alike is not them.
     *
     * @param guardiansOfTheirStudents the directory's guardians of the students the row names who moved
     */
    public Correlation guardian(PersonKeys keys, List<Candidate> guardiansOfTheirStudents) {
        List<Candidate> same = guardiansOfTheirStudents.stream().filter(c -> c.linked() && !c.linkStillSent()
                && sameName(keys.givenName(), keys.familyName(), c.givenName(), c.familyName())).toList();
        if (same.isEmpty()) {
            return Correlation.unmatched();
        }
        if (same.size() > 1) {
            return Correlation.disputed(MatchRule.GUARDIAN_OF_STUDENT, ids(same), same.size() + " guardians named "
                    + keys.givenName() + " " + keys.familyName() + " of the same students are no longer sent");
        }
        return Correlation.relinked(same.get(0).localId(), MatchRule.GUARDIAN_OF_STUDENT, "the guardian of the same"
                + " name of a student they name, whose record is no longer sent (a switch between CSV and an API)");
    }

    /** The same family name, and given names equal or one the start of the other: a rule's name check. */
    public static boolean samePerson(String given1, String family1, String given2, String family2) {
        return Names.samePerson(given1, family1, given2, family2);
    }

    /** The same given and family name, folded (not one that starts the other). */
    public static boolean sameName(String given1, String family1, String given2, String family2) {
        return Names.sameName(given1, given2) && Names.sameName(family1, family2);
    }

    /**
     * Schools are linked only through the School IDs an admin gave them; a school of the same name
     * without School IDs is a question for the admin, never a silent link.
     */
    public Correlation school(String orgSourcedId, String name, OptionalLong bySchoolId, Lookup directory) {
        if (bySchoolId.isPresent()) {
            return new Correlation(Situation.LINKED, bySchoolId.getAsLong(), MatchRule.SCHOOL_ID, List.of(),
                    "School ID " + orgSourcedId);
        }
        return byName(name, directory, "school");
    }

    /** Classrooms: a link (which an admin may have made to a classroom from before the sync), or a question. */
    public Correlation classroom(String title, OptionalLong link, Lookup directory) {
        if (link.isPresent()) {
            return Correlation.linked(link.getAsLong());
        }
        return byName(title, directory, "classroom");
    }

    private static Correlation byName(String name, Lookup directory, String what) {
        List<Candidate> same = directory.find(MatchRule.NAME, name).stream()
                .filter(c -> !c.linked() && Names.sameName(c.familyName(), name)).toList();
        if (same.isEmpty()) {
            return Correlation.unmatched();
        }
        return Correlation.disputed(MatchRule.NAME, ids(same), same.size() == 1
                ? "a " + what + " named " + name + " exists without a link: link it, or confirm a new one"
                : same.size() + " " + what + "s named " + name + " exist without a link");
    }

    private static String valueFor(MatchRule rule, PersonKeys keys) {
        return switch (rule) {
            case SOURCED_ID -> keys.sourcedId();
            case STUDENT_NUMBER -> keys.studentNumber();
            case EMAIL -> keys.email() == null ? null : keys.email().trim().toLowerCase(java.util.Locale.ROOT);
            default -> throw new IllegalArgumentException(rule + " is not a rule for people");
        };
    }

    private static String describe(MatchRule rule) {
        return switch (rule) {
            case SOURCED_ID -> "SIS id";
            case STUDENT_NUMBER -> "student number";
            case EMAIL -> "email";
            default -> rule.name();
        };
    }

    private static List<Long> ids(List<Candidate> candidates) {
        return candidates.stream().map(Candidate::localId).toList();
    }
}
