package io.rostersync.directory;

/**
 * A person as an admin or a teacher typed them in, before any sync: the directory's person columns,
 * each null when left blank.
 */
public record HandMadePerson(String givenName, String familyName, String preferredGivenName, String email,
        String smsPhone, String homePhone, String grade, String studentNumber, String username) {

    public HandMadePerson {
        if (givenName == null || givenName.isBlank() || familyName == null || familyName.isBlank()) {
            throw new IllegalArgumentException("a person needs a given and a family name");
        }
    }

    /** A person with a name only; {@link #withContact} and {@link #asStudent} fill in the rest. */
    public static HandMadePerson named(String givenName, String familyName) {
        return new HandMadePerson(givenName, familyName, null, null, null, null, null, null, null);
    }

    /** The person with these ways to reach them (each null when not known). */
    public HandMadePerson withContact(String email, String smsPhone, String homePhone) {
        return new HandMadePerson(givenName, familyName, preferredGivenName, email, smsPhone, homePhone, grade,
                studentNumber, username);
    }

    /** The person as a student: their grade, student number (null when not known) and username. */
    public HandMadePerson asStudent(String grade, String studentNumber, String username) {
        return new HandMadePerson(givenName, familyName, preferredGivenName, email, smsPhone, homePhone, grade,
                studentNumber, username);
    }
}
