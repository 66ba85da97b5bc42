package io.rostersync.cleanup.internal;

import java.util.List;

/**
 * What duplicate detection knows of a student: names, grade, identifiers, schools, the contacts
 * (emails, phones) of their guardians, and the key of their birth date when known (never the date).
 */
public record StudentFacts(long id, String givenName, String familyName, String preferredGivenName, String grade,
        String studentNumber, String email, boolean synced, List<Long> schools, List<String> guardianContacts,
        String birthKey) {

    /** A student whose birth date is not known. */
    public StudentFacts(long id, String givenName, String familyName, String preferredGivenName, String grade,
            String studentNumber, String email, boolean synced, List<Long> schools, List<String> guardianContacts) {
        this(id, givenName, familyName, preferredGivenName, grade, studentNumber, email, synced, schools,
                guardianContacts, null);
    }

    public StudentFacts {
        schools = schools == null ? List.of() : List.copyOf(schools);
        guardianContacts = guardianContacts == null ? List.of() : List.copyOf(guardianContacts);
    }
}
