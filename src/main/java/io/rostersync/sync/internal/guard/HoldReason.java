package io.rostersync.sync.internal.guard;

import io.rostersync.directory.EntityKind;

/** Why a run's archives wait for an admin, in words for the report. */
public sealed interface HoldReason {

    String describe();

    /** The package had errors: rows were refused, so absence in it proves nothing. */
    record ReaderErrors(int errors) implements HoldReason {
        @Override
        public String describe() {
            return "the files had " + errors + " error" + (errors == 1 ? "" : "s")
                    + "; nothing is archived on the strength of a file with errors";
        }
    }

    /** A file stopped before its end (truncated, unreadable, over a limit). */
    record IncompleteFile(String file) implements HoldReason {
        @Override
        public String describe() {
            return file + " was not read to its end";
        }
    }

    /** Archiving more of one kind than the district allows without an admin. */
    record ThresholdCrossed(EntityKind kind, long archiving, long managed, double percent, int absolute)
            implements HoldReason {
        @Override
        public String describe() {
            return String.format("it would archive %,d of %,d sync-managed %s (more than %s%% and more than %,d)",
                    archiving, managed, kind.label(), percent % 1 == 0 ? String.valueOf((long) percent)
                            : String.valueOf(percent), absolute);
        }
    }

    /** Schools would be archived, and with them everyone at them. */
    record SchoolsLeaving(long schools) implements HoldReason {
        @Override
        public String describe() {
            return schools + (schools == 1 ? " school is" : " schools are")
                    + " no longer in orgs.csv; archiving a school archives everyone at it, so an admin confirms it";
        }
    }

    /** A file has far fewer rows than the last applied run's: a partial export proves nothing about absence. */
    record FileShrank(String file, long before, long now) implements HoldReason {
        @Override
        public String describe() {
            return String.format("%s has %,d rows, down from %,d in the last applied run", file, now, before);
        }
    }
}
