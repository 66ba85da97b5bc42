package io.rostersync.sync.internal.plan;

import io.rostersync.directory.DirectoryChange;
import io.rostersync.directory.EntityKind;
import io.rostersync.settings.SyncSettings;
import io.rostersync.sync.internal.correlate.Correlation;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import io.rostersync.directory.DirectoryPerson;
import io.rostersync.directory.RecordState;

/**
 * Plans one person: create, link, update field by field (never a field an admin owns, nor the
 * contact details of someone who signed in unless the district allows it), restore; and a
 * sync-managed person who left: pending removal through the grace period, then archived, or kept.
 * Pure: the engine feeds it the correlation and the directory's record.
 */
public final class PersonPlanner {

    /** Fields that reach a person: changing them for someone who signs in is the district's call. */
    static final Set<String> CONTACT_FIELDS = Set.of("email", "sms_phone", "home_phone");

    /** A student's birth date, as its key: the one field demographics.csv, not users.csv, speaks for. */
    public static final String BIRTH_KEY = "birth_key";

    private final SyncSettings settings;
    private final LongSupplier newId;
    private final boolean birthDatesInFull;
    private final java.util.function.Predicate<String> birthDateWithdrawn;

    /** @param newId the id of the next person a run creates */
    public PersonPlanner(SyncSettings settings, LongSupplier newId) {
        this(settings, newId, true, id -> false);
    }

    /**
     * @param birthDatesInFull   whether the run has every student's birth date (a bulk demographics.csv
     *                           read whole); when not, a student the run has none for keeps the one they have
     * @param birthDateWithdrawn whether the run withdraws a student's birth date (a delta row tobedeleted)
     */
    public PersonPlanner(SyncSettings settings, LongSupplier newId, boolean birthDatesInFull,
            java.util.function.Predicate<String> birthDateWithdrawn) {
        this.settings = settings;
        this.newId = newId;
        this.birthDatesInFull = birthDatesInFull;
        this.birthDateWithdrawn = birthDateWithdrawn;
    }

    /** The changes and skips for a person in the feed. */
    public void plan(DesiredPerson person, Correlation correlation, DirectoryPerson current, List<DirectoryChange> changes,
            List<Skip> skips) {
        switch (correlation.situation()) {
            case DISPUTED -> skips.add(Skip.disputed(person.kind(), person.sourcedId(), correlation.reason(),
                    person.origin(), correlation.candidates()));
            case UNMATCHED -> changes.add(new DirectoryChange.Create(person.kind(), newId.getAsLong(), person.sourcedId(),
                    person.alsoSourcedIds(), person.fields(), person.origin()));
            case UNLINKED -> {
                changes.add(new DirectoryChange.Link(person.kind(), current.id(), person.sourcedId(),
                        correlation.rule().name(), handOwned(person, current), person.origin()));
                update(person, current, changes, skips);
            }
            case LINKED -> update(person, current, changes, skips);
        }
    }

    private void update(DesiredPerson person, DirectoryPerson current, List<DirectoryChange> changes, List<Skip> skips) {
        if (current.managed() && current.state() != RecordState.ACTIVE) {
            changes.add(new DirectoryChange.Restore(person.kind(), current.id(), current.state(), current.removalDueAt(),
                    person.origin()));
        }
        java.util.Map<String, String> have = current.fields();
        if (!birthDatesInFull && !person.fields().containsKey(BIRTH_KEY) && have.containsKey(BIRTH_KEY)
                && !birthDateWithdrawn.test(person.sourcedId())) {
            have = new java.util.HashMap<>(have);
            have.remove(BIRTH_KEY); // not sent this time: not a reason to forget it
        }
        FieldDiff.diff(person.kind(), current.id(), person.sourcedId(), person.fields(), have,
                (field, before) -> blockedBy(field, before, current), person.origin(), changes, skips);
    }

    /** The fields a record made by hand has filled with other values than the source: they stay the admin's. */
    private Set<String> handOwned(DesiredPerson person, DirectoryPerson current) {
        if (current.managed() || settings.overwriteHandEdits()) {
            return Set.of();
        }
        Set<String> owned = new java.util.TreeSet<>();
        current.fields().forEach((field, value) -> {
            if (!field.equals("roles") && !value.equals(person.fields().get(field))) {
                owned.add(field);
            }
        });
        return owned;
    }

    /** The setting that keeps a field as it is, or null when the sync may change it. */
    private String blockedBy(String field, String before, DirectoryPerson current) {
        String hand = FieldDiff.handEdits(field, before, current.editedFields(), current.managed(),
                settings.overwriteHandEdits());
        if (hand != null) {
            return hand;
        }
        if (current.signedIn() && CONTACT_FIELDS.contains(field) && !settings.updateSignedInContacts()) {
            return "updateSignedInContacts";
        }
        return null;
    }

    /** The change for a sync-managed person absent from a bulk feed (or tobedeleted in a delta one). */
    public void planMissing(EntityKind kind, DirectoryPerson current, Instant now, List<DirectoryChange> changes,
            List<Skip> skips) {
        Leaving.plan(kind, current.id(), current.managed(), current.state(), current.removalDueAt(), settings, now,
                changes, skips);
    }
}
