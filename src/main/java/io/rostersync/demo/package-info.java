/**
 * The demo district a fresh installation starts with: a small generated roster (the OneRoster ZIP
 * that {@code generate --demo} writes) and the records its district made by hand before any sync,
 * derived from that roster so that they match it: schools without School IDs, classrooms, teachers,
 * students (some the same children as the roster's, under slightly different names), guardians, and
 * what the product attached to the students.
 *
 * <p>API: {@link io.rostersync.demo.DemoDistrict} (the roster's options, the hand-made records as
 * {@link io.rostersync.demo.DemoRecords}, and the seeding of a new demo district). The records are
 * written through the directory module, the only writer of its tables.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Demo district",
        allowedDependencies = {"directory", "generator", "oneroster"})
package io.rostersync.demo;
