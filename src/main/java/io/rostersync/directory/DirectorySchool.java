package io.rostersync.directory;

import java.util.Set;

/** A school as the directory has it, with its School IDs (the OneRoster org ids matched to it). */
public record DirectorySchool(long id, String name, Set<String> schoolIds, String managedBy, RecordState state,
        Set<String> editedFields) {

    public DirectorySchool {
        schoolIds = Set.copyOf(schoolIds);
        editedFields = Set.copyOf(editedFields);
    }

    public boolean managed() {
        return managedBy != null;
    }
}
