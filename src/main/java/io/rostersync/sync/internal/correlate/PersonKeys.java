package io.rostersync.sync.internal.correlate;

/**
 * What a source person is known by: the sourcedId, the student number as the district's settings
 * define it (the sourcedId or the identifier), the email, and the name.
 */
public record PersonKeys(String sourcedId, String studentNumber, String email, String givenName, String familyName) {
}
