/**
 * Cleanup after the first sync (setup step 9): archive the students the sync does not manage, find
 * the students the directory holds twice, merge them without losing what is linked to either, and
 * undo a merge. The finding is plain Java (blocking keys, then a score with its evidence, tested
 * from tables); the archiving and merging are the directory's writes.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Cleanup")
package io.rostersync.cleanup;
