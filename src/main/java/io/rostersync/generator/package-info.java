/**
 * Deterministic, streaming generator of realistic district rosters in OneRoster CSV, with
 * day-by-day churn and optional injected real-world defects. Plain Java: no Spring.
 *
 * <p>API: {@link io.rostersync.generator.RosterGenerator#generate} writes a folder or a ZIP for a
 * {@link io.rostersync.generator.GeneratorOptions} and returns a
 * {@link io.rostersync.generator.GenerationResult} (row counts, sizes, time, and the
 * {@link io.rostersync.generator.ExpectedProblem}s injected by --messy, also written as
 * {@code <out>.expected-problems.json}).
 *
 * <p>How it works: every record is a pure function of the seed and a structured key (school,
 * household, kid, slot, day), so each file is regenerated on its own, in a fixed order, without
 * holding students in memory. Households live in attendance zones (one per elementary school; middle
 * and high schools serve blocks of zones), so siblings share guardians. Day K replays each household's
 * own event streams (leaving, moving, new siblings and guardians, schedule changes, name corrections)
 * up to day K; a record that no event touched keeps its id and its exact row.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Roster generator", allowedDependencies = "oneroster")
package io.rostersync.generator;
