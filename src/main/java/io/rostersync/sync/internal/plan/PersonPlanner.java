package io.rostersync.sync.internal.plan;

import io.rostersync.settings.EntityKind;
import io.rostersync.settings.SyncSettings;
import io.rostersync.sync.internal.correlate.Correlation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Plans one person: create, link, update field by field (never a field an admin owns, nor the
 * contact details of someone who signed in unless the district allows it), restore; and a
 * sync-managed person who left: pending removal through the grace period, then archived, or kept.
 * Pure: the engine feeds it the correlation and the directory's record.
 */
public final class PersonPlanner {

    /** Fields that reach a person: changing them for someone who signs in is the district's call. */
    static final Set<String> CONTACT_FIELDS = Set.of("email", "sms_phone", "home_phone");

    private final SyncSettings settings;

    public PersonPlanner(SyncSettings settings) {
        this.settings = settings;
    }

    /** The changes and skips for a person in the feed. */
    public void plan(DesiredPerson person, Correlation correlation, DirectoryPerson current, List<Change> changes,
            List<Skip> skips) {
        switch (correlation.situation()) {
            case DISPUTED -> skips.add(new Skip(person.kind(), person.sourcedId(), correlation.reason(), null,
                    person.origin()));
            case UNMATCHED -> changes.add(new Change.Create(person.kind(), person.sourcedId(), person.fields(),
                    person.origin()));
            case UNLINKED -> {
                changes.add(new Change.Link(person.kind(), current.id(), person.sourcedId(),
                        correlation.rule().name(), person.origin()));
                update(person, current, changes, skips);
            }
            case LINKED -> update(person, current, changes, skips);
        }
    }

    private void update(DesiredPerson person, DirectoryPerson current, List<Change> changes, List<Skip> skips) {
        if (current.managed() && current.state() != DirectorySchool.State.ACTIVE) {
            changes.add(new Change.Restore(person.kind(), current.id(), person.origin()));
        }
        List<FieldChange> fields = new ArrayList<>();
        for (String field : new TreeSet<>(union(person.fields().keySet(), current.fields().keySet()))) {
            String before = current.fields().get(field);
            String after = person.fields().get(field);
            if (Objects.equals(before, after)) {
                continue;
            }
            String blockedBy = blockedBy(field, before, current);
            if (blockedBy != null) {
                skips.add(new Skip(person.kind(), person.sourcedId(), field + " stays '" + before + "' (the source says '"
                        + after + "')", blockedBy, person.origin()));
            } else {
                fields.add(new FieldChange(field, before, after));
            }
        }
        if (!fields.isEmpty()) {
            changes.add(new Change.Update(person.kind(), current.id(), fields, person.origin()));
        }
    }

    /** The setting that keeps a field as it is, or null when the sync may change it. */
    private String blockedBy(String field, String before, DirectoryPerson current) {
        boolean handOwned = current.editedFields().contains(field) || !current.managed() && before != null;
        if (handOwned && !settings.overwriteHandEdits()) {
            return "overwriteHandEdits";
        }
        if (current.signedIn() && CONTACT_FIELDS.contains(field) && !settings.updateSignedInContacts()) {
            return "updateSignedInContacts";
        }
        return null;
    }

    /** The change for a sync-managed person absent from a bulk feed (or tobedeleted in a delta one). */
    public void planMissing(EntityKind kind, DirectoryPerson current, Instant now, List<Change> changes,
            List<Skip> skips) {
        if (!current.managed() || current.state() == DirectorySchool.State.ARCHIVED) {
            return;
        }
        if (settings.leavers() == SyncSettings.Leavers.KEEP) {
            skips.add(new Skip(kind, null, "left the feed; kept", "leavers", null));
            return;
        }
        if (settings.gracePeriod().isZero()) {
            changes.add(new Change.Archive(kind, current.id(), "left the feed"));
        } else if (current.state() == DirectorySchool.State.ACTIVE) {
            changes.add(new Change.MarkPendingRemoval(kind, current.id(), now.plus(settings.gracePeriod())));
        } else if (current.removalDueAt() != null && !now.isBefore(current.removalDueAt())) {
            changes.add(new Change.Archive(kind, current.id(), "left the feed; grace period over"));
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
