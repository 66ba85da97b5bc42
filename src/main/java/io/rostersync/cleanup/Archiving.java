package io.rostersync.cleanup;

import io.rostersync.directory.DirectoryStore;
import io.rostersync.directory.DirectoryTransaction;
import io.rostersync.directory.PeopleReads;
import io.rostersync.directory.StudentArchive;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Archives the students the sync does not manage, by scope (a school's directory, or the district's,
 * every page of a filter or the rows ticked), and undoes it: each one transaction under the
 * district's sync lock.
 */
public final class Archiving {

    private final DirectoryStore store;
    private final StudentArchive archive;

    public Archiving(DataSource dataSource) {
        this.store = new DirectoryStore(dataSource);
        this.archive = new StudentArchive(dataSource);
    }

    public StudentArchive.Outcome preview(long districtId, StudentArchive.Selection selection) throws SQLException {
        return archive.preview(districtId, selection);
    }

    public StudentArchive.Outcome archive(long districtId, StudentArchive.Selection selection, String scope,
            String admin) throws SQLException {
        try (DirectoryTransaction tx = store.begin(districtId)) {
            StudentArchive.Outcome outcome = StudentArchive.archive(tx, selection, scope, admin);
            tx.commit();
            return outcome;
        }
    }

    /** @return how many students are in use again; empty when the action does not exist or was undone */
    public Optional<Integer> restore(long districtId, long actionId, String admin) throws SQLException {
        return restore(districtId, actionId, admin, null);
    }

    /** @param schools the admin's schools: only students still at one of them come back (null: any) */
    public Optional<Integer> restore(long districtId, long actionId, String admin, java.util.Set<Long> schools)
            throws SQLException {
        try (DirectoryTransaction tx = store.begin(districtId)) {
            Optional<Integer> restored = StudentArchive.restore(tx, actionId, admin, schools);
            tx.commit();
            return restored;
        }
    }

    public int unarchive(long districtId, PeopleReads.Filter scope, List<Long> ids) throws SQLException {
        try (DirectoryTransaction tx = store.begin(districtId)) {
            int n = StudentArchive.unarchive(tx, scope, ids);
            tx.commit();
            return n;
        }
    }

    /** How many of an action's students are at none of these schools. */
    public int outsideReach(long districtId, long actionId, java.util.Set<Long> schools) throws SQLException {
        return archive.outsideReach(districtId, actionId, schools);
    }

    public List<StudentArchive.Action> actions(long districtId, int limit) throws SQLException {
        return archive.actions(districtId, limit);
    }

    public Optional<StudentArchive.Action> action(long districtId, long actionId) throws SQLException {
        return archive.action(districtId, actionId);
    }
}
