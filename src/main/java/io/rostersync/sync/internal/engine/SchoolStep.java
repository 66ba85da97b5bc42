package io.rostersync.sync.internal.engine;

import io.rostersync.directory.DirectoryChange;
import io.rostersync.directory.DirectorySchool;
import io.rostersync.directory.EntityKind;
import io.rostersync.directory.RecordState;
import io.rostersync.oneroster.Enrollment;
import io.rostersync.oneroster.Org;
import io.rostersync.oneroster.RecordStatus;
import io.rostersync.oneroster.RosterClass;
import io.rostersync.oneroster.RosterFile;
import io.rostersync.sync.internal.plan.SchoolPlan;
import io.rostersync.sync.internal.plan.SchoolPlanner;
import io.rostersync.sync.internal.plan.SourceSchool;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Schools first, as everything else hangs from them: the schools of orgs.csv (or, when it was not
 * sent, the School IDs the classes name), planned against the directory's schools; then which
 * School IDs belong to a school that syncs.
 */
final class SchoolStep {

    private SchoolStep() {
    }

    static void run(RunContext run) throws SQLException {
        List<DirectorySchool> directory = run.tx.schools();
        List<SourceSchool> source = new ArrayList<>();
        Set<String> districtOrgs = new HashSet<>();
        if (run.snapshot.has(RosterFile.ORGS)) {
            try (Stream<Org> orgs = run.snapshot.orgs()) {
                orgs.forEach(org -> {
                    if (org.status() == RecordStatus.TO_BE_DELETED) {
                        return;
                    }
                    if (org.isSchool()) {
                        source.add(new SourceSchool(org.sourcedId(), org.name(), org.origin()));
                    } else {
                        districtOrgs.add(org.sourcedId());
                    }
                });
            }
        } else {
            Map<String, SourceSchool> named = new LinkedHashMap<>();
            try (Stream<RosterClass> classes = run.snapshot.classes()) {
                classes.forEach(c -> named.putIfAbsent(c.schoolSourcedId(),
                        new SourceSchool(c.schoolSourcedId(), null, c.origin())));
            }
            try (Stream<Enrollment> enrollments = run.snapshot.enrollments()) {
                enrollments.forEach(e -> {
                    if (e.schoolSourcedId() != null) {
                        named.putIfAbsent(e.schoolSourcedId(), new SourceSchool(e.schoolSourcedId(), null, e.origin()));
                    }
                });
            }
            source.addAll(named.values());
        }
        SchoolPlan plan = SchoolPlanner.plan(source, run.mode(RosterFile.ORGS), directory, run.settings, run.schoolIds);
        Set<Long> changed = new HashSet<>();
        Map<String, Long> syncing = new HashMap<>();
        for (DirectoryChange change : plan.changes()) {
            if (change instanceof DirectoryChange.Create c) {
                syncing.put(c.sourcedId(), c.localId());
            } else if (change instanceof DirectoryChange.Update u) {
                changed.add(u.localId());
            } else if (change instanceof DirectoryChange.Restore r) {
                changed.add(r.localId());
            }
        }
        run.route(new ArrayList<>(plan.changes()));
        run.skips(new ArrayList<>(plan.skips()));
        long linked = 0;
        for (DirectorySchool school : directory) {
            if (school.managed() && school.state() != RecordState.ARCHIVED) {
                run.managed(EntityKind.SCHOOLS, 1);
            }
            boolean syncs = run.settings.syncsAllSchools() || run.settings.schoolsThatSync().contains(school.id());
            boolean inFeed = false;
            for (SourceSchool s : source) {
                if (school.schoolIds().contains(s.orgSourcedId())) {
                    inFeed = true;
                    if (syncs) {
                        syncing.put(s.orgSourcedId(), school.id());
                    }
                }
            }
            if (inFeed && syncs && !changed.contains(school.id())) {
                linked++;
            }
            if (!inFeed && syncs && school.state() != RecordState.ARCHIVED
                    && run.mode(RosterFile.ORGS) != io.rostersync.oneroster.FileMode.BULK) {
                // a delta orgs.csv (or none) names only some schools: the others are still there
                for (String id : school.schoolIds()) {
                    syncing.putIfAbsent(id, school.id());
                }
            }
        }
        run.counts.unchanged(EntityKind.SCHOOLS, linked);
        run.syncingSchools = syncing;
        run.districtOrgs = districtOrgs;
    }
}
