package io.rostersync.oneroster.internal;

import com.carrotsearch.hppc.IntHashSet;
import com.carrotsearch.hppc.LongHashSet;
import io.rostersync.oneroster.FileMode;
import io.rostersync.oneroster.RosterFile;
import io.rostersync.oneroster.internal.source.PackageEntry;

/**
 * What validation learned about one file, enough to read it again as typed records: where it is,
 * how its header maps, its mode, its row count and the lines whose rows must not be used; for
 * users.csv also the emails that more than one row carries (as {@link Values#emailKey} hashes).
 */
public record FileRead(RosterFile file, PackageEntry entry, HeaderMatch header, FileMode mode, long rows,
        IntHashSet rejectedLines, boolean complete, String sha256, LongHashSet sharedEmails) {

    public boolean usable(int line) {
        return !rejectedLines.contains(line);
    }
}
