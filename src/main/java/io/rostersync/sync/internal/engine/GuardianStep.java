package io.rostersync.sync.internal.engine;

import io.rostersync.directory.DirectoryChange;
import io.rostersync.oneroster.FileMode;
import io.rostersync.oneroster.RosterFile;
import io.rostersync.sync.internal.plan.GuardianLinks;
import io.rostersync.sync.internal.plan.GuardianLinks.CurrentLink;
import io.rostersync.sync.internal.plan.GuardianLinks.WantedLink;
import io.rostersync.sync.internal.plan.Ids;
import io.rostersync.sync.internal.run.Fingerprints;
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

    static final String KIND = "guardian_links";

    private GuardianStep() {
    }

    static void run(RunContext run) throws SQLException {
        if (run.synced.isEmpty()) {
            return;
        }
        List<WantedLink> wanted = new ArrayList<>();
        run.agents.wanted(run.synced, (guardianHash, studentHash, relationship, line) -> {
            long guardian = run.people.getOrDefault(guardianHash, -1);
            long student = run.people.getOrDefault(studentHash, -1);
            if (guardian >= 0 && student >= 0 && guardian != student) {
                wanted.add(new WantedLink(guardian, student, relationship,
                        new io.rostersync.oneroster.RecordOrigin(RosterFile.USERS, line)));
            }
        });
        long wantedHash = wanted.size();
        com.carrotsearch.hppc.LongHashSet once = new com.carrotsearch.hppc.LongHashSet(wanted.size());
        for (WantedLink w : wanted) {
            long pair = Ids.mix(w.guardianId() * 0x9E3779B97F4A7C15L + w.studentId());
            if (once.add(pair)) {
                wantedHash += Ids.mix(pair + GuardianLinks.RELATIONSHIPS.indexOf(w.relationship()));
            }
        }
        long hash = wantedHash;
        boolean bulk = run.mode(RosterFile.USERS) == FileMode.BULK;
        java.util.Optional<byte[]> remembered = Fingerprints.load(run.tx.connection(), run.tx.districtId(),
                RunContext.SOURCE, KIND, run.epoch);
        remembered.ifPresent(data -> run.loadedFingerprints.put(KIND, data));
        if (bulk && remembered.isPresent() && java.nio.ByteBuffer.wrap(remembered.get()).getLong() == hash) {
            remember(run, hash, false);
            return; // the same links as the last applied run wanted, and nothing else wrote the directory since
        }
        List<CurrentLink> current = new ArrayList<>();
        run.tx.forEachGuardianLink((guardian, student, relationship, managed) ->
                current.add(new CurrentLink(guardian, student, relationship, managed)));
        boolean[] removing = new boolean[1];
        Consumer<DirectoryChange> removals = bulk ? change -> {
            removing[0] = true;
            run.defer(change);
        } : change -> { };
        GuardianLinks.plan(wanted, current, run::apply, removals);
        remember(run, hash, removing[0] || !bulk);
    }


    /**
     * Remembers the wanted links, which the directory has once the run is applied; not when a delta
     * run (which wants only some links) or waiting removals leave the directory with other links.
     */
    private static void remember(RunContext run, long hash, boolean otherLinksRemain) {
        run.remembered.add(new RunContext.Remembered() {
            @Override
            public String kind() {
                return KIND;
            }

            @Override
            public byte[] data(boolean removalsApplied) {
                if (otherLinksRemain && !removalsApplied || !run.mode(RosterFile.USERS).equals(FileMode.BULK)) {
                    return null;
                }
                return java.nio.ByteBuffer.allocate(8).putLong(hash).array();
            }
        });
    }
}
