/**
 * Deterministic, streaming generator of realistic district rosters in OneRoster CSV, with
 * day-by-day churn and optional injected real-world defects. Plain Java: no Spring.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Roster generator", allowedDependencies = "oneroster")
package io.rostersync.generator;
