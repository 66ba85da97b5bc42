package io.rostersync.cleanup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rostersync.demo.DemoDistrict;
import io.rostersync.demo.DemoRecords;
import io.rostersync.demo.DemoSetup;
import io.rostersync.demo.Twin;
import io.rostersync.directory.District;
import io.rostersync.directory.Districts;
import io.rostersync.directory.EntityKind;
import io.rostersync.directory.PeopleReads;
import io.rostersync.directory.StudentArchive;
import io.rostersync.directory.StudentMerges;
import io.rostersync.generator.RosterGenerator;
import io.rostersync.storage.Database;
import io.rostersync.storage.TestDatabases;
import io.rostersync.sync.RunReport;
import io.rostersync.sync.RunStatus;
import io.rostersync.sync.Syncs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Cleanup on the demo district after its first sync, as its admin would do it: find the 40 twins
 * (the hand-made record beside the synced one), merge each into the synced record with everything
 * linked to it, undo the merges exactly, and archive the students the sync does not manage, by
 * school or district-wide. Each test has its own copy of the demo district.
 */
@Tag("database")
class CleanupDemoTest {

    private static final DemoRecords RECORDS = DemoDistrict.records();

    @TempDir
    static Path temp;
    private static Database db;
    private static JdbcClient jdbc;
    private static Path zip;
    private static Syncs syncs;

    @BeforeAll
    static void database() throws Exception {
        db = TestDatabases.fresh("cleanup_demo");
        jdbc = JdbcClient.create(db.dataSource());
        syncs = new Syncs(db.dataSource(), io.rostersync.TestSecrets.BOX);
        zip = RosterGenerator.generate(DemoDistrict.rosterOptions(0), temp.resolve("demo.zip")).output();
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    /** A copy of the demo district, its schools matched by School ID, after its first sync. */
    private static District demoAfterFirstSync(String slug) throws Exception {
        District d = new Districts(db.dataSource()).findOrCreate(slug);
        assertThat(DemoDistrict.seed(db.dataSource(), d.id(), io.rostersync.TestSecrets.BOX.birthDateKey(d.id()))).isPresent();
        DemoSetup.matchSchoolsByTheirSchoolIds(db.dataSource(), d.id());
        RunReport first = syncs.sync(Syncs.Request.of(slug, zip));
        assertThat(first.status()).isIn(RunStatus.APPLIED, RunStatus.APPLIED_WITH_WARNINGS);
        return d;
    }

    /** Each twin as (hand-made id, synced id). */
    private static Map<Twin, long[]> twins(District d) {
        Map<Twin, long[]> ids = new HashMap<>();
        for (Twin twin : RECORDS.twins()) {
            long handMade = jdbc.sql("SELECT id FROM person WHERE district_id = ? AND username = ? AND created_run IS NULL")
                    .params(d.id(), twin.handMadeUsername()).query(Long.class).single();
            long synced = jdbc.sql("SELECT local_id FROM source_link WHERE district_id = ? AND kind = 'person'"
                    + " AND sourced_id = ?").params(d.id(), twin.rosterSourcedId()).query(Long.class).single();
            ids.put(twin, new long[] {handMade, synced});
        }
        return ids;
    }

    @Test
    void findsEveryTwinAndFewOthers() throws Exception {
        District d = demoAfterFirstSync("cleanup-find");
        Duplicates duplicates = new Duplicates(db.dataSource());
        Duplicates.Scan scan = duplicates.refresh(d.id());
        List<DuplicatePair> found = duplicates.candidates(d.id(), 0, 1000);
        assertThat(scan.pairs()).isEqualTo(found.size());
        Set<String> truth = new HashSet<>();
        twins(d).values().forEach(p -> truth.add(Math.min(p[0], p[1]) + "-" + Math.max(p[0], p[1])));
        Set<String> pairs = new HashSet<>();
        found.forEach(p -> pairs.add(p.a().id() + "-" + p.b().id()));
        Set<String> missed = new HashSet<>(truth);
        missed.removeAll(pairs);
        assertThat(missed).as("twins not found").isEmpty();
        Set<String> wrong = new HashSet<>(pairs);
        wrong.removeAll(truth);
        assertThat(truth.size() / (double) pairs.size()).as("precision; wrong pairs: " + wrong).isGreaterThanOrEqualTo(0.9);
        for (DuplicatePair pair : found) {
            if (truth.contains(pair.a().id() + "-" + pair.b().id())) {
                assertThat(pair.survivor().managed()).as("the synced record is kept by default").isTrue();
                assertThat(pair.other().managed()).isFalse();
                assertThat(pair.evidence()).as("a twin was typed in with its child's birth date, which the"
                        + " roster's demographics.csv sends too").contains(Evidence.SAME_BIRTH_DATE);
            } else {
                assertThat(pair.evidence()).doesNotContain(Evidence.SAME_BIRTH_DATE);
            }
        }

        // "not a duplicate" is remembered when candidates are found again, until taken back
        DuplicatePair first = found.get(0);
        duplicates.dismiss(d.id(), first.b().id(), first.a().id(), "admin@demo");
        assertThat(duplicates.pair(d.id(), first.a().id(), first.b().id())).isEmpty();
        duplicates.refresh(d.id());
        assertThat(duplicates.pair(d.id(), first.a().id(), first.b().id())).isEmpty();
        assertThat(duplicates.count(d.id())).isEqualTo(found.size() - 1);
        assertThat(duplicates.dismissals(d.id(), 10)).hasSize(1);
        duplicates.undismiss(d.id(), first.a().id(), first.b().id());
        assertThat(duplicates.pair(d.id(), first.a().id(), first.b().id())).isPresent();
    }

    @Test
    void mergingEveryTwinMovesEverythingLinkedAndUndoingPutsItAllBack() throws Exception {
        District d = demoAfterFirstSync("cleanup-merge");
        Map<Twin, long[]> twins = twins(d);
        String before = DistrictRows.of(db.dataSource(), d.id());
        Map<String, Long> totals = new HashMap<>();
        for (String table : StudentMerges.KINDS.keySet()) {
            totals.put(table, DistrictRows.count(db.dataSource(), d.id(), table));
        }
        StudentMerges merges = new StudentMerges(db.dataSource());
        Merging merging = new Merging(db.dataSource());
        Map<String, Integer> previewed = new HashMap<>();
        Map<String, Integer> moved = new HashMap<>();
        Map<String, Integer> notDoubled = new HashMap<>();
        List<Long> done = new ArrayList<>();
        for (long[] pair : twins.values()) {
            StudentMerges.Plan plan = merges.preview(d.id(), pair[1], pair[0]);
            assertThat(plan.allowed()).isTrue();
            plan.moving().forEach((k, v) -> previewed.merge(k, v, Integer::sum));
            plan.alreadyThere().forEach((k, v) -> notDoubled.merge(k, v, Integer::sum));
            long merge = merging.merge(d.id(), pair[1], pair[0], "admin@demo");
            done.add(merge);
            merges.merge(d.id(), merge).orElseThrow().moved().forEach((k, v) -> moved.merge(k, v, Integer::sum));
        }
        for (String kind : List.of("announcement", "backpack_item", "interaction_log", "student_attribute",
                "guardian_link", "classroom_member")) {
            assertThat(moved.get(kind)).as(kind + " moved").isPositive().isEqualTo(previewed.get(kind));
        }
        // nothing lost: the rows are all still there (a link the survivor had already is not doubled)
        for (String table : StudentMerges.KINDS.keySet()) {
            long after = DistrictRows.count(db.dataSource(), d.id(), table);
            assertThat(after).as(table).isEqualTo(totals.get(table) - notDoubled.getOrDefault(table, 0));
        }
        for (long[] pair : twins.values()) {
            long synced = pair[1];
            long handMade = pair[0];
            for (String table : List.of("announcement", "backpack_item", "interaction_log", "student_attribute")) {
                assertThat(jdbc.sql("SELECT count(*) FROM " + table + " WHERE district_id = ? AND student_id = ?")
                        .params(d.id(), handMade).query(Long.class).single()).as(table + " left behind").isZero();
            }
            assertThat(jdbc.sql("SELECT state || ' ' || merged_into FROM person WHERE district_id = ? AND id = ?")
                    .params(d.id(), handMade).query(String.class).single()).isEqualTo("archived " + synced);
        }
        // the hand-made record's username still signs in, as the record it was merged into
        Twin someTwin = RECORDS.twins().get(0);
        PeopleReads people = new PeopleReads(db.dataSource());
        assertThat(people.whoSignsInAs(d.id(), someTwin.handMadeUsername().toUpperCase()))
                .containsExactly(twins.get(someTwin)[1]);
        // tombstones are out of the default listing
        assertThat(people.page(d.id(), new PeopleReads.Filter(null, "student", null, null, null, false, null), null,
                1000).rows()).extracting(PeopleReads.Row::id).doesNotContain(twins.get(someTwin)[0]);
        // the first sync cannot be undone from under the merges
        long firstRun = syncs.runs(d.slug(), 1).get(0).run();
        assertThatThrownBy(() -> syncs.undo(d.slug(), firstRun)).hasMessageContaining("merged");

        // undone newest first, every row is as it was
        for (int i = done.size() - 1; i >= 0; i--) {
            StudentMerges.Merge undone = merging.unmerge(d.id(), done.get(i), "admin@demo");
            assertThat(undone.undone()).isTrue();
        }
        assertThat(DistrictRows.of(db.dataSource(), d.id())).isEqualTo(before);
        assertThat(people.whoSignsInAs(d.id(), someTwin.handMadeUsername())).containsExactly(twins.get(someTwin)[0]);
        assertThatThrownBy(() -> merging.unmerge(d.id(), done.get(0), "admin@demo"))
                .isInstanceOf(StudentMerges.Refused.class).hasMessageContaining("undone already");
    }

    @Test
    void aLaterSyncNeverRecreatesAMergedRecordAndTheSyncsOwnTwoAreNotMerged() throws Exception {
        District d = demoAfterFirstSync("cleanup-later");
        Map<Twin, long[]> twins = twins(d);
        Merging merging = new Merging(db.dataSource());
        Twin kept = RECORDS.twins().get(0);
        Twin intoHandMade = RECORDS.twins().get(1);
        merging.merge(d.id(), twins.get(kept)[1], twins.get(kept)[0], "admin@demo");
        // the admin keeps the hand-made record: it takes over the sync's link and is the sync's from now on
        long merge = merging.merge(d.id(), twins.get(intoHandMade)[0], twins.get(intoHandMade)[1], "admin@demo");
        assertThat(jdbc.sql("SELECT managed_by FROM person WHERE district_id = ? AND id = ?")
                .params(d.id(), twins.get(intoHandMade)[0]).query(String.class).single()).isEqualTo("oneroster");
        long persons = DistrictRows.count(db.dataSource(), d.id(), "person");

        RunReport again = syncs.sync(Syncs.Request.of(d.slug(), zip));
        assertThat(again.status()).isIn(RunStatus.APPLIED, RunStatus.APPLIED_WITH_WARNINGS);
        assertThat(again.counts(EntityKind.STUDENTS).created()).as("no merged record made again").isZero();
        assertThat(again.counts(EntityKind.STUDENTS).archived()).isZero();
        assertThat(DistrictRows.count(db.dataSource(), d.id(), "person")).isEqualTo(persons);
        assertThat(jdbc.sql("SELECT local_id FROM source_link WHERE district_id = ? AND kind = 'person'"
                + " AND sourced_id = ?").params(d.id(), intoHandMade.rosterSourcedId()).query(Long.class).single())
                .isEqualTo(twins.get(intoHandMade)[0]);
        // the sync made the kept record say what the SIS says; its own old username still signs in
        assertThat(jdbc.sql("SELECT given_name FROM person WHERE district_id = ? AND id = ?")
                .params(d.id(), twins.get(intoHandMade)[0]).query(String.class).single())
                .isEqualTo(intoHandMade.rosterGivenName());
        PeopleReads people = new PeopleReads(db.dataSource());
        assertThat(people.whoSignsInAs(d.id(), intoHandMade.handMadeUsername()))
                .containsExactly(twins.get(intoHandMade)[0]);
        // and the sync is at rest with it: its role is the sync's now, nothing to change the run after
        RunReport third = syncs.sync(Syncs.Request.of(d.slug(), zip));
        assertThat(third.counts(EntityKind.STUDENTS).updated()).isZero();

        long syncedA = twins.get(RECORDS.twins().get(2))[1];
        long syncedB = twins.get(RECORDS.twins().get(3))[1];
        StudentMerges.Plan plan = new StudentMerges(db.dataSource()).preview(d.id(), syncedA, syncedB);
        assertThat(plan.refusal()).isEqualTo(StudentMerges.Refusal.BOTH_SYNCED);
        assertThat(plan.refusal().why()).contains("Fix it in the SIS");
        assertThatThrownBy(() -> merging.merge(d.id(), syncedA, syncedB, "admin@demo"))
                .isInstanceOf(StudentMerges.Refused.class);
        assertThatThrownBy(() -> merging.merge(d.id(), twins.get(kept)[0], syncedA, "admin@demo"))
                .as("a tombstone is merged no more").isInstanceOf(StudentMerges.Refused.class)
                .hasMessageContaining("merged into another already");
        // a merge is undone newest first; undone, the kept hand-made record is as it was before the merge
        long another = merging.merge(d.id(), twins.get(intoHandMade)[0], twins.get(RECORDS.twins().get(4))[0],
                "admin@demo");
        assertThatThrownBy(() -> merging.unmerge(d.id(), merge, "admin@demo"))
                .isInstanceOf(StudentMerges.Refused.class).hasMessageContaining("merge " + another);
        merging.unmerge(d.id(), another, "admin@demo");
        assertThatThrownBy(() -> syncs.undo(d.slug(), again.run())).hasMessageContaining("merged");
        assertThat(merging.unmerge(d.id(), merge, "admin@demo").undone()).isTrue();
        assertThat(jdbc.sql("SELECT given_name || ' ' || coalesce(managed_by, 'by hand') FROM person"
                + " WHERE district_id = ? AND id = ?").params(d.id(), twins.get(intoHandMade)[0]).query(String.class)
                .single()).isEqualTo(intoHandMade.handMadeGivenName() + " by hand");
        assertThat(people.whoSignsInAs(d.id(), intoHandMade.handMadeUsername()))
                .containsExactly(twins.get(intoHandMade)[0]);
    }

    @Test
    void archivesTheStudentsTheSyncDoesNotManageBySchoolThenDistrictWideAndUndoes() throws Exception {
        District d = demoAfterFirstSync("cleanup-archive");
        Archiving archiving = new Archiving(db.dataSource());
        PeopleReads people = new PeopleReads(db.dataSource());
        long school = jdbc.sql("SELECT id FROM school WHERE district_id = ? AND name = 'Eastlake Elem.'")
                .param(d.id()).query(Long.class).single();
        PeopleReads.Filter atSchool = new PeopleReads.Filter(null, "student", school, null, null, false, null);
        long handMadeThere = jdbc.sql("""
                SELECT count(DISTINCT p.id) FROM person p JOIN person_role r ON r.district_id = p.district_id
                  AND r.person_id = p.id AND r.school_id = ? AND r.role = 'student'
                WHERE p.district_id = ? AND p.managed_by IS NULL""").params(school, d.id()).query(Long.class).single();
        long syncedThere = jdbc.sql("""
                SELECT count(DISTINCT p.id) FROM person p JOIN person_role r ON r.district_id = p.district_id
                  AND r.person_id = p.id AND r.school_id = ? AND r.role = 'student'
                WHERE p.district_id = ? AND p.managed_by IS NOT NULL""").params(school, d.id()).query(Long.class).single();
        assertThat(handMadeThere).isPositive();

        StudentArchive.Outcome preview = archiving.preview(d.id(), StudentArchive.Selection.everyMatching(atSchool));
        assertThat(preview.archived()).isEqualTo(handMadeThere);
        assertThat(preview.skippedSynced()).as("the sync's students are never archived by hand").isEqualTo(syncedThere);
        StudentArchive.Outcome bySchool = archiving.archive(d.id(), StudentArchive.Selection.everyMatching(atSchool),
                "Eastlake Elem.: students", "admin@demo");
        assertThat(bySchool).isEqualTo(new StudentArchive.Outcome(bySchool.actionId(), (int) handMadeThere,
                (int) syncedThere, 0));
        assertThat(archivedHandMade(d)).isEqualTo(handMadeThere);
        assertThat(jdbc.sql("SELECT count(*) FROM person WHERE district_id = ? AND managed_by IS NOT NULL"
                + " AND state = 'archived'").param(d.id()).query(Long.class).single()).isZero();
        // archived students are out of the school's default listing, and in it when archived ones are asked for
        assertThat(people.page(d.id(), atSchool, null, 1000).rows()).allMatch(PeopleReads.Row::managed);

        // district-wide, the students not in the sync: the children who left the district among them
        PeopleReads.Filter notSynced = new PeopleReads.Filter(null, null, null, null, null, false, null).synced(false);
        long leaverGuardian = guardianOfOnlyLeavers(d, school);
        assertThat(people.receivesAnnouncements(d.id(), leaverGuardian)).isTrue();
        StudentArchive.Outcome district = archiving.archive(d.id(),
                StudentArchive.Selection.everyMatching(notSynced), "District: students not in the sync", "admin@demo");
        long allHandMade = jdbc.sql("SELECT count(*) FROM person WHERE district_id = ? AND kind = 'students'"
                + " AND managed_by IS NULL").param(d.id()).query(Long.class).single();
        assertThat(district.archived()).isEqualTo(allHandMade - handMadeThere);
        assertThat(district.skippedSynced()).isZero();
        for (String leaver : RECORDS.leftTheDistrict()) {
            assertThat(jdbc.sql("SELECT state FROM person WHERE district_id = ? AND username = ?")
                    .params(d.id(), leaver).query(String.class).single()).isEqualTo("archived");
        }
        assertThat(people.receivesAnnouncements(d.id(), leaverGuardian)).as("all their students archived").isFalse();

        // the school's action is not an admin of another school's to undo
        long lincoln = jdbc.sql("SELECT id FROM school WHERE district_id = ? AND name = 'Lincoln Middle'")
                .param(d.id()).query(Long.class).single();
        assertThat(archiving.outsideReach(d.id(), bySchool.actionId(), Set.of(lincoln))).isEqualTo(handMadeThere);
        assertThat(archiving.outsideReach(d.id(), bySchool.actionId(), Set.of(school))).isZero();
        // undone: the district-wide action's students come back, the school's stay archived
        assertThat(archiving.restore(d.id(), district.actionId(), "admin@demo")).contains(district.archived());
        assertThat(archiving.restore(d.id(), district.actionId(), "admin@demo")).isEmpty();
        assertThat(people.receivesAnnouncements(d.id(), leaverGuardian)).isTrue();
        assertThat(archivedHandMade(d)).isEqualTo(handMadeThere);
        assertThat(archiving.actions(d.id(), 10)).extracting(StudentArchive.Action::restored)
                .containsExactly(true, false);

        // the rows an admin ticked: only those, and only their own students
        List<Long> some = jdbc.sql("SELECT id FROM person WHERE district_id = ? AND kind = 'students'"
                + " AND managed_by IS NULL AND state = 'archived' ORDER BY id LIMIT 2").param(d.id())
                .query(Long.class).list();
        assertThat(archiving.unarchive(d.id(), atSchool, some)).isEqualTo(2);
        assertThat(archivedHandMade(d)).isEqualTo(handMadeThere - 2);
        List<Long> ticked = new ArrayList<>(some);
        long syncedStudent = jdbc.sql("SELECT id FROM person WHERE district_id = ? AND kind = 'students'"
                + " AND managed_by IS NOT NULL LIMIT 1").param(d.id()).query(Long.class).single();
        ticked.add(syncedStudent);
        StudentArchive.Outcome tickedOutcome = archiving.archive(d.id(), new StudentArchive.Selection(
                new PeopleReads.Filter(null, null, null, null, null, false, null), ticked), "2 ticked", "admin@demo");
        assertThat(tickedOutcome.archived()).isEqualTo(2);
        assertThat(tickedOutcome.skippedSynced()).isEqualTo(1);
        // nothing ticked is nothing, never every student
        assertThat(archiving.preview(d.id(), new StudentArchive.Selection(atSchool, List.of())).selected()).isZero();
        // a school admin's scope: another school's students are not theirs to archive
        long otherSchool = jdbc.sql("SELECT id FROM school WHERE district_id = ? AND name = 'Lincoln Middle'")
                .param(d.id()).query(Long.class).single();
        StudentArchive.Outcome outOfReach = archiving.preview(d.id(), new StudentArchive.Selection(
                new PeopleReads.Filter(null, null, null, null, null, false, Set.of(otherSchool)), some));
        assertThat(outOfReach.selected()).isZero();
    }

    private static long archivedHandMade(District d) {
        return jdbc.sql("SELECT count(*) FROM person WHERE district_id = ? AND kind = 'students' AND managed_by IS NULL"
                + " AND state = 'archived'").param(d.id()).query(Long.class).single();
    }

    /** A hand-made guardian all of whose students left the district, from schools other than this one. */
    private static long guardianOfOnlyLeavers(District d, long notAt) {
        return jdbc.sql("""
                SELECT g.guardian_id FROM guardian_link g JOIN person s ON s.district_id = g.district_id
                  AND s.id = g.student_id
                WHERE g.district_id = ? GROUP BY g.guardian_id
                HAVING bool_and(s.username = ANY (?) AND NOT EXISTS (SELECT 1 FROM person_role r
                                WHERE r.district_id = s.district_id AND r.person_id = s.id AND r.school_id = ?))
                ORDER BY g.guardian_id LIMIT 1""")
                .params(d.id(), RECORDS.leftTheDistrict().toArray(String[]::new), notAt).query(Long.class).single();
    }
}
