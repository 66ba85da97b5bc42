/**
 * A district's sync settings: what syncs, how records are matched, and what happens to records
 * that leave the feed, with the deletion thresholds that hold a dangerous run. Plain values; the
 * settings are stored per district.
 */
@org.springframework.modulith.ApplicationModule(displayName = "District sync settings")
package io.rostersync.settings;
