package io.rostersync.cleanup;

import io.rostersync.directory.PeopleReads;
import java.util.List;

/**
 * Two students that may be one child, with the confidence and the evidence; {@code a} has the lower
 * id. The sync's record is the one to keep by default.
 */
public record DuplicatePair(PeopleReads.Row a, PeopleReads.Row b, double confidence, List<Evidence> evidence) {

    public DuplicatePair {
        evidence = List.copyOf(evidence);
    }

    /** Both records are the sync's: they are not merged here, the SIS must fix them. */
    public boolean bothSynced() {
        return a.managed() && b.managed();
    }

    /** The record kept by default: the sync's, else the older one. */
    public PeopleReads.Row survivor() {
        return b.managed() && !a.managed() ? b : a;
    }

    public PeopleReads.Row other() {
        return survivor() == a ? b : a;
    }

    /** High, medium: how an admin should read the confidence. */
    public String strength() {
        return confidence >= 0.85 ? "high" : "medium";
    }
}
