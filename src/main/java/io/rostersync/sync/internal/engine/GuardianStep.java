package io.rostersync.sync.internal.engine;

import io.rostersync.directory.DirectoryChange;
import io.rostersync.oneroster.FileMode;
import io.rostersync.oneroster.RosterFile;
import io.rostersync.sync.internal.plan.GuardianLinks;
import io.rostersync.sync.internal.plan.GuardianLinks.CurrentLink;
import io.rostersync.sync.internal.plan.GuardianLinks.WantedLink;
import io.rostersync.sync.internal.plan.Ids;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Guardian links, from the agents of the users in the run, between people who both sync. A bulk
 * users.csv is the whole truth, so sync-managed links it no longer has are removed; a delta file
 * only adds.
 */
final class GuardianStep {

    private GuardianStep() {
    }

    static void run(RunContext run) throws SQLException {
        if (run.synced.isEmpty()) {
            return;
        }
        List<WantedLink> wanted = new ArrayList<>();
        GuardianLinks.wanted(run.snapshot, run.synced, w -> {
            long guardian = run.people.getOrDefault(Ids.hash(w.guardianSourcedId()), -1);
            long student = run.people.getOrDefault(Ids.hash(w.studentSourcedId()), -1);
            if (guardian >= 0 && student >= 0 && guardian != student) {
                wanted.add(new WantedLink(guardian, student, w.relationship(), w.origin()));
            }
        });
        List<CurrentLink> current = new ArrayList<>();
        run.tx.forEachGuardianLink((guardian, student, relationship, managed) ->
                current.add(new CurrentLink(guardian, student, relationship, managed)));
        Consumer<DirectoryChange> removals = run.mode(RosterFile.USERS) == FileMode.BULK ? run::defer : change -> { };
        GuardianLinks.plan(wanted, current, run::apply, removals);
    }
}
