package io.rostersync.sync.internal.engine;

import com.carrotsearch.hppc.LongArrayList;
import com.carrotsearch.hppc.LongHashSet;
import io.rostersync.directory.DirectoryChange;
import io.rostersync.directory.DirectoryPerson;
import io.rostersync.directory.DirectoryTransaction.PersonMatch;
import io.rostersync.directory.EntityKind;
import io.rostersync.directory.RecordState;
import io.rostersync.oneroster.FileMode;
import io.rostersync.oneroster.RecordStatus;
import io.rostersync.oneroster.RosterFile;
import io.rostersync.oneroster.User;
import io.rostersync.sync.internal.correlate.Candidate;
import io.rostersync.sync.internal.correlate.Correlation;
import io.rostersync.sync.internal.correlate.Correlator;
import io.rostersync.sync.internal.correlate.MatchRule;
import io.rostersync.sync.internal.correlate.PersonKeys;
import io.rostersync.sync.internal.correlate.Situation;
import io.rostersync.sync.internal.plan.DesiredPeople;
import io.rostersync.sync.internal.plan.DesiredPerson;
import io.rostersync.sync.internal.plan.GuardianLinks;
import io.rostersync.sync.internal.plan.Ids;
import io.rostersync.sync.internal.plan.PersonPlanner;
import io.rostersync.sync.internal.plan.Skip;
import io.rostersync.sync.internal.run.Fingerprints;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;

/**
 * People: what the directory has is reduced to one compact row per source link (the id's hash, the
 * person, a fingerprint of their fields, their kind and state), so that the desired people stream
 * through and only those whose fingerprint differs, or who are new, are looked at in full, a batch
 * at a time. Who is linked but not in a bulk users.csv (or tobedeleted in a delta one) is leaving.
 */
final class PeopleStep {

    private static final int BATCH = 2_000;

    private final RunContext run;
    /** What demographics.csv says of birth dates, read before the people; the planner is made with it. */
    private final BirthKeys birthKeys;
    private final PersonPlanner planner;
    private final Correlator correlator;
    static final String KIND = "people";

    private final Known known = new Known(0);
    /** What the run leaves the directory with: the fingerprint for the next run. */
    private final Known next;
    private final com.carrotsearch.hppc.LongObjectHashMap<com.carrotsearch.hppc.IntArrayList> leaverEntries =
            new com.carrotsearch.hppc.LongObjectHashMap<>();
    private final com.carrotsearch.hppc.IntArrayList waitingEntries = new com.carrotsearch.hppc.IntArrayList();
    private final com.carrotsearch.hppc.IntArrayList leaverIndex = new com.carrotsearch.hppc.IntArrayList();
    private final com.carrotsearch.hppc.IntArrayList leaverState = new com.carrotsearch.hppc.IntArrayList();
    private final LongHashSet seen;
    private final LongHashSet claimed;
    private final List<DesiredPerson> linkedBatch = new ArrayList<>();
    private final LongArrayList linkedBatchIds = new LongArrayList();
    private final List<DesiredPerson> newBatch = new ArrayList<>();
    private final List<DirectoryChange> changes = new ArrayList<>();
    private final List<Skip> skips = new ArrayList<>();
    private final long[] unchanged = new long[EntityKind.values().length];
    private boolean directoryHasPeople;
    /** The people a row of this feed is linked to by its own id; read when first needed ({@link #stillSent}). */
    private LongHashSet stillSent;
    private final List<MovedLink> moved = new ArrayList<>();
    /** Guardians of a batch that no rule found, looked at after the batch's students. */
    private final List<DesiredPerson> unmatchedGuardians = new ArrayList<>();
    /** The ids (hashes) of guardians looked at again at the end of the run, once every student is placed. */
    private final LongHashSet laterGuardians = new LongHashSet();
    /** The students who moved to a new id in this run: only their guardians may be taken over. */
    private final LongHashSet movedStudents = new LongHashSet();
    /** The hashes of the ids whose links were taken away from people who moved to a new record. */
    private final LongHashSet movedAway = new LongHashSet();

    private PeopleStep(RunContext run) {
        this.run = run;
        this.next = new Known(run.users);
        this.seen = new LongHashSet(run.users);
        this.claimed = new LongHashSet(run.users);
        this.birthKeys = BirthKeys.read(run);
        this.planner = new PersonPlanner(run.settings, run.personIds, birthKeys.inFull(), birthKeys::withdrawn);
        this.correlator = new Correlator(run.settings.personMatchRules().stream()
                .map(r -> MatchRule.valueOf(r.name())).toList());
    }

    static void run(RunContext run) throws SQLException {
        new PeopleStep(run).plan();
    }

    private void plan() throws SQLException {
        java.util.Optional<byte[]> remembered = Fingerprints.load(run.tx.connection(), run.tx.districtId(),
                RunContext.SOURCE, KIND, run.epoch);
        remembered.ifPresent(data -> run.loadedFingerprints.put(KIND, data));
        if (remembered.isPresent()) {
            known.decode(remembered.get());
        } else {
            loadKnown();
        }
        countManaged();
        directoryHasPeople = known.size > 0 || run.tx.hasPeople();
        DesiredPeople desired = new DesiredPeople(run.settings,
                org -> {
                    Long school = run.syncingSchools.get(org);
                    return school == null ? OptionalLong.empty() : OptionalLong.of(school);
                },
                run.districtOrgs::contains).withBirthKeys(birthKeys::keyOf);
        desired.build(run.snapshot, this::desired, this::skipped, run.agents);
        flushLinked();
        flushNew();
        tieLaterGuardians(desired);
        planLeavers();
        if (run.mode(RosterFile.USERS) != FileMode.BULK) {
            // a delta users.csv, or none in a package of changes: who is not sent is still there
            registerUnsent();
        }
        for (int i = 0; i < known.size; i++) {
            if (next.find(known.hash[i]) < 0 && !movedAway.contains(known.hash[i])) {
                next.copy(known, i); // not in this run: as the directory has them
            }
        }
        run.remember(KIND, removalsApplied -> {
            if (removalsApplied) {
                for (int k = 0; k < leaverIndex.size(); k++) {
                    next.state[leaverIndex.get(k)] = leaverState.get(k);
                }
            } else {
                for (com.carrotsearch.hppc.cursors.IntCursor k : waitingEntries) {
                    next.fingerprint[k.value] = 0; // matches no one: the next run looks at them again
                }
            }
            return next.encode();
        });
        for (EntityKind kind : List.of(EntityKind.STUDENTS, EntityKind.STAFF, EntityKind.GUARDIANS)) {
            run.counts.unchanged(kind, unchanged[kind.ordinal()]);
        }
    }

    /**
     * The directory's fields as a run that does not speak for every birth date compares them: without
     * the key, as the source's are (so that a district that stops sending demographics is not planned
     * in full on every run whose remembered fingerprints were lost).
     */
    private static Map<String, String> withoutBirthKey(Map<String, String> fields) {
        if (!fields.containsKey(PersonPlanner.BIRTH_KEY)) {
            return fields;
        }
        Map<String, String> without = new HashMap<>(fields);
        without.remove(PersonPlanner.BIRTH_KEY);
        return without;
    }

    private void loadKnown() throws SQLException {
        run.tx.forEachLinkedPerson(RunContext.SOURCE, (sourcedId, person) -> known.put(Ids.hash(sourcedId), person.id(),
                fingerprint(birthKeys.inFull() ? person.fields() : withoutBirthKey(person.fields())), person.state().ordinal(), person.kind() == null ? -1 : person.kind().ordinal(),
                GuardianLinks.relationshipOf(person.fields().getOrDefault("roles", "")), person.managed()));
    }

    /** Sync-managed people per kind that are not archived: what the thresholds are a share of. */
    private void countManaged() {
        LongHashSet counted = new LongHashSet();
        for (int i = 0; i < known.size; i++) {
            if (known.managed[i] && known.state[i] != RecordState.ARCHIVED.ordinal() && known.kind[i] >= 0
                    && counted.add(known.localId[i])) {
                run.managed(EntityKind.values()[known.kind[i]], 1);
            }
        }
    }

    private void desired(DesiredPerson person) {
        try {
            long self = Ids.hash(person.sourcedId());
            int i = known.find(self);
            if (i < 0) {
                for (String also : person.alsoSourcedIds()) {
                    i = known.find(Ids.hash(also));
                    if (i >= 0) {
                        break;
                    }
                }
            }
            if (i < 0) {
                if (directoryHasPeople) {
                    newBatch.add(person);
                    if (newBatch.size() >= BATCH) {
                        flushNew();
                    }
                } else {
                    create(person);
                }
                return;
            }
            long localId = known.localId[i];
            seen.add(localId);
            if (!claimed.add(localId)) {
                // two rows of the file are one person, yet their fields differ: neither may overwrite the other
                run.skip(new Skip(person.kind(), person.sourcedId(), "is linked to the same person as another row of"
                        + " this file, but their names or emails differ; correct the SIS so that both rows agree", null,
                        person.origin()));
                if (run.people.getOrDefault(self, -1) < 0) {
                    run.people.put(self, localId);
                    run.synced.put(self, GuardianLinks.Synced.of(person));
                }
                next.copy(known, i);
                return;
            }
            long fp = fingerprint(person.fields());
            if (known.fingerprint[i] == fp && known.state[i] == RecordState.ACTIVE.ordinal()
                    && allLinked(person, self, localId)) {
                unchanged[person.kind().ordinal()]++;
                register(person, self, fp, localId);
                return;
            }
            linkedBatch.add(person);
            linkedBatchIds.add(localId);
            if (linkedBatch.size() >= BATCH) {
                flushLinked();
            }
        } catch (SQLException e) {
            throw new SyncFailure("could not read the directory's people: " + e.getMessage(), e);
        }
    }

    /**
     * A row the settings leave out. A guardian skipped for want of an email or SMS phone is still
     * in the feed: the directory keeps them (and their links) as they are, rather than archiving them.
     */
    private void skipped(Skip skip) {
        run.skip(skip);
        if (!"guardiansWithoutContact".equals(skip.setting())) {
            return;
        }
        int i = known.find(Ids.hash(skip.sourcedId()));
        if (i >= 0) {
            seen.add(known.localId[i]);
            next.copy(known, i);
            run.people.put(known.hash[i], known.localId[i]);
            run.synced.put(known.hash[i], new GuardianLinks.Synced(false, known.relationship[i]));
        }
    }

    private boolean allLinked(DesiredPerson person, long selfHash, long localId) {
        int self = known.find(selfHash);
        if (self < 0 || known.localId[self] != localId) {
            return false;
        }
        for (String also : person.alsoSourcedIds()) {
            int j = known.find(Ids.hash(also));
            if (j < 0 || known.localId[j] != localId) {
                return false;
            }
        }
        return true;
    }

    private void create(DesiredPerson person) {
        planner.plan(person, Correlation.unmatched(), null, changes, skips);
        emit(person);
    }

    private void flushLinked() throws SQLException {
        if (linkedBatch.isEmpty()) {
            return;
        }
        Map<Long, DirectoryPerson> current = run.tx.people(linkedBatchIds.toArray());
        for (int k = 0; k < linkedBatch.size(); k++) {
            DesiredPerson person = linkedBatch.get(k);
            long localId = linkedBatchIds.get(k);
            planner.plan(person, Correlation.linked(localId), current.get(localId), changes, skips);
            List<String> ids = new ArrayList<>(person.alsoSourcedIds());
            ids.add(0, person.sourcedId());
            for (String id : ids) {
                if (known.find(Ids.hash(id)) < 0) {
                    changes.add(new DirectoryChange.Link(person.kind(), localId, id, "SAME_NAME_AND_EMAIL",
                            Set.of(), person.origin()));
                }
            }
            emit(person);
        }
        linkedBatch.clear();
        linkedBatchIds.clear();
    }

    private void flushNew() throws SQLException {
        if (newBatch.isEmpty()) {
            return;
        }
        Set<String> numbers = new HashSet<>();
        Set<String> emails = new HashSet<>();
        for (DesiredPerson p : newBatch) {
            String number = p.fields().get("student_number");
            if (number != null) {
                numbers.add(number);
            }
            String email = p.fields().get("email");
            if (email != null) {
                emails.add(email.trim().toLowerCase(Locale.ROOT));
            }
        }
        Map<String, List<PersonMatch>> byNumber = new HashMap<>();
        Map<String, List<PersonMatch>> byEmail = new HashMap<>();
        Map<Long, PersonMatch> byId = new HashMap<>();
        for (PersonMatch m : run.tx.findPeople(numbers, emails)) {
            byId.put(m.person().id(), m);
            String number = m.person().fields().get("student_number");
            if (number != null && numbers.contains(number)) {
                byNumber.computeIfAbsent(number, k -> new ArrayList<>()).add(m);
            }
            String email = m.person().fields().get("email");
            if (email != null && emails.contains(email.trim().toLowerCase(Locale.ROOT))) {
                byEmail.computeIfAbsent(email.trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(m);
            }
        }
        Map<Long, DirectoryPerson> decided = run.decided.anyPeople()
                ? run.tx.people(newBatch.stream().map(p -> run.decided.person(p.sourcedId()))
                        .filter(id -> id != null && id != Decided.CREATE).mapToLong(Long::longValue).toArray())
                : Map.of();
        for (DesiredPerson person : newBatch) {
            PersonKeys keys = new PersonKeys(person.sourcedId(), person.fields().get("student_number"),
                    person.fields().get("email"), person.fields().get("given_name"), person.fields().get("family_name"));
            Long answer = run.decided.person(person.sourcedId());
            DirectoryPerson chosen = answer == null ? null : decided.get(answer);
            Correlation c = answer != null && answer == Decided.CREATE ? Correlation.unmatched()
                    // a teacher may be a parent too (one person, two rows), but no adult is a student
                    : chosen != null && chosen.kind() != null
                            && (chosen.kind() == EntityKind.STUDENTS) != (person.kind() == EntityKind.STUDENTS)
                            ? Correlation.disputed(MatchRule.ADMIN, List.of(answer), "an admin's answer is a record of "
                                    + chosen.kind().label() + ", and this user is of " + person.kind().label()
                                    + ": answer again")
                    : chosen != null ? Correlation.unlinked(answer, MatchRule.ADMIN, "an admin said who this is")
                            : correlator.person(keys, OptionalLong.empty(), (rule, value) -> {
                List<PersonMatch> found = switch (rule) {
                    case STUDENT_NUMBER -> byNumber.getOrDefault(value, List.of());
                    case EMAIL -> byEmail.getOrDefault(value, List.of());
                    default -> List.of();
                };
                // only one active person of the same name may be the same person under a new id: the pass over
                // the feed's ids is read for no one else (rarely on an ordinary day: a teacher who is also a parent)
                boolean single = found.size() == 1;
                return found.stream().map(m -> {
                    String given = m.person().fields().get("given_name");
                    String family = m.person().fields().get("family_name");
                    boolean mayMove = single && m.linked() && m.person().state() == RecordState.ACTIVE
                            && Correlator.samePerson(keys.givenName(), keys.familyName(), given, family);
                    return new Candidate(m.person().id(), given, family, m.linked(),
                            m.linked() && !(mayMove && !stillSent(m.person().id())));
                }).toList();
            });
            if (c.situation() == Situation.UNMATCHED && answer == null && person.kind() == EntityKind.GUARDIANS
                    && person.fields().get("email") == null && !person.agents().isEmpty()
                    && run.mode(RosterFile.USERS) == FileMode.BULK) {
                unmatchedGuardians.add(person); // after this batch's students: the guardian of one who moved?
                continue;
            }
            DirectoryPerson current = null;
            if (c.situation() == Situation.UNLINKED) {
                if (!claimed.add(c.localId())) {
                    c = Correlation.disputed(c.rule(), List.of(c.localId()), c.rule() == MatchRule.ADMIN
                            ? "an admin's answer is a person another record of this run already is: answer again"
                            : "another record of this run already matched the same person");
                } else {
                    current = c.rule() == MatchRule.ADMIN ? decided.get(c.localId()) : byId.get(c.localId()).person();
                    seen.add(c.localId());
                }
            }
            if (answer != null && (c.situation() == Situation.UNMATCHED && answer == Decided.CREATE
                    || c.situation() == Situation.UNLINKED && c.rule() == MatchRule.ADMIN)) {
                run.decided.followedPerson(person.sourcedId());
            }
            planner.plan(person, c, current, changes, skips);
            emit(person);
            if (c.movesLink() && c.situation() == Situation.UNLINKED) {
                moved.add(new MovedLink(c.localId(), person));
                run.movedPeople.add(c.localId());
                if (person.kind() == EntityKind.STUDENTS) {
                    movedStudents.add(c.localId());
                }
            }
        }
        newBatch.clear();
        tieGuardians();
        takeAwayMovedLinks();
    }

    /**
     * The guardians of a batch no rule found (no email), each perhaps the guardian of the same name of a
     * student who moved to a new id in this run (a switch of source): decided now when their students are
     * placed; kept for the end of the run when a student they name comes later in the file while others
     * are moving; on a day when no one moves, new guardians as before.
     */
    private void tieGuardians() throws SQLException {
        if (unmatchedGuardians.isEmpty()) {
            return;
        }
        List<DesiredPerson> now = new ArrayList<>();
        for (DesiredPerson guardian : unmatchedGuardians) {
            boolean unplaced = guardian.agents().stream().anyMatch(a -> run.people.getOrDefault(Ids.hash(a), -1) < 0);
            if (unplaced && !movedStudents.isEmpty()) {
                laterGuardians.add(Ids.hash(guardian.sourcedId()));
            } else {
                now.add(guardian);
            }
        }
        unmatchedGuardians.clear();
        decideGuardians(now);
    }

    /**
     * The guardians kept for the end of the run, now that every student is placed: their rows read again
     * from users.csv (their ids only were kept, so that a switch's guardians are not held in memory).
     */
    private void tieLaterGuardians(DesiredPeople desired) throws SQLException {
        if (laterGuardians.isEmpty()) {
            return;
        }
        List<DesiredPerson> batch = new ArrayList<>();
        SQLException[] failed = {null};
        desired.build(run.snapshot, person -> {
            if (failed[0] == null && laterGuardians.contains(Ids.hash(person.sourcedId()))) {
                batch.add(person);
                if (batch.size() >= BATCH) {
                    try {
                        decideGuardians(batch);
                    } catch (SQLException e) {
                        failed[0] = e;
                    }
                    batch.clear();
                }
            }
        }, skip -> { }, user -> { });
        if (failed[0] != null) {
            throw failed[0];
        }
        decideGuardians(batch);
        laterGuardians.clear();
        takeAwayMovedLinks();
    }

    /** Ties each guardian to the same-named guardian of a student of theirs who moved, or plans them new. */
    private void decideGuardians(List<DesiredPerson> guardians) throws SQLException {
        if (guardians.isEmpty()) {
            return;
        }
        Map<DesiredPerson, long[]> studentsOf = new java.util.IdentityHashMap<>();
        LongHashSet students = new LongHashSet();
        for (DesiredPerson guardian : guardians) {
            LongArrayList ids = new LongArrayList();
            for (String agent : guardian.agents()) {
                long id = run.people.getOrDefault(Ids.hash(agent), -1);
                // only a student who moved to a new id in this run: on an ordinary day no guardian is taken over
                if (id >= 0 && movedStudents.contains(id)) {
                    ids.add(id);
                    students.add(id);
                }
            }
            studentsOf.put(guardian, ids.toArray());
        }
        com.carrotsearch.hppc.LongObjectHashMap<LongArrayList> guardiansOf =
                new com.carrotsearch.hppc.LongObjectHashMap<>();
        LongHashSet guardianIds = new LongHashSet();
        if (!students.isEmpty()) {
            run.tx.forEachGuardianLink(students.toArray(), (guardian, student, relationship, managed) -> {
                LongArrayList of = guardiansOf.get(student);
                if (of == null) {
                    of = new LongArrayList(2);
                    guardiansOf.put(student, of);
                }
                of.add(guardian);
                guardianIds.add(guardian);
            });
        }
        Map<Long, DirectoryPerson> found = guardianIds.isEmpty() ? Map.of() : run.tx.people(guardianIds.toArray());
        for (DesiredPerson guardian : guardians) {
            String given = guardian.fields().get("given_name");
            String family = guardian.fields().get("family_name");
            List<Candidate> candidates = new ArrayList<>();
            LongHashSet listed = new LongHashSet();
            for (long student : studentsOf.get(guardian)) {
                LongArrayList of = guardiansOf.get(student);
                for (int k = 0; of != null && k < of.size(); k++) {
                    DirectoryPerson p = found.get(of.get(k));
                    // an active, synced guardian (not a teacher who is also a parent) no other row took; the
                    // pass over the feed's ids only for one of the same name
                    if (p != null && listed.add(p.id()) && p.kind() == EntityKind.GUARDIANS && p.managed()
                            && p.state() == RecordState.ACTIVE && !claimed.contains(p.id())
                            && Correlator.sameName(given, family, p.fields().get("given_name"),
                                    p.fields().get("family_name"))) {
                        candidates.add(new Candidate(p.id(), p.fields().get("given_name"), p.fields().get("family_name"),
                                true, stillSent(p.id())));
                    }
                }
            }
            Correlation c = correlator.guardian(new PersonKeys(guardian.sourcedId(), null, null, given, family),
                    candidates);
            DirectoryPerson current = null;
            if (c.situation() == Situation.UNLINKED) {
                claimed.add(c.localId());
                seen.add(c.localId());
                current = found.get(c.localId());
            }
            planner.plan(guardian, c, current, changes, skips);
            emit(guardian);
            if (c.movesLink() && c.situation() == Situation.UNLINKED) {
                moved.add(new MovedLink(c.localId(), guardian));
                run.movedPeople.add(c.localId());
            }
        }
    }

    /** A person linked to a new record of the feed, whose links to records no longer sent are taken away. */
    private record MovedLink(long localId, DesiredPerson to) {
    }

    /**
     * Takes away the links of the people who moved to a new record: an old id the SIS gives someone else
     * one day is then that someone, not them. The old ids are also left out of the fingerprints.
     */
    private void takeAwayMovedLinks() throws SQLException {
        if (moved.isEmpty()) {
            return;
        }
        Map<Long, List<String>> links = run.tx.personLinks(RunContext.SOURCE,
                moved.stream().mapToLong(MovedLink::localId).toArray());
        List<DirectoryChange> unlinks = new ArrayList<>();
        for (MovedLink m : moved) {
            Set<String> kept = new HashSet<>(m.to().alsoSourcedIds());
            kept.add(m.to().sourcedId());
            for (String old : links.getOrDefault(m.localId(), List.of())) {
                if (!kept.contains(old)) {
                    unlinks.add(new DirectoryChange.Unlink(m.to().kind(), m.localId(), old));
                    movedAway.add(Ids.hash(old));
                }
            }
        }
        run.route(unlinks);
        moved.clear();
    }

    /**
     * Whether a row of this feed is linked to the person by its own id. Read once, when a linked person is
     * first found by another rule: a pass over users.csv's ids. A delta file speaks only for what it
     * sends, so there every linked person counts as still sent.
     */
    private boolean stillSent(long localId) {
        if (run.mode(RosterFile.USERS) != FileMode.BULK) {
            return true;
        }
        if (stillSent == null) {
            stillSent = new LongHashSet();
            try (java.util.stream.Stream<io.rostersync.oneroster.User> users = run.snapshot.users()) {
                users.forEach(user -> {
                    int i = known.find(Ids.hash(user.sourcedId()));
                    if (i >= 0) {
                        stillSent.add(known.localId[i]);
                    }
                });
            }
        }
        return stillSent.contains(localId);
    }

    /** Applies the planned changes, and notes the person's local id for the steps that follow. */
    private void emit(DesiredPerson person) {
        long localId = -1;
        for (DirectoryChange change : changes) {
            if (change instanceof DirectoryChange.Create c) {
                localId = c.localId();
            } else if (change instanceof DirectoryChange.Link l) {
                localId = l.localId();
            } else if (change instanceof DirectoryChange.Update u) {
                localId = u.localId();
            } else if (change instanceof DirectoryChange.Restore r) {
                localId = r.localId();
            }
        }
        boolean disputed = skips.stream().anyMatch(s -> s.setting() == null && s.kind() == person.kind()
                && person.sourcedId().equals(s.sourcedId()));
        if (localId < 0 && !disputed) {
            int i = known.find(Ids.hash(person.sourcedId()));
            if (i >= 0) {
                localId = known.localId[i]; // linked, with only protected fields differing
            }
        }
        if (changes.isEmpty() && localId >= 0) {
            unchanged[person.kind().ordinal()]++;
        }
        boolean waits = changes.stream().anyMatch(RunContext::removes);
        run.route(changes);
        run.skips(skips);
        if (localId >= 0) {
            register(person, Ids.hash(person.sourcedId()), fingerprint(person.fields()), localId);
            if (waits) {
                // until its removals are applied, the directory does not have this person as wanted
                waitingEntries.add(next.find(Ids.hash(person.sourcedId())));
                for (String also : person.alsoSourcedIds()) {
                    waitingEntries.add(next.find(Ids.hash(also)));
                }
            }
        }
    }

    private void register(DesiredPerson person, long self, long fp, long localId) {
        GuardianLinks.Synced synced = GuardianLinks.Synced.of(person);
        next.put(self, localId, fp, RecordState.ACTIVE.ordinal(), person.kind().ordinal(),
                synced.relationship(), true);
        for (String also : person.alsoSourcedIds()) {
            next.put(Ids.hash(also), localId, fp, RecordState.ACTIVE.ordinal(), person.kind().ordinal(),
                    synced.relationship(), true);
        }
        run.people.put(self, localId);
        run.synced.put(self, synced);
        for (String also : person.alsoSourcedIds()) {
            run.people.put(Ids.hash(also), localId);
            run.synced.put(Ids.hash(also), synced);
        }
    }

    private void planLeavers() throws SQLException {
        FileMode mode = run.mode(RosterFile.USERS);
        LongHashSet deleted = mode == FileMode.DELTA ? tobedeleted() : null;
        LongArrayList leaving = new LongArrayList();
        LongHashSet listed = new LongHashSet();
        for (int i = 0; i < known.size; i++) {
            long localId = known.localId[i];
            if (seen.contains(localId) || !known.managed[i] || known.state[i] == RecordState.ARCHIVED.ordinal()) {
                continue;
            }
            if (mode == FileMode.BULK || deleted != null && deleted.contains(known.hash[i])) {
                if (listed.add(localId)) {
                    leaving.add(localId);
                }
                com.carrotsearch.hppc.IntArrayList entries = leaverEntries.get(localId);
                if (entries == null) {
                    entries = new com.carrotsearch.hppc.IntArrayList(2);
                    leaverEntries.put(localId, entries);
                }
                entries.add(i);
            }
        }
        for (int from = 0; from < leaving.size(); from += BATCH) {
            long[] ids = Arrays.copyOfRange(leaving.buffer, from, Math.min(leaving.size(), from + BATCH));
            Map<Long, DirectoryPerson> current = run.tx.people(ids);
            for (long id : ids) {
                DirectoryPerson person = current.get(id);
                if (person != null && person.kind() != null) {
                    planner.planMissing(person.kind(), person, run.now, changes, skips);
                    for (DirectoryChange change : changes) {
                        int state = RunContext.stateAfter(change);
                        if (state >= 0) {
                            leaving(id, state);
                        }
                    }
                    run.route(changes);
                    run.skips(skips);
                }
            }
        }
    }

    /**
     * A delta users.csv sends only who changed: everyone else the directory has stays, and the
     * enrollments and guardian links of this run may name them.
     */
    private void registerUnsent() {
        for (int i = 0; i < known.size; i++) {
            if (known.state[i] != RecordState.ARCHIVED.ordinal() && !run.people.containsKey(known.hash[i])
                    && known.kind[i] >= 0) {
                run.people.put(known.hash[i], known.localId[i]);
                run.synced.put(known.hash[i], new GuardianLinks.Synced(
                        known.kind[i] == EntityKind.STUDENTS.ordinal(), known.relationship[i]));
            }
        }
    }

    /** Every entry of a leaving person takes the state the run gives them, if its removals are applied. */
    private void leaving(long localId, int state) {
        for (com.carrotsearch.hppc.cursors.IntCursor i : leaverEntries.get(localId)) {
            int at = next.copy(known, i.value);
            leaverIndex.add(at);
            leaverState.add(state);
        }
    }

    private LongHashSet tobedeleted() {
        LongHashSet deleted = new LongHashSet();
        try (Stream<User> users = run.snapshot.users()) {
            users.forEach(u -> {
                if (u.status() == RecordStatus.TO_BE_DELETED) {
                    deleted.add(Ids.hash(u.sourcedId()));
                }
            });
        }
        return deleted;
    }

    private static final FieldsFingerprint FINGERPRINT = new FieldsFingerprint(List.of("given_name", "family_name",
            "middle_name", "preferred_given_name", "preferred_family_name", "email", "sms_phone", "home_phone", "grade",
            "student_number", "username", "birth_key", "roles"));

    /** A fingerprint of a person's fields, the same whether computed from the source or the directory. */
    static long fingerprint(Map<String, String> fields) {
        return FINGERPRINT.of(fields);
    }

    /** One row per source link of the directory's people, in primitive arrays. */
    private static final class Known extends KnownRows {
        /** Relationship codes of the blob: 0 none, then {@link GuardianLinks#RELATIONSHIPS} from 1. */
        private static final String[] RELATIONSHIPS = {null, GuardianLinks.RELATIONSHIPS.get(0),
            GuardianLinks.RELATIONSHIPS.get(1), GuardianLinks.RELATIONSHIPS.get(2)};
        int[] kind;
        String[] relationship;

        /** @param expected how many entries it will likely hold */
        Known(int expected) {
            super(expected);
        }

        @Override
        void allocateColumns(int capacity) {
            kind = new int[capacity];
            relationship = new String[capacity];
        }

        @Override
        void growColumns(int capacity) {
            kind = Arrays.copyOf(kind, capacity);
            relationship = Arrays.copyOf(relationship, capacity);
        }

        /** Adds an entry, or replaces the one of the same id hash; returns its index. */
        int put(long idHash, long local, long fp, int st, int k, String rel, boolean man) {
            int i = row(idHash, local, fp, st, man);
            kind[i] = k;
            relationship[i] = rel;
            return i;
        }

        int copy(Known from, int i) {
            return put(from.hash[i], from.localId[i], from.fingerprint[i], from.state[i], from.kind[i],
                    from.relationship[i], from.managed[i]);
        }

        private static int relationshipCode(String rel) {
            for (int r = 1; r < RELATIONSHIPS.length; r++) {
                if (RELATIONSHIPS[r].equals(rel)) {
                    return r;
                }
            }
            return 0;
        }

        /** 28 bytes an entry: id hash, local id, fingerprint, then state, kind, relationship, managed. */
        byte[] encode() {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 + size * 28);
            b.putInt(size);
            for (int i = 0; i < size; i++) {
                b.putLong(hash[i]).putLong(localId[i]).putLong(fingerprint[i]);
                b.put((byte) state[i]).put((byte) kind[i]).put((byte) relationshipCode(relationship[i]))
                        .put((byte) (managed[i] ? 1 : 0));
            }
            return b.array();
        }

        void decode(byte[] data) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(data);
            int n = b.getInt();
            if (size == 0 && n > hash.length) {
                allocate(n);
            }
            for (int i = 0; i < n; i++) {
                long h = b.getLong();
                long local = b.getLong();
                long fp = b.getLong();
                int st = b.get();
                int k = b.get();
                int rel = b.get();
                boolean man = b.get() == 1;
                put(h, local, fp, st, k, RELATIONSHIPS[rel], man);
            }
        }
    }
}
