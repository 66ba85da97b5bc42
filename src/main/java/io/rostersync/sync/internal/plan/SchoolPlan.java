package io.rostersync.sync.internal.plan;

import io.rostersync.directory.DirectoryChange;
import java.util.List;

/** The changes and skips for a district's schools, and the disputes an admin must settle. */
public record SchoolPlan(List<DirectoryChange> changes, List<Skip> skips) {

    public SchoolPlan {
        changes = List.copyOf(changes);
        skips = List.copyOf(skips);
    }
}
