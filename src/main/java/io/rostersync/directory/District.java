package io.rostersync.directory;

/** A district: the tenant every directory record belongs to. */
public record District(long id, String slug, String name) {
}
