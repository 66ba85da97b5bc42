package io.rostersync.sync.internal.engine;

import com.carrotsearch.hppc.LongHashSet;
import com.carrotsearch.hppc.LongLongHashMap;
import com.carrotsearch.hppc.cursors.LongLongCursor;
import io.rostersync.directory.DirectoryChange;
import io.rostersync.oneroster.FileMode;
import io.rostersync.oneroster.RosterFile;
import io.rostersync.sync.internal.plan.GuardianLinks;
import io.rostersync.sync.internal.plan.GuardianLinks.CurrentLink;
import io.rostersync.sync.internal.plan.GuardianLinks.WantedLink;
import io.rostersync.sync.internal.plan.Ids;
import io.rostersync.sync.internal.run.Fingerprints;
import java.nio.ByteBuffer;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Guardian links, from the agents of the users in the run, between people who both sync. A bulk
 * users.csv is the whole truth, so sync-managed links it no longer has are removed; a delta file
 * only adds. The fingerprint is a hash of each student's wanted links: a night's run reads the
 * links of the students whose guardians changed, not the district's million.
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
        LongLongHashMap byStudent = hashes(wanted);
        boolean bulk = run.mode(RosterFile.USERS) == FileMode.BULK;
        java.util.Optional<byte[]> remembered = Fingerprints.load(run.tx.connection(), run.tx.districtId(),
                RunContext.SOURCE, KIND, run.epoch);
        remembered.ifPresent(data -> run.loadedFingerprints.put(KIND, data));
        LongLongHashMap before = remembered.map(GuardianStep::decode).orElse(null);
        List<CurrentLink> current = new ArrayList<>();
        if (bulk && before != null) {
            // the directory has exactly the links the last applied run wanted: only students whose wanted links
            // differ from those are compared, with their links as the directory has them
            LongHashSet changed = new LongHashSet();
            for (LongLongCursor c : byStudent) {
                if (!before.containsKey(c.key) || before.get(c.key) != c.value) {
                    changed.add(c.key);
                }
            }
            for (LongLongCursor c : before) {
                if (!byStudent.containsKey(c.key)) {
                    changed.add(c.key);
                }
            }
            if (changed.isEmpty()) {
                remember(run, byStudent, false);
                return;
            }
            wanted.removeIf(w -> !changed.contains(w.studentId()));
            long[] students = changed.toArray();
            for (int from = 0; from < students.length; from += BATCH) {
                run.tx.forEachGuardianLink(Arrays.copyOfRange(students, from, Math.min(students.length, from + BATCH)),
                        (guardian, student, relationship, managed) ->
                                current.add(new CurrentLink(guardian, student, relationship, managed)));
            }
        } else {
            run.tx.forEachGuardianLink((guardian, student, relationship, managed) ->
                    current.add(new CurrentLink(guardian, student, relationship, managed)));
        }
        boolean[] removing = new boolean[1];
        Consumer<DirectoryChange> removals = bulk ? change -> {
            removing[0] = true;
            run.defer(change);
        } : change -> { };
        GuardianLinks.plan(wanted, current, run::apply, removals);
        remember(run, byStudent, removing[0] || !bulk);
    }

    private static final int BATCH = 5_000;

    /** Per student, an order-free hash of their wanted links (each guardian once, with the relationship). */
    private static LongLongHashMap hashes(List<WantedLink> wanted) {
        LongLongHashMap byStudent = new LongLongHashMap();
        LongHashSet once = new LongHashSet(wanted.size());
        for (WantedLink w : wanted) {
            long pair = Ids.mix(w.guardianId() * 0x9E3779B97F4A7C15L + w.studentId());
            if (once.add(pair)) {
                byStudent.addTo(w.studentId(), Ids.mix(pair + GuardianLinks.RELATIONSHIPS.indexOf(w.relationship())));
            }
        }
        return byStudent;
    }

    /** (student, hash) pairs after a count; null for a blob of another layout, which the run then ignores. */
    private static LongLongHashMap decode(byte[] data) {
        if (data.length < 4 || (data.length - 4) % 16 != 0) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(data);
        int n = b.getInt();
        if (n != (data.length - 4) / 16) {
            return null;
        }
        LongLongHashMap map = new LongLongHashMap(n);
        for (int i = 0; i < n; i++) {
            map.put(b.getLong(), b.getLong());
        }
        return map;
    }

    /**
     * Remembers the wanted links, which the directory has once the run is applied; not when a delta
     * run (which wants only some links) or waiting removals leave the directory with other links.
     */
    private static void remember(RunContext run, LongLongHashMap byStudent, boolean otherLinksRemain) {
        run.remember(KIND, removalsApplied -> {
            if (otherLinksRemain && !removalsApplied || !run.mode(RosterFile.USERS).equals(FileMode.BULK)) {
                return null;
            }
            ByteBuffer b = ByteBuffer.allocate(4 + byStudent.size() * 16);
            b.putInt(byStudent.size());
            for (LongLongCursor c : byStudent) {
                b.putLong(c.key).putLong(c.value);
            }
            return b.array();
        });
    }
}
