/**
 * The sync engine: correlate source records with the directory, plan the changes, guard the
 * dangerous ones, apply them in one transaction, report, and undo. Each stage is its own type,
 * and the deciding stages are plain Java, tested without a database.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Sync engine")
package io.rostersync.sync;
