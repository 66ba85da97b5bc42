package io.rostersync.demo;

/**
 * A hand-made record the first sync of the demo roster links by itself, by one of a new district's
 * match rules, so that it is no duplicate: a teacher or a guardian by their email, a student by
 * student number with a name the rule forgives (accents, a shortened given name).
 *
 * @param role            student, teacher or parent/guardian/relative
 * @param handMadeKey     the student's username, or the teacher's or guardian's email
 * @param rosterSourcedId the roster user it is linked to
 * @param rule            the match rule: STUDENT_NUMBER or EMAIL
 */
public record SyncMatch(String role, String handMadeKey, String rosterSourcedId, String rule) {
}
