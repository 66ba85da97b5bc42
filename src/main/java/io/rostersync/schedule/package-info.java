/**
 * When a district's drops become syncs: each complete drop is synced as it arrives (a preview
 * while the district's sync is disabled), one at a time per district, by whichever application
 * node claims it first.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Schedule")
package io.rostersync.schedule;
