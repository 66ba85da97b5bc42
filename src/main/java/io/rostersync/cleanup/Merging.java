package io.rostersync.cleanup;

import io.rostersync.directory.DirectoryStore;
import io.rostersync.directory.DirectoryTransaction;
import io.rostersync.directory.StudentMerges;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Merges a duplicate into the record kept, and undoes a merge, each in one transaction under the
 * district's sync lock (no sync runs meanwhile); the candidates follow: a merged record's pairs are
 * gone, and an undone merge's pair is scored again.
 */
public final class Merging {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Merging.class);

    private final DirectoryStore store;
    private final Duplicates duplicates;

    public Merging(DataSource dataSource) {
        this.store = new DirectoryStore(dataSource);
        this.duplicates = new Duplicates(dataSource);
    }

    /**
     * @return the merge's id
     * @throws StudentMerges.Refused when the two cannot be merged, with why
     */
    public long merge(long districtId, long survivorId, long mergedId, String admin) throws SQLException {
        try (DirectoryTransaction tx = store.begin(districtId)) {
            long merge = StudentMerges.merge(tx, survivorId, mergedId, admin);
            Duplicates.forgetCandidatesOf(tx.connection(), districtId, mergedId);
            tx.commit();
            return merge;
        }
    }

    /** @throws StudentMerges.Refused when the merge was undone already, or the survivor merged since */
    public StudentMerges.Merge unmerge(long districtId, long mergeId, String admin) throws SQLException {
        StudentMerges.Merge merge;
        try (DirectoryTransaction tx = store.begin(districtId)) {
            merge = StudentMerges.unmerge(tx, mergeId, admin);
            tx.commit();
        }
        try {
            duplicates.rescore(districtId, merge.survivorId(), merge.mergedId());
        } catch (SQLException | RuntimeException e) {
            // the undo stands; the pair comes back with the next search for candidates
            LOG.warn("district {}: the pair of undone merge {} was not scored again: {}", districtId, mergeId,
                    e.getMessage());
        }
        return merge;
    }
}
