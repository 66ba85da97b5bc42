package io.rostersync.sync.internal.engine;

import com.carrotsearch.hppc.LongArrayList;
import com.carrotsearch.hppc.LongHashSet;
import com.carrotsearch.hppc.LongIntHashMap;
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
    private final PersonPlanner planner;
    private final Correlator correlator;
    private final Known known = new Known();
    private final LongHashSet seen = new LongHashSet();
    private final LongHashSet claimed = new LongHashSet();
    private final List<DesiredPerson> linkedBatch = new ArrayList<>();
    private final LongArrayList linkedBatchIds = new LongArrayList();
    private final List<DesiredPerson> newBatch = new ArrayList<>();
    private final List<DirectoryChange> changes = new ArrayList<>();
    private final List<Skip> skips = new ArrayList<>();
    private final long[] unchanged = new long[EntityKind.values().length];
    private boolean directoryHasPeople;

    private PeopleStep(RunContext run) {
        this.run = run;
        this.planner = new PersonPlanner(run.settings, run.personIds);
        this.correlator = new Correlator(run.settings.personMatchRules().stream()
                .map(r -> MatchRule.valueOf(r.name())).toList());
    }

    static void run(RunContext run) throws SQLException {
        new PeopleStep(run).plan();
    }

    private void plan() throws SQLException {
        loadKnown();
        directoryHasPeople = run.tx.hasPeople();
        DesiredPeople desired = new DesiredPeople(run.settings,
                org -> {
                    Long school = run.syncingSchools.get(org);
                    return school == null ? OptionalLong.empty() : OptionalLong.of(school);
                },
                run.districtOrgs::contains);
        desired.build(run.snapshot, this::desired, run::skip);
        flushLinked();
        flushNew();
        planLeavers();
        if (run.mode(RosterFile.USERS) == FileMode.DELTA) {
            registerUnsent();
        }
        for (EntityKind kind : List.of(EntityKind.STUDENTS, EntityKind.STAFF, EntityKind.GUARDIANS)) {
            run.counts.unchanged(kind, unchanged[kind.ordinal()]);
        }
    }

    private void loadKnown() throws SQLException {
        LongHashSet counted = new LongHashSet();
        run.tx.forEachLinkedPerson(RunContext.SOURCE, (sourcedId, person) -> {
            known.add(Ids.hash(sourcedId), person);
            if (person.managed() && person.state() != RecordState.ARCHIVED && person.kind() != null
                    && counted.add(person.id())) {
                run.managed(person.kind(), 1);
            }
        });
    }

    private void desired(DesiredPerson person) {
        try {
            int i = known.find(Ids.hash(person.sourcedId()));
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
            claimed.add(localId);
            if (known.fingerprint[i] == fingerprint(person.fields()) && known.state[i] == RecordState.ACTIVE.ordinal()
                    && allLinked(person, localId)) {
                unchanged[person.kind().ordinal()]++;
                register(person, localId);
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

    private boolean allLinked(DesiredPerson person, long localId) {
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
            for (String also : person.alsoSourcedIds()) {
                int j = known.find(Ids.hash(also));
                if (j < 0) {
                    changes.add(new DirectoryChange.Link(person.kind(), localId, also, "SAME_NAME_AND_EMAIL",
                            person.origin()));
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
        for (DesiredPerson person : newBatch) {
            PersonKeys keys = new PersonKeys(person.sourcedId(), person.fields().get("student_number"),
                    person.fields().get("email"), person.fields().get("given_name"), person.fields().get("family_name"));
            Correlation c = correlator.person(keys, OptionalLong.empty(), (rule, value) -> {
                List<PersonMatch> found = switch (rule) {
                    case STUDENT_NUMBER -> byNumber.getOrDefault(value, List.of());
                    case EMAIL -> byEmail.getOrDefault(value, List.of());
                    default -> List.of();
                };
                return found.stream().map(m -> new Candidate(m.person().id(), m.person().fields().get("given_name"),
                        m.person().fields().get("family_name"), m.linked())).toList();
            });
            DirectoryPerson current = null;
            if (c.situation() == Situation.UNLINKED) {
                if (!claimed.add(c.localId())) {
                    c = Correlation.disputed(c.rule(), List.of(c.localId()),
                            "another record of this run already matched the same person");
                } else {
                    current = byId.get(c.localId()).person();
                    seen.add(c.localId());
                }
            }
            planner.plan(person, c, current, changes, skips);
            emit(person);
        }
        newBatch.clear();
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
        run.route(changes);
        run.skips(skips);
        if (localId >= 0) {
            register(person, localId);
        }
    }

    private void register(DesiredPerson person, long localId) {
        GuardianLinks.Synced synced = GuardianLinks.Synced.of(person);
        run.people.put(Ids.hash(person.sourcedId()), localId);
        run.synced.put(Ids.hash(person.sourcedId()), synced);
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
            }
        }
        for (int from = 0; from < leaving.size(); from += BATCH) {
            long[] ids = Arrays.copyOfRange(leaving.buffer, from, Math.min(leaving.size(), from + BATCH));
            Map<Long, DirectoryPerson> current = run.tx.people(ids);
            for (long id : ids) {
                DirectoryPerson person = current.get(id);
                if (person != null && person.kind() != null) {
                    planner.planMissing(person.kind(), person, run.now, changes, skips);
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

    /** A fingerprint of a person's fields, the same whether computed from the source or the directory. */
    static long fingerprint(Map<String, String> fields) {
        StringBuilder b = new StringBuilder(256);
        for (String key : new java.util.TreeSet<>(fields.keySet())) {
            b.append(key).append('\u0001').append(fields.get(key)).append('\u0002');
        }
        return Ids.hash(b.toString());
    }

    /** One row per source link of the directory's people, in primitive arrays. */
    private static final class Known {
        final LongIntHashMap index = new LongIntHashMap();
        long[] hash = new long[1024];
        long[] localId = new long[1024];
        long[] fingerprint = new long[1024];
        int[] state = new int[1024];
        boolean[] managed = new boolean[1024];
        int[] kind = new int[1024];
        String[] relationship = new String[1024];
        int size;

        void add(long idHash, DirectoryPerson person) {
            if (size == hash.length) {
                int n = size * 2;
                hash = Arrays.copyOf(hash, n);
                localId = Arrays.copyOf(localId, n);
                fingerprint = Arrays.copyOf(fingerprint, n);
                state = Arrays.copyOf(state, n);
                managed = Arrays.copyOf(managed, n);
                kind = Arrays.copyOf(kind, n);
                relationship = Arrays.copyOf(relationship, n);
            }
            hash[size] = idHash;
            localId[size] = person.id();
            fingerprint[size] = fingerprint(person.fields());
            state[size] = person.state().ordinal();
            managed[size] = person.managed();
            kind[size] = person.kind() == null ? -1 : person.kind().ordinal();
            relationship[size] = relationship(person.fields().getOrDefault("roles", ""));
            index.put(idHash, size);
            size++;
        }

        /** The guardian relationship a person's roles imply (interned constants), or null. */
        private static String relationship(String roles) {
            for (String r : List.of("parent", "guardian", "relative")) {
                if (roles.startsWith(r + "@") || roles.contains("," + r + "@")) {
                    return r;
                }
            }
            return null;
        }

        int find(long idHash) {
            return index.getOrDefault(idHash, -1);
        }
    }
}
