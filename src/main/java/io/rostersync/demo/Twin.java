package io.rostersync.demo;

/**
 * A hand-made student who is the same child as a student of the demo roster, under a slightly
 * different name and without a student number the sync could match: after the first sync both
 * records exist, and cleanup is to find them as duplicates.
 *
 * @param handMadeUsername the hand-made student's username (unique in the demo district)
 * @param rosterSourcedId  the roster student's sourcedId
 */
public record Twin(String handMadeUsername, String rosterSourcedId, String handMadeGivenName,
        String handMadeFamilyName, String rosterGivenName, String rosterFamilyName, NameDifference difference,
        StudentNumber studentNumber) {

    /** How the hand-made name differs from the roster's. */
    public enum NameDifference {
        /** A nickname for the given name that is not its start (Bill for William). */
        NICKNAME,
        /** Two neighbouring letters of the family name swapped. */
        TYPO,
        /** A hyphen typed as a space (family name) or left out (given name). */
        HYPHEN_DROPPED,
        /** Accents and other diacritics left out. */
        ACCENTS_DROPPED,
        /** Given and family name swapped. */
        NAMES_SWAPPED
    }

    /** What the hand-made record has for the roster's student number. */
    public enum StudentNumber {
        /** None. */
        MISSING,
        /** The same number, zero-padded to eight digits by the old system: equal only once normalised. */
        ZERO_PADDED
    }
}
