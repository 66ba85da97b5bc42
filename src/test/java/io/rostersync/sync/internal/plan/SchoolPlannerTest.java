package io.rostersync.sync.internal.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.rostersync.directory.DirectoryChange;
import io.rostersync.directory.DirectorySchool;
import io.rostersync.directory.FieldChange;
import io.rostersync.directory.RecordState;
import io.rostersync.oneroster.FileMode;
import io.rostersync.oneroster.RecordOrigin;
import io.rostersync.oneroster.RosterFile;
import io.rostersync.directory.EntityKind;
import io.rostersync.settings.SyncSettings;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SchoolPlannerTest {

    private static final SyncSettings ALL = SyncSettings.defaults();

    /** The ids of the schools a run creates: 101, 102, ... */
    private final AtomicLong ids = new AtomicLong(100);

    private SchoolPlan plan(List<SourceSchool> source, FileMode orgsMode, List<DirectorySchool> directory,
            SyncSettings settings) {
        return SchoolPlanner.plan(source, orgsMode, directory, settings, ids::incrementAndGet);
    }

    private static SourceSchool org(String id, String name, int line) {
        return new SourceSchool(id, name, new RecordOrigin(RosterFile.ORGS, line));
    }

    private static DirectorySchool school(long id, String name, Set<String> schoolIds, boolean managed,
            RecordState state, Set<String> edited) {
        return new DirectorySchool(id, name, schoolIds, managed ? "oneroster" : null, state, edited);
    }

    private static DirectorySchool active(long id, String name, Set<String> schoolIds, boolean managed) {
        return school(id, name, schoolIds, managed, RecordState.ACTIVE, Set.of());
    }

    @Test
    void aFirstSyncCreatesEverySchoolOfTheFeed() {
        SchoolPlan plan = plan(List.of(org("org-1", "Maple Valley Elementary", 3),
                org("org-2", "Maple Valley High", 4)), FileMode.BULK, List.of(), ALL);
        assertThat(plan.changes()).containsExactly(
                new DirectoryChange.Create(EntityKind.SCHOOLS, 101, "org-1", Map.of("name", "Maple Valley Elementary"),
                        new RecordOrigin(RosterFile.ORGS, 3)),
                new DirectoryChange.Create(EntityKind.SCHOOLS, 102, "org-2", Map.of("name", "Maple Valley High"),
                        new RecordOrigin(RosterFile.ORGS, 4)));
        assertThat(plan.skips()).isEmpty();
    }

    @Test
    void withoutOrgsCsvASchoolIsNamedAfterItsSchoolId() {
        SchoolPlan plan = plan(List.of(new SourceSchool("1204", null, null)), FileMode.ABSENT,
                List.of(), ALL);
        assertThat(plan.changes()).containsExactly(
                new DirectoryChange.Create(EntityKind.SCHOOLS, 101, "1204", Map.of("name", "School 1204"), null));
    }

    @Test
    void aHandMadeSchoolOfTheSameNameIsADisputeNotASecondSchool() {
        SchoolPlan plan = plan(List.of(org("org-2", "Maple Valley High", 4)), FileMode.BULK,
                List.of(active(9, "Maple Valley High", Set.of(), false)), ALL);
        assertThat(plan.changes()).isEmpty();
        assertThat(plan.skips()).singleElement().satisfies(s -> {
            assertThat(s.sourcedId()).isEqualTo("org-2");
            assertThat(s.why()).contains("add School ID org-2");
        });
    }

    @Test
    void aSchoolIdLinksAHandMadeSchoolWhichKeepsItsName() {
        SchoolPlan plan = plan(List.of(org("org-2", "MVHS", 4)), FileMode.BULK,
                List.of(active(9, "Maple Valley High", Set.of("org-2"), false)), ALL);
        assertThat(plan.changes()).isEmpty();
        assertThat(plan.skips()).isEmpty();
    }

    @Test
    void aManagedSchoolFollowsARenameUnlessAnAdminRenamedItByHand() {
        DirectorySchool managed = active(9, "Maple Valley High", Set.of("org-2"), true);
        SchoolPlan renamed = plan(List.of(org("org-2", "Maple Valley High School", 4)), FileMode.BULK,
                List.of(managed), ALL);
        assertThat(renamed.changes()).containsExactly(new DirectoryChange.Update(EntityKind.SCHOOLS, 9, "org-2",
                List.of(new FieldChange("name", "Maple Valley High", "Maple Valley High School")),
                new RecordOrigin(RosterFile.ORGS, 4)));
        DirectorySchool edited = school(9, "MV High", Set.of("org-2"), true, RecordState.ACTIVE,
                Set.of("name"));
        SchoolPlan kept = plan(List.of(org("org-2", "Maple Valley High School", 4)), FileMode.BULK,
                List.of(edited), ALL);
        assertThat(kept.changes()).isEmpty();
        assertThat(kept.skips()).singleElement().extracting(Skip::setting).isEqualTo("overwriteHandEdits");
    }

    @Test
    void onlyTheChosenSchoolsSync() {
        SyncSettings chosen = ALL.withSchoolsThatSync(Set.of(9L));
        SchoolPlan plan = plan(List.of(org("org-2", "Maple Valley High", 4),
                org("org-3", "Cedar Middle", 5), org("org-4", "Oak Elementary", 6)), FileMode.BULK,
                List.of(active(9, "Maple Valley High", Set.of("org-2"), true),
                        active(10, "Cedar Middle", Set.of("org-3"), true)), chosen);
        assertThat(plan.changes()).isEmpty();
        assertThat(plan.skips()).extracting(Skip::sourcedId).containsExactly("org-3", "org-4");
        assertThat(plan.skips()).allSatisfy(s -> assertThat(s.setting()).isEqualTo("schoolsThatSync"));
        assertThat(ids.get()).as("no id is taken for a school that is not created").isEqualTo(100);
    }

    @Test
    void aManagedSchoolThatLeftABulkFeedIsArchivedAHandMadeOneNever() {
        List<DirectorySchool> directory = List.of(active(9, "Maple Valley High", Set.of("org-2"), true),
                active(10, "Cedar Middle", Set.of("org-3"), true), active(11, "Night School", Set.of(), false));
        SchoolPlan bulk = plan(List.of(org("org-2", "Maple Valley High", 4)), FileMode.BULK,
                directory, ALL);
        assertThat(bulk.changes()).singleElement().isInstanceOfSatisfying(DirectoryChange.Archive.class, a -> {
            assertThat(a.localId()).isEqualTo(10);
            assertThat(a.before()).isEqualTo(RecordState.ACTIVE);
            assertThat(a.dueBefore()).isNull();
        });
        SchoolPlan delta = plan(List.of(org("org-2", "Maple Valley High", 4)), FileMode.DELTA,
                directory, ALL);
        assertThat(delta.changes()).isEmpty();
    }

    @Test
    void anArchivedManagedSchoolThatIsBackIsRestored() {
        SchoolPlan plan = plan(List.of(org("org-3", "Cedar Middle", 5)), FileMode.BULK,
                List.of(school(10, "Cedar Middle", Set.of("org-3"), true, RecordState.ARCHIVED, Set.of())),
                ALL);
        assertThat(plan.changes()).containsExactly(new DirectoryChange.Restore(EntityKind.SCHOOLS, 10,
                RecordState.ARCHIVED, null, new RecordOrigin(RosterFile.ORGS, 5)));
    }
}
