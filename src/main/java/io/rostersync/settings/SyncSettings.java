package io.rostersync.settings;

import io.rostersync.directory.EntityKind;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A district's sync settings.
 *
 * @param schoolsThatSync        the directory schools that sync; empty means every school in the feed
 * @param rolesThatSync          staff, students, guardians
 * @param guardiansWithoutContact what to do with a guardian who has neither an email nor an SMS-capable phone
 * @param restoreClassrooms      archived classrooms that reappear in the feed are restored
 * @param updateSignedInContacts contact details of people who have signed in are updated too
 * @param studentNumber          which OneRoster id is the student number
 * @param personMatchRules       how unlinked people are matched, strongest first
 * @param leavers                what happens to records that leave the feed
 * @param gracePeriod            how long a record stays pending removal before it is archived (zero: at once)
 * @param thresholds             per kind, how much archiving holds a run
 * @param applyWhenHeld          a held run still applies its creates and updates; only its archives wait
 * @param overwriteHandEdits     the sync may overwrite fields an admin edited by hand
 */
public record SyncSettings(Set<Long> schoolsThatSync, Set<SyncedRole> rolesThatSync,
        GuardianWithoutContact guardiansWithoutContact, boolean restoreClassrooms, boolean updateSignedInContacts,
        StudentNumber studentNumber, List<PersonMatchRule> personMatchRules, Leavers leavers, Duration gracePeriod,
        Map<EntityKind, Threshold> thresholds, boolean applyWhenHeld, boolean overwriteHandEdits) {

    public enum SyncedRole { STAFF, STUDENTS, GUARDIANS }

    public enum GuardianWithoutContact { SKIP, CREATE }

    public enum StudentNumber { SOURCED_ID, IDENTIFIER }

    public enum PersonMatchRule { SOURCED_ID, STUDENT_NUMBER, EMAIL }

    public enum Leavers { ARCHIVE, KEEP }

    public SyncSettings {
        schoolsThatSync = Set.copyOf(schoolsThatSync);
        rolesThatSync = rolesThatSync.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(rolesThatSync));
        personMatchRules = List.copyOf(personMatchRules);
        if (gracePeriod.isNegative()) {
            throw new IllegalArgumentException("the grace period must not be negative");
        }
        Map<EntityKind, Threshold> all = new EnumMap<>(EntityKind.class);
        for (EntityKind kind : EntityKind.values()) {
            all.put(kind, thresholds.getOrDefault(kind, Threshold.DEFAULT));
        }
        thresholds = Map.copyOf(all);
    }

    /** A new district's settings: everything syncs, leavers are archived at once, 10 % and 5 hold a run. */
    public static SyncSettings defaults() {
        return new SyncSettings(Set.of(), EnumSet.allOf(SyncedRole.class), GuardianWithoutContact.SKIP, true, false,
                StudentNumber.IDENTIFIER,
                List.of(PersonMatchRule.SOURCED_ID, PersonMatchRule.STUDENT_NUMBER, PersonMatchRule.EMAIL),
                Leavers.ARCHIVE, Duration.ZERO, Map.of(), true, false);
    }

    public boolean syncsAllSchools() {
        return schoolsThatSync.isEmpty();
    }

    public boolean syncs(SyncedRole role) {
        return rolesThatSync.contains(role);
    }

    public Threshold threshold(EntityKind kind) {
        return thresholds.get(kind);
    }

    public SyncSettings withThreshold(EntityKind kind, Threshold threshold) {
        Map<EntityKind, Threshold> changed = new EnumMap<>(thresholds);
        changed.put(kind, threshold);
        return new SyncSettings(schoolsThatSync, rolesThatSync, guardiansWithoutContact, restoreClassrooms,
                updateSignedInContacts, studentNumber, personMatchRules, leavers, gracePeriod, changed, applyWhenHeld,
                overwriteHandEdits);
    }

    public SyncSettings withSchoolsThatSync(Set<Long> schools) {
        return new SyncSettings(schools, rolesThatSync, guardiansWithoutContact, restoreClassrooms,
                updateSignedInContacts, studentNumber, personMatchRules, leavers, gracePeriod, thresholds,
                applyWhenHeld, overwriteHandEdits);
    }

    public SyncSettings withOverwriteHandEdits(boolean value) {
        return new SyncSettings(schoolsThatSync, rolesThatSync, guardiansWithoutContact, restoreClassrooms,
                updateSignedInContacts, studentNumber, personMatchRules, leavers, gracePeriod, thresholds,
                applyWhenHeld, value);
    }

    public SyncSettings withUpdateSignedInContacts(boolean value) {
        return new SyncSettings(schoolsThatSync, rolesThatSync, guardiansWithoutContact, restoreClassrooms, value,
                studentNumber, personMatchRules, leavers, gracePeriod, thresholds, applyWhenHeld, overwriteHandEdits);
    }

    public SyncSettings withLeavers(Leavers value) {
        return new SyncSettings(schoolsThatSync, rolesThatSync, guardiansWithoutContact, restoreClassrooms,
                updateSignedInContacts, studentNumber, personMatchRules, value, gracePeriod, thresholds,
                applyWhenHeld, overwriteHandEdits);
    }

    public SyncSettings withGracePeriod(Duration period) {
        return new SyncSettings(schoolsThatSync, rolesThatSync, guardiansWithoutContact, restoreClassrooms,
                updateSignedInContacts, studentNumber, personMatchRules, leavers, period, thresholds, applyWhenHeld,
                overwriteHandEdits);
    }
}
