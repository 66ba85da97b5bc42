package io.rostersync.directory;

/**
 * A person as an admin or a teacher typed them in, before any sync: the directory's person columns,
 * each null when left blank. A student's birth date comes as its key (16 hex digits, see
 * {@code SecretBox.birthDateKey}): the directory never takes the date itself.
 */
public record HandMadePerson(String givenName, String familyName, String preferredGivenName, String email,
        String smsPhone, String homePhone, String grade, String studentNumber, String username, String birthKey) {

    public HandMadePerson(String givenName, String familyName, String preferredGivenName, String email,
            String smsPhone, String homePhone, String grade, String studentNumber, String username) {
        this(givenName, familyName, preferredGivenName, email, smsPhone, homePhone, grade, studentNumber, username,
                null);
    }

    public HandMadePerson {
        if (givenName == null || givenName.isBlank() || familyName == null || familyName.isBlank()) {
            throw new IllegalArgumentException("a person needs a given and a family name");
        }
        if (birthKey != null && !birthKey.matches("[0-9a-f]{16}")) {
            throw new IllegalArgumentException("a birth date comes as its key (16 hex digits), never as the date");
        }
    }

    /** A person with a name only; {@link #withContact} and {@link #asStudent} fill in the rest. */
    public static HandMadePerson named(String givenName, String familyName) {
        return new HandMadePerson(givenName, familyName, null, null, null, null, null, null, null, null);
    }

    /** The person with these ways to reach them (each null when not known). */
    public HandMadePerson withContact(String email, String smsPhone, String homePhone) {
        return new HandMadePerson(givenName, familyName, preferredGivenName, email, smsPhone, homePhone, grade,
                studentNumber, username, birthKey);
    }

    /** The person as a student: their grade, student number (null when not known) and username. */
    public HandMadePerson asStudent(String grade, String studentNumber, String username) {
        return new HandMadePerson(givenName, familyName, preferredGivenName, email, smsPhone, homePhone, grade,
                studentNumber, username, birthKey);
    }

    /** The person with the key of their birth date (null when not known). */
    public HandMadePerson withBirthKey(String key) {
        return new HandMadePerson(givenName, familyName, preferredGivenName, email, smsPhone, homePhone, grade,
                studentNumber, username, key);
    }
}
