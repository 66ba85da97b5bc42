package io.rostersync.sync.internal.plan;

import io.rostersync.directory.DirectoryChange;
import io.rostersync.directory.FieldChange;
import io.rostersync.oneroster.RecordOrigin;
import io.rostersync.directory.EntityKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares what the source wants with what the directory has, field by field, leaving alone the
 * fields a rule protects (hand edits, a signed-in person's contacts): shared by every planner.
 */
final class FieldDiff {

    /** Why a field may not change, or null when it may. */
    @FunctionalInterface
    interface Protection {
        String settingThatKeeps(String field, String before);
    }

    private FieldDiff() {
    }

    /** Adds an Update for the fields that may change, and a Skip for each that may not. */
    static void diff(EntityKind kind, long localId, String sourcedId, Map<String, String> wanted,
            Map<String, String> current, Protection protection, RecordOrigin origin, List<DirectoryChange> changes,
            List<Skip> skips) {
        Set<String> all = new HashSet<>(wanted.keySet());
        all.addAll(current.keySet());
        List<FieldChange> fields = new ArrayList<>();
        for (String field : new TreeSet<>(all)) {
            String before = current.get(field);
            String after = wanted.get(field);
            if (Objects.equals(before, after)) {
                continue;
            }
            String keptBy = protection.settingThatKeeps(field, before);
            if (keptBy != null) {
                skips.add(new Skip(kind, sourcedId, field.equals(PersonPlanner.BIRTH_KEY)
                        ? "the birth date stays as it was entered here (the source's differs)"
                        : field + " stays '" + before + "' (the source says '" + after + "')", keptBy, origin));
            } else {
                fields.add(new FieldChange(field, before, after));
            }
        }
        if (!fields.isEmpty()) {
            changes.add(new DirectoryChange.Update(kind, localId, sourcedId, fields, origin));
        }
    }

    /** Hand edits: a field an admin changed, or any filled field of a record made by hand, is theirs. */
    static String handEdits(String field, String before, Set<String> editedFields, boolean managed,
            boolean overwriteHandEdits) {
        boolean handOwned = editedFields.contains(field) || !managed && before != null;
        return handOwned && !overwriteHandEdits ? "overwriteHandEdits" : null;
    }
}
