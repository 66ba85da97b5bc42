package io.rostersync.sync.internal.plan;

import io.rostersync.oneroster.RecordOrigin;
import io.rostersync.directory.EntityKind;

/**
 * A source record the run leaves alone, why, and the setting that decided it (null when it is no
 * setting, e.g. a dispute an admin must settle). The kind is null for a user who has no role that
 * syncs, and so counts as no kind.
 */
public record Skip(EntityKind kind, String sourcedId, String why, String setting, RecordOrigin origin) {
}
