package io.rostersync.sync.internal.engine;

import com.carrotsearch.hppc.LongHashSet;
import io.rostersync.directory.DirectoryChange;
import io.rostersync.directory.DirectoryClassroom;
import io.rostersync.directory.EntityKind;
import io.rostersync.directory.RecordState;
import io.rostersync.oneroster.AcademicSession;
import io.rostersync.oneroster.FileMode;
import io.rostersync.oneroster.RecordStatus;
import io.rostersync.oneroster.RosterClass;
import io.rostersync.oneroster.RosterFile;
import io.rostersync.sync.internal.correlate.Candidate;
import io.rostersync.sync.internal.correlate.Correlation;
import io.rostersync.sync.internal.correlate.Correlator;
import io.rostersync.sync.internal.correlate.MatchRule;
import io.rostersync.sync.internal.correlate.Situation;
import io.rostersync.sync.internal.plan.ClassroomPlanner;
import io.rostersync.sync.internal.plan.DesiredClassroom;
import io.rostersync.sync.internal.plan.Ids;
import io.rostersync.sync.internal.plan.Skip;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * Classrooms: a district has tens of thousands at most, so the directory's are read whole. A class
 * is linked by its source link (an admin may have linked a classroom from before the sync); one
 * whose title matches an unlinked classroom goes to the admin, never linked on a name alone.
 */
final class ClassroomStep {

    private ClassroomStep() {
    }

    static void run(RunContext run) throws SQLException {
        List<DirectoryClassroom> directory = run.tx.classrooms(RunContext.SOURCE);
        Map<String, DirectoryClassroom> linked = new HashMap<>();
        Map<String, List<Candidate>> unlinkedByTitle = new HashMap<>();
        for (DirectoryClassroom c : directory) {
            if (c.sourcedId() != null) {
                linked.put(c.sourcedId(), c);
            } else if (c.fields().get("title") != null) {
                unlinkedByTitle.computeIfAbsent(c.fields().get("title"), k -> new ArrayList<>())
                        .add(Candidate.named(c.id(), c.fields().get("title"), false));
            }
            if (c.managed() && c.state() != RecordState.ARCHIVED && c.sourcedId() != null) {
                run.managed(EntityKind.CLASSROOMS, 1);
            }
        }
        Map<String, String> terms = new HashMap<>();
        if (run.snapshot.has(RosterFile.ACADEMIC_SESSIONS)) {
            try (Stream<AcademicSession> sessions = run.snapshot.academicSessions()) {
                sessions.forEach(s -> {
                    if (s.title() != null) {
                        terms.put(s.sourcedId(), s.title());
                    }
                });
            }
        }
        ClassroomPlanner planner = new ClassroomPlanner(run.settings, run.classroomIds);
        Correlator correlator = new Correlator(List.of());
        LongHashSet seen = new LongHashSet();
        List<DirectoryChange> changes = new ArrayList<>();
        List<Skip> skips = new ArrayList<>();
        long[] unchanged = new long[1];
        List<String> deleted = new ArrayList<>();
        try (Stream<RosterClass> classes = run.snapshot.classes()) {
            classes.forEach(k -> {
                if (k.status() == RecordStatus.TO_BE_DELETED) {
                    deleted.add(k.sourcedId());
                    return;
                }
                DesiredClassroom desired = desired(k, terms);
                DirectoryClassroom current = linked.get(k.sourcedId());
                Correlation c = correlator.classroom(desired.fields().get("title"),
                        current == null ? OptionalLong.empty() : OptionalLong.of(current.id()),
                        (rule, title) -> rule == MatchRule.NAME ? unlinkedByTitle.getOrDefault(title, List.of())
                                : List.of());
                if (c.situation() == Situation.UNLINKED || c.situation() == Situation.DISPUTED) {
                    current = null;
                }
                if (current != null) {
                    seen.add(current.id());
                }
                planner.plan(desired, c, current, school -> {
                    Long id = run.syncingSchools.get(school);
                    return id == null ? OptionalLong.empty() : OptionalLong.of(id);
                }, changes, skips);
                long localId = -1;
                for (DirectoryChange change : changes) {
                    if (change instanceof DirectoryChange.Create create) {
                        localId = create.localId();
                    }
                }
                boolean skipped = !skips.isEmpty() && skips.stream().anyMatch(s -> s.setting() == null
                        || s.setting().equals("schoolsThatSync") || s.setting().equals("restoreClassrooms"));
                if (current != null && !skipped) {
                    localId = current.id();
                    if (changes.isEmpty()) {
                        unchanged[0]++;
                    }
                }
                if (localId >= 0 && !skipped) {
                    run.classrooms.put(Ids.hash(k.sourcedId()), localId);
                }
                run.route(changes);
                run.skips(skips);
            });
        }
        run.counts.unchanged(EntityKind.CLASSROOMS, unchanged[0]);
        FileMode mode = run.mode(RosterFile.CLASSES);
        java.util.Set<String> leaving = new java.util.HashSet<>(deleted);
        for (DirectoryClassroom c : directory) {
            if (c.sourcedId() == null || seen.contains(c.id())) {
                continue;
            }
            if (mode == FileMode.BULK || leaving.contains(c.sourcedId())) {
                planner.planMissing(c, run.now, changes, skips);
                run.route(changes);
                run.skips(skips);
            } else if (c.state() != RecordState.ARCHIVED && run.syncingSchools.containsValue(c.schoolId())) {
                // a delta classes.csv sends only the classes that changed: the others keep taking members
                run.classrooms.put(Ids.hash(c.sourcedId()), c.id());
            }
        }
    }

    private static DesiredClassroom desired(RosterClass k, Map<String, String> terms) {
        Map<String, String> fields = new HashMap<>();
        put(fields, "title", k.title());
        put(fields, "code", k.classCode());
        put(fields, "grades", String.join(",", k.grades()));
        put(fields, "periods", String.join(",", k.periods()));
        List<String> termNames = new ArrayList<>();
        for (String term : k.termSourcedIds()) {
            termNames.add(terms.getOrDefault(term, term));
        }
        put(fields, "terms", String.join(",", termNames));
        return new DesiredClassroom(k.sourcedId(), k.schoolSourcedId(), fields, k.origin());
    }

    private static void put(Map<String, String> fields, String key, String value) {
        if (value != null && !value.isEmpty()) {
            fields.put(key, value);
        }
    }
}
