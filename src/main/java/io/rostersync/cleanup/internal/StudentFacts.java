package io.rostersync.cleanup.internal;

import java.util.List;

/**
 * What duplicate detection knows of a student: names, grade, identifiers, schools, and the contacts
 * (emails, phones) of their guardians. No birth dates: the product does not keep them.
 */
public record StudentFacts(long id, String givenName, String familyName, String preferredGivenName, String grade,
        String studentNumber, String email, boolean synced, List<Long> schools, List<String> guardianContacts) {

    public StudentFacts {
        schools = schools == null ? List.of() : List.copyOf(schools);
        guardianContacts = guardianContacts == null ? List.of() : List.copyOf(guardianContacts);
    }
}
