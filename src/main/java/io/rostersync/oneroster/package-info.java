/**
 * OneRoster CSV 1.0/1.1/1.2: reads a folder or a ZIP, validates it, and yields a
 * {@link io.rostersync.oneroster.RosterSnapshot} plus an ordered list of
 * {@link io.rostersync.oneroster.Problem}s. Plain Java: no Spring, no database.
 */
@org.springframework.modulith.ApplicationModule(displayName = "OneRoster reader")
package io.rostersync.oneroster;
