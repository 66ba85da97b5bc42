package io.rostersync.sync.internal.plan;

import io.rostersync.oneroster.RecordOrigin;
import io.rostersync.directory.EntityKind;

/**
 * A source record the run leaves alone, why, and the setting that decided it (null when it is no
 * setting, e.g. a dispute an admin must settle, with the candidates to choose among). The kind is null for a user who has no role that
 * syncs, and so counts as no kind.
 */
public record Skip(EntityKind kind, String sourcedId, String why, String setting, RecordOrigin origin,
        java.util.List<Long> candidates) {

    public Skip {
        candidates = java.util.List.copyOf(candidates);
    }

    public Skip(EntityKind kind, String sourcedId, String why, String setting, RecordOrigin origin) {
        this(kind, sourcedId, why, setting, origin, java.util.List.of());
    }

    /** A source record an admin must settle: which of these directory records it is, or none. */
    public static Skip disputed(EntityKind kind, String sourcedId, String why, RecordOrigin origin,
            java.util.List<Long> candidates) {
        return new Skip(kind, sourcedId, why, null, origin, candidates);
    }
}
