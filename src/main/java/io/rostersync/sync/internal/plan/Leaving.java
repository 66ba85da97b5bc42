package io.rostersync.sync.internal.plan;

import io.rostersync.directory.DirectoryChange;
import io.rostersync.directory.EntityKind;
import io.rostersync.settings.SyncSettings;
import java.time.Instant;
import java.util.List;
import io.rostersync.directory.RecordState;

/**
 * What happens to a sync-managed record that is no longer in the feed: archived at once, pending
 * removal through the grace period and archived after it, or kept, as the district decides. Records
 * the sync does not manage are never touched.
 */
final class Leaving {

    private Leaving() {
    }

    static void plan(EntityKind kind, long localId, boolean managed, RecordState state,
            Instant removalDueAt, SyncSettings settings, Instant now, List<DirectoryChange> changes, List<Skip> skips) {
        if (!managed || state == RecordState.ARCHIVED) {
            return;
        }
        if (settings.leavers() == SyncSettings.Leavers.KEEP) {
            skips.add(new Skip(kind, null, "left the feed; kept", "leavers", null));
            return;
        }
        if (settings.gracePeriod().isZero()) {
            changes.add(new DirectoryChange.Archive(kind, localId, state, removalDueAt, "left the feed"));
        } else if (state == RecordState.ACTIVE) {
            changes.add(new DirectoryChange.MarkPendingRemoval(kind, localId, now.plus(settings.gracePeriod())));
        } else if (removalDueAt != null && !now.isBefore(removalDueAt)) {
            changes.add(new DirectoryChange.Archive(kind, localId, state, removalDueAt,
                    "left the feed; grace period over"));
        }
    }
}
