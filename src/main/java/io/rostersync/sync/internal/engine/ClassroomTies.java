package io.rostersync.sync.internal.engine;

import com.carrotsearch.hppc.LongHashSet;
import com.carrotsearch.hppc.LongLongHashMap;
import io.rostersync.directory.DirectoryClassroom;
import io.rostersync.directory.RecordState;
import io.rostersync.oneroster.Enrollment;
import io.rostersync.oneroster.FileMode;
import io.rostersync.oneroster.RecordStatus;
import io.rostersync.oneroster.RosterClass;
import io.rostersync.oneroster.RosterFile;
import io.rostersync.sync.internal.plan.Ids;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * A class under a new id that is a classroom the full classes file no longer sends: a switch between
 * CSV and an API (Clever's section ids are not the SIS's) sends every class again under another id.
 * It is that classroom only on strong evidence, and only in a run that moved people to new records
 * (the switch): the same school, title and terms, exactly the same teachers and students (the people
 * as this run placed them), one of whom moved, the classroom's id no longer sent, and no other
 * left-out classroom alike (two new classes alike: the first in the file takes it; they cannot be
 * told apart). Anything less is a new classroom, as before; the guard holds the old one's archive for
 * an admin. A class sent with one student twice (two enrollment records) has another digest: a new
 * classroom too.
 *
 * <p>A term's new classes are never taken for last term's, however alike (a homeroom with the same
 * teacher and children, a term called "Full Year" every year): nobody moved to a new record then.
 *
 * <p>Built once, on the first class the directory lacks, and only when a bulk classes file leaves out
 * classrooms it linked: a pass over classes.csv's ids, then one over enrollments.csv for the new
 * classes and one over the left-out classrooms' members. Each class is kept as one long: a digest of
 * its school, title and members, so a district's worth costs a few megabytes.
 */
final class ClassroomTies {

    /** Nothing to tie: a delta file, no classroom left out, or no new class. */
    private static final ClassroomTies NONE = new ClassroomTies(new LongLongHashMap(), new LongLongHashMap());
    /** A signature two left-out classrooms share: neither is taken on it. */
    private static final long AMBIGUOUS = -1;

    /** Left-out classroom by signature (or {@link #AMBIGUOUS}). */
    private final LongLongHashMap bySignature;
    /** The members' digest of each new class, by the hash of its id. */
    private final LongLongHashMap newMembers;

    private ClassroomTies(LongLongHashMap bySignature, LongLongHashMap newMembers) {
        this.bySignature = bySignature;
        this.newMembers = newMembers;
    }

    /**
     * @param known the classrooms the directory has linked (hash, local id, state, managed)
     */
    static ClassroomTies build(RunContext run, KnownRows known) throws SQLException {
        if (run.mode(RosterFile.CLASSES) != FileMode.BULK || run.movedPeople.isEmpty()) {
            return NONE;
        }
        LongHashSet sent = new LongHashSet();
        LongHashSet fresh = new LongHashSet();
        try (Stream<RosterClass> classes = run.snapshot.classes()) {
            classes.forEach(k -> {
                long self = Ids.hash(k.sourcedId());
                sent.add(self);
                if (known.find(self) < 0 && k.status() != RecordStatus.TO_BE_DELETED) {
                    fresh.add(self);
                }
            });
        }
        LongHashSet leftOut = new LongHashSet();
        for (int i = 0; i < known.size; i++) {
            if (!sent.contains(known.hash[i]) && known.managed[i] && known.state[i] == RecordState.ACTIVE.ordinal()) {
                leftOut.add(known.localId[i]);
            }
        }
        if (leftOut.isEmpty() || fresh.isEmpty()) {
            return NONE;
        }
        LongLongHashMap newMembers = new LongLongHashMap();
        LongHashSet withMoved = new LongHashSet();
        try (Stream<Enrollment> enrollments = run.snapshot.enrollments()) {
            enrollments.forEach(e -> {
                long classHash = Ids.hash(e.classSourcedId());
                int role = MembershipStep.ROLES.indexOf(e.role());
                long person = run.people.getOrDefault(Ids.hash(e.userSourcedId()), -1);
                if (e.status() != RecordStatus.TO_BE_DELETED && fresh.contains(classHash) && role >= 0 && person >= 0) {
                    newMembers.addTo(classHash, member(person, role));
                    if (run.movedPeople.contains(person)) {
                        withMoved.add(classHash);
                    }
                }
            });
        }
        newMembers.removeAll(classHash -> !withMoved.contains(classHash));
        long[] ids = leftOut.toArray();
        Arrays.sort(ids);
        LongLongHashMap oldMembers = new LongLongHashMap();
        run.tx.forEachMemberOf(ids, (classroom, person, role, primary, managed) -> {
            int r = MembershipStep.ROLES.indexOf(role);
            if (managed && r >= 0) {
                oldMembers.addTo(classroom, member(person, r));
            }
        });
        LongLongHashMap bySignature = new LongLongHashMap();
        for (int from = 0; from < ids.length; from += 2_000) {
            for (DirectoryClassroom c : run.tx.classrooms(RunContext.SOURCE,
                    Arrays.copyOfRange(ids, from, Math.min(ids.length, from + 2_000)))) {
                long members = oldMembers.get(c.id());
                if (members != 0) {
                    long signature = signature(c.schoolId(), c.fields().get("title"), c.fields().get("terms"),
                            members);
                    bySignature.put(signature, bySignature.containsKey(signature) ? AMBIGUOUS : c.id());
                }
            }
        }
        return new ClassroomTies(bySignature, newMembers);
    }

    /**
     * The left-out classroom this new class is, if exactly one has its school, title, terms (their
     * titles) and members; it is then taken, so no other class is tied to it.
     */
    OptionalLong tie(RosterClass k, long school, String title, String terms) {
        long members = newMembers.get(Ids.hash(k.sourcedId()));
        if (members == 0) {
            return OptionalLong.empty(); // a class without members proves nothing
        }
        long signature = signature(school, title, terms, members);
        long classroom = bySignature.getOrDefault(signature, 0);
        if (classroom <= 0) {
            return OptionalLong.empty();
        }
        bySignature.put(signature, AMBIGUOUS);
        return OptionalLong.of(classroom);
    }

    /** One member, spread over 64 bits; a class's digest is the sum of its members' (any order). */
    private static long member(long person, int role) {
        return Ids.mix(person * 8 + role + 1);
    }

    private static long signature(long school, String title, String terms, long members) {
        String sortedTerms = terms == null ? "" : Arrays.stream(terms.split(",")).map(ClassroomTies::normalized)
                .sorted().reduce((a, b) -> a + "," + b).orElse("");
        return Ids.mix(Ids.mix(school) ^ Ids.hash(normalized(title)) ^ Ids.mix(Ids.hash(sortedTerms))) + members * 31;
    }

    private static String normalized(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
