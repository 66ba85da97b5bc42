package io.rostersync.sync.internal.plan;

/**
 * A person's place in a classroom, as the source wants it (by user sourcedId) or as the directory
 * has it (with the person's link, when the sync manages the membership).
 */
public record Member(String userSourcedId, String role, boolean primary) {
}
