package io.rostersync.sync.internal.plan;

import io.rostersync.directory.DirectoryChange;
import io.rostersync.directory.EntityKind;
import io.rostersync.settings.SyncSettings;
import io.rostersync.sync.internal.correlate.Correlation;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.LongSupplier;
import io.rostersync.directory.DirectoryClassroom;
import io.rostersync.directory.RecordState;

/**
 * Plans one classroom: only in a school that syncs; created, linked or updated field by field
 * (never a field an admin owns); an archived classroom that reappears is restored only if the
 * district says so; one that left the feed goes as the district's leavers setting says.
 */
public final class ClassroomPlanner {

    private final SyncSettings settings;
    private final LongSupplier newId;

    /** @param newId the id of the next classroom a run creates */
    public ClassroomPlanner(SyncSettings settings, LongSupplier newId) {
        this.settings = settings;
        this.newId = newId;
    }

    /**
     * @param syncingSchool the directory school of a School ID, when that school syncs
     */
    public void plan(DesiredClassroom classroom, Correlation correlation, DirectoryClassroom current,
            Function<String, OptionalLong> syncingSchool, List<DirectoryChange> changes, List<Skip> skips) {
        OptionalLong school = syncingSchool.apply(classroom.schoolOrgSourcedId());
        if (school.isEmpty()) {
            skips.add(new Skip(EntityKind.CLASSROOMS, classroom.sourcedId(), "its school "
                    + classroom.schoolOrgSourcedId() + " does not sync", "schoolsThatSync", classroom.origin()));
            return;
        }
        Map<String, String> wanted = new HashMap<>(classroom.fields());
        wanted.put("school_id", Long.toString(school.getAsLong()));
        switch (correlation.situation()) {
            case DISPUTED -> skips.add(Skip.disputed(EntityKind.CLASSROOMS, classroom.sourcedId(), correlation.reason(),
                    classroom.origin(), correlation.candidates()));
            case UNMATCHED -> changes.add(new DirectoryChange.Create(EntityKind.CLASSROOMS, newId.getAsLong(), classroom.sourcedId(), wanted,
                    classroom.origin()));
            case UNLINKED, LINKED -> {
                if (correlation.situation() == io.rostersync.sync.internal.correlate.Situation.UNLINKED) {
                    changes.add(new DirectoryChange.Link(EntityKind.CLASSROOMS, current.id(), classroom.sourcedId(),
                            correlation.rule().name(), java.util.Set.of(), classroom.origin()));
                }
                // a classroom linked now becomes the class's: its fields follow the class from this run on
                update(classroom, wanted, current, correlation.situation() == io.rostersync.sync.internal.correlate
                        .Situation.UNLINKED, changes, skips);
            }
        }
    }

    private void update(DesiredClassroom classroom, Map<String, String> wanted, DirectoryClassroom current,
            boolean linkedNow, List<DirectoryChange> changes, List<Skip> skips) {
        if ((current.managed() || linkedNow) && current.state() != RecordState.ACTIVE) {
            // an admin who links an archived classroom to a class wants it back, whatever the setting
            if (current.state() == RecordState.ARCHIVED && !settings.restoreClassrooms() && !linkedNow) {
                skips.add(new Skip(EntityKind.CLASSROOMS, classroom.sourcedId(),
                        "is back in the feed but stays archived", "restoreClassrooms", classroom.origin()));
                return;
            }
            changes.add(new DirectoryChange.Restore(EntityKind.CLASSROOMS, current.id(), current.state(),
                    current.removalDueAt(), classroom.origin()));
        }
        FieldDiff.diff(EntityKind.CLASSROOMS, current.id(), classroom.sourcedId(), wanted, current.fields(),
                (field, before) -> FieldDiff.handEdits(field, before, current.editedFields(), current.managed() || linkedNow,
                        settings.overwriteHandEdits()), classroom.origin(), changes, skips);
    }

    public void planMissing(DirectoryClassroom current, Instant now, List<DirectoryChange> changes, List<Skip> skips) {
        Leaving.plan(EntityKind.CLASSROOMS, current.id(), current.managed(), current.state(), current.removalDueAt(),
                settings, now, changes, skips);
    }
}
