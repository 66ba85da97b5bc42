package io.rostersync.sync.internal.plan;

import io.rostersync.directory.DirectoryChange;
import io.rostersync.directory.FieldChange;
import io.rostersync.oneroster.FileMode;
import io.rostersync.directory.EntityKind;
import io.rostersync.settings.SyncSettings;
import io.rostersync.sync.internal.correlate.Candidate;
import io.rostersync.sync.internal.correlate.Correlation;
import io.rostersync.sync.internal.correlate.Correlator;
import io.rostersync.sync.internal.correlate.MatchRule;
import io.rostersync.sync.internal.correlate.Situation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.LongSupplier;
import io.rostersync.directory.DirectorySchool;
import io.rostersync.directory.RecordState;

/**
 * Plans the schools: a school the source names is linked through its School ID, updated when the
 * source renamed it (unless an admin renamed it by hand), restored when it comes back; a new one is
 * created when every school syncs, and skipped when the district picked its schools; a school of
 * the same name without School IDs is a dispute. A sync-managed school no longer in a bulk orgs.csv
 * is archived (the guard decides whether that may happen now). Pure: no database.
 */
public final class SchoolPlanner {

    private SchoolPlanner() {
    }

    public static SchoolPlan plan(List<SourceSchool> source, FileMode orgsMode, List<DirectorySchool> directory,
            SyncSettings settings, LongSupplier newId) {
        Map<String, DirectorySchool> bySchoolId = new HashMap<>();
        for (DirectorySchool s : directory) {
            for (String id : s.schoolIds()) {
                bySchoolId.put(id, s);
            }
        }
        Correlator correlator = new Correlator(List.of());
        List<DirectoryChange> changes = new ArrayList<>();
        List<Skip> skips = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (SourceSchool school : source) {
            DirectorySchool linked = bySchoolId.get(school.orgSourcedId());
            Correlation c = correlator.school(school.orgSourcedId(), school.name(),
                    linked == null ? OptionalLong.empty() : OptionalLong.of(linked.id()),
                    (rule, value) -> rule != MatchRule.NAME || value == null ? List.of()
                            : directory.stream()
                                    .map(d -> Candidate.named(d.id(), d.name(), !d.schoolIds().isEmpty()))
                                    .toList());
            if (c.situation() == Situation.LINKED) {
                seen.add(linked.id());
                planLinked(school, linked, settings, changes, skips);
            } else if (c.situation() == Situation.DISPUTED) {
                skips.add(new Skip(EntityKind.SCHOOLS, school.orgSourcedId(), c.reason()
                        + "; add School ID " + school.orgSourcedId() + " to that school, or create it", null,
                        school.origin()));
            } else if (!settings.syncsAllSchools()) {
                skips.add(new Skip(EntityKind.SCHOOLS, school.orgSourcedId(),
                        "not one of the schools that sync", "schoolsThatSync", school.origin()));
            } else {
                String name = school.name() != null ? school.name() : "School " + school.orgSourcedId();
                changes.add(new DirectoryChange.Create(EntityKind.SCHOOLS, newId.getAsLong(), school.orgSourcedId(), Map.of("name", name),
                        school.origin()));
            }
        }
        if (orgsMode == FileMode.BULK) {
            for (DirectorySchool d : directory) {
                if (d.managed() && d.state() != RecordState.ARCHIVED && !seen.contains(d.id())
                        && !d.schoolIds().isEmpty()) {
                    changes.add(new DirectoryChange.Archive(EntityKind.SCHOOLS, d.id(), d.state(), null, "none of its School IDs "
                            + d.schoolIds() + " is in orgs.csv"));
                }
            }
        }
        return new SchoolPlan(changes, skips);
    }

    private static void planLinked(SourceSchool school, DirectorySchool linked, SyncSettings settings,
            List<DirectoryChange> changes, List<Skip> skips) {
        if (!settings.syncsAllSchools() && !settings.schoolsThatSync().contains(linked.id())) {
            skips.add(new Skip(EntityKind.SCHOOLS, school.orgSourcedId(), "not one of the schools that sync",
                    "schoolsThatSync", school.origin()));
            return;
        }
        if (linked.state() != RecordState.ACTIVE && linked.managed()) {
            changes.add(new DirectoryChange.Restore(EntityKind.SCHOOLS, linked.id(), linked.state(), null,
                    school.origin()));
        }
        if (school.name() == null || school.name().equals(linked.name()) || !linked.managed()) {
            return; // a school an admin made keeps its name: the School ID only links it
        }
        if (linked.editedFields().contains("name") && !settings.overwriteHandEdits()) {
            skips.add(new Skip(EntityKind.SCHOOLS, school.orgSourcedId(), "the name was edited by hand",
                    "overwriteHandEdits", school.origin()));
            return;
        }
        changes.add(new DirectoryChange.Update(EntityKind.SCHOOLS, linked.id(), school.orgSourcedId(),
                List.of(new FieldChange("name", linked.name(), school.name())), school.origin()));
    }
}
