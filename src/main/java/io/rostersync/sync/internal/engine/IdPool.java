package io.rostersync.sync.internal.engine;

import io.rostersync.directory.DirectoryTransaction;
import io.rostersync.directory.EntityKind;
import java.sql.SQLException;
import java.util.function.LongSupplier;

/**
 * Ids for the records a run creates, reserved from the table's sequence in growing blocks, so that
 * a record can be referred to (a member of a new classroom) before it is written.
 */
final class IdPool implements LongSupplier {

    private final DirectoryTransaction tx;
    private final EntityKind kind;
    private long[] block = new long[0];
    private int next;
    private int blockSize = 64;

    IdPool(DirectoryTransaction tx, EntityKind kind) {
        this.tx = tx;
        this.kind = kind;
    }

    @Override
    public long getAsLong() {
        if (next == block.length) {
            try {
                block = tx.reserveIds(kind, blockSize);
            } catch (SQLException e) {
                throw new SyncFailure("could not reserve ids: " + e.getMessage(), e);
            }
            next = 0;
            blockSize = Math.min(blockSize * 4, 65_536);
        }
        return block[next++];
    }
}
