package io.rostersync.sync.internal.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.rostersync.directory.DirectoryChange;
import io.rostersync.directory.DirectoryClassroom;
import io.rostersync.directory.FieldChange;
import io.rostersync.directory.RecordState;
import io.rostersync.oneroster.RecordOrigin;
import io.rostersync.oneroster.RosterFile;
import io.rostersync.directory.EntityKind;
import io.rostersync.settings.SyncSettings;
import io.rostersync.sync.internal.correlate.Correlation;
import io.rostersync.sync.internal.correlate.MatchRule;
import io.rostersync.sync.internal.correlate.Situation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ClassroomAndMembershipPlannerTest {

    private static final RecordOrigin ROW = new RecordOrigin(RosterFile.CLASSES, 3);
    private static final Function<String, OptionalLong> ONLY_ORG_1 =
            org -> org.equals("org-1") ? OptionalLong.of(11) : OptionalLong.empty();
    private static final Correlation LINKED = new Correlation(Situation.LINKED, 40, MatchRule.SOURCE_LINK, List.of(), "");
    private static final Correlation NEW = new Correlation(Situation.UNMATCHED, 0, null, List.of(), "");

    private final List<DirectoryChange> changes = new ArrayList<>();
    private final List<Skip> skips = new ArrayList<>();

    /** The ids of the classrooms a run creates: 101, 102, ... */
    private final AtomicLong ids = new AtomicLong(100);

    private ClassroomPlanner planner(SyncSettings settings) {
        return new ClassroomPlanner(settings, ids::incrementAndGet);
    }

    private static DesiredClassroom algebra(String title) {
        return new DesiredClassroom("k-alg", "org-1", Map.of("title", title, "code", "ALG1-01", "periods", "1"), ROW);
    }

    private static DirectoryClassroom current(String title, RecordState state, Set<String> edited) {
        return new DirectoryClassroom(40, "k-alg", 11, Map.of("title", title, "code", "ALG1-01", "periods", "1",
                "school_id", "11"), "oneroster", state, null, edited);
    }

    @Test
    void aNewClassroomIsCreatedInItsSchool() {
        planner(SyncSettings.defaults()).plan(algebra("Algebra I"), NEW, null, ONLY_ORG_1, changes, skips);
        assertThat(changes).containsExactly(new DirectoryChange.Create(EntityKind.CLASSROOMS, 101, "k-alg",
                Map.of("title", "Algebra I", "code", "ALG1-01", "periods", "1", "school_id", "11"), ROW));
        planner(SyncSettings.defaults()).plan(new DesiredClassroom("k-geo", "org-1", Map.of("title", "Geometry"), ROW),
                NEW, null, ONLY_ORG_1, changes, skips);
        assertThat(changes).last().isEqualTo(new DirectoryChange.Create(EntityKind.CLASSROOMS, 102, "k-geo",
                Map.of("title", "Geometry", "school_id", "11"), ROW));
    }

    @Test
    void aClassroomOfASchoolThatDoesNotSyncIsSkipped() {
        DesiredClassroom elsewhere = new DesiredClassroom("k-art", "org-2", Map.of("title", "Art"), ROW);
        planner(SyncSettings.defaults()).plan(elsewhere, NEW, null, ONLY_ORG_1, changes, skips);
        assertThat(changes).isEmpty();
        assertThat(skips).singleElement().extracting(Skip::setting).isEqualTo("schoolsThatSync");
        assertThat(ids.get()).as("no id is taken for a classroom that is not created").isEqualTo(100);
    }

    @Test
    void aRenameIsAnUpdateButATitleATeacherChangedStays() {
        planner(SyncSettings.defaults()).plan(algebra("Algebra 1"), LINKED,
                current("Algebra I", RecordState.ACTIVE, Set.of()), ONLY_ORG_1, changes, skips);
        assertThat(changes).containsExactly(new DirectoryChange.Update(EntityKind.CLASSROOMS, 40, "k-alg",
                List.of(new FieldChange("title", "Algebra I", "Algebra 1")), ROW));
        changes.clear();
        planner(SyncSettings.defaults()).plan(algebra("Algebra 1"), LINKED,
                current("Mr. N's Algebra", RecordState.ACTIVE, Set.of("title")), ONLY_ORG_1, changes, skips);
        assertThat(changes).isEmpty();
        assertThat(skips).singleElement().extracting(Skip::setting).isEqualTo("overwriteHandEdits");
    }

    @Test
    void anArchivedClassroomThatReappearsIsRestoredOnlyIfTheDistrictSaysSo() {
        DirectoryClassroom archived = current("Algebra I", RecordState.ARCHIVED, Set.of());
        planner(SyncSettings.defaults()).plan(algebra("Algebra I"), LINKED, archived, ONLY_ORG_1,
                changes, skips);
        assertThat(changes).containsExactly(new DirectoryChange.Restore(EntityKind.CLASSROOMS, 40,
                RecordState.ARCHIVED, null, ROW));
        changes.clear();
        SyncSettings noRestore = new SyncSettings(Set.of(), SyncSettings.defaults().rolesThatSync(),
                SyncSettings.GuardianWithoutContact.SKIP, false, false, SyncSettings.StudentNumber.IDENTIFIER,
                List.of(), SyncSettings.Leavers.ARCHIVE, java.time.Duration.ZERO, Map.of(), true, false);
        planner(noRestore).plan(algebra("Algebra I"), LINKED, archived, ONLY_ORG_1, changes, skips);
        assertThat(changes).isEmpty();
        assertThat(skips).singleElement().extracting(Skip::setting).isEqualTo("restoreClassrooms");
    }

    private static final RecordOrigin E2 = new RecordOrigin(RosterFile.ENROLLMENTS, 2);
    private static final RecordOrigin E3 = new RecordOrigin(RosterFile.ENROLLMENTS, 3);
    private static final RecordOrigin E4 = new RecordOrigin(RosterFile.ENROLLMENTS, 4);

    private final List<DirectoryChange> additions = new ArrayList<>();
    private final List<DirectoryChange> removals = new ArrayList<>();

    private long members(List<MembershipPlanner.WantedMember> wanted, List<MembershipPlanner.CurrentMember> current) {
        return MembershipPlanner.plan(40, wanted, current, additions::add, removals::add);
    }

    @Test
    void membersAreASetDifferenceAndHandAddedMembersStay() {
        // people 21 (teacher), 22 and 23 (students) are sync-managed members; 24 was added by hand
        List<MembershipPlanner.WantedMember> wanted = List.of(
                new MembershipPlanner.WantedMember(21, "teacher", false, E2),
                new MembershipPlanner.WantedMember(22, "student", false, E3),
                new MembershipPlanner.WantedMember(22, "student", false, E4),
                new MembershipPlanner.WantedMember(25, "student", false, E4));
        List<MembershipPlanner.CurrentMember> current = List.of(
                new MembershipPlanner.CurrentMember(21, "teacher", false, true),
                new MembershipPlanner.CurrentMember(23, "student", false, true),
                new MembershipPlanner.CurrentMember(24, "student", false, false));
        long unchanged = members(wanted, current);
        assertThat(additions).containsExactly(
                new DirectoryChange.MemberAdded(40, 22, "student", false, null, E3),
                new DirectoryChange.MemberAdded(40, 25, "student", false, null, E4));
        assertThat(removals).as("the hand-added member 24 stays").containsExactly(
                new DirectoryChange.MemberRemoved(40, 23, "student", false, null));
        assertThat(unchanged).isEqualTo(1);
    }

    @Test
    void aChangedPrimaryFlagIsAnAdditionThatKeepsTheFlagItHad() {
        List<MembershipPlanner.WantedMember> wanted = List.of(
                new MembershipPlanner.WantedMember(21, "teacher", true, E2),
                new MembershipPlanner.WantedMember(26, "teacher", false, E3));
        List<MembershipPlanner.CurrentMember> current = List.of(
                new MembershipPlanner.CurrentMember(21, "teacher", false, true),
                new MembershipPlanner.CurrentMember(26, "teacher", true, false));
        long unchanged = members(wanted, current);
        assertThat(additions).as("a membership someone made by hand keeps its flag").containsExactly(
                new DirectoryChange.MemberAdded(40, 21, "teacher", true, false, E2));
        assertThat(removals).isEmpty();
        assertThat(unchanged).isEqualTo(1);
    }

    @Test
    void aSecondPlanOfTheSameMembersChangesNothingAndCountsThemUnchanged() {
        List<MembershipPlanner.WantedMember> wanted = List.of(
                new MembershipPlanner.WantedMember(21, "teacher", true, E2),
                new MembershipPlanner.WantedMember(22, "student", false, E3),
                new MembershipPlanner.WantedMember(22, "student", false, E4),
                new MembershipPlanner.WantedMember(24, "student", false, E4));
        List<MembershipPlanner.CurrentMember> current = List.of(
                new MembershipPlanner.CurrentMember(21, "teacher", true, true),
                new MembershipPlanner.CurrentMember(22, "student", false, true),
                new MembershipPlanner.CurrentMember(24, "student", false, false));
        assertThat(members(wanted, current)).as("a row twice is one member; a hand-added one the feed has counts")
                .isEqualTo(3);
        assertThat(additions).isEmpty();
        assertThat(removals).isEmpty();
    }

    @Test
    void aMemberWhoseRoleChangedIsAddedInTheNewRoleAndRemovedFromTheOld() {
        long unchanged = members(List.of(new MembershipPlanner.WantedMember(21, "aide", false, E2)),
                List.of(new MembershipPlanner.CurrentMember(21, "teacher", true, true)));
        assertThat(additions).containsExactly(new DirectoryChange.MemberAdded(40, 21, "aide", false, null, E2));
        assertThat(removals).containsExactly(new DirectoryChange.MemberRemoved(40, 21, "teacher", true, null));
        assertThat(unchanged).isZero();
    }

    @Test
    void aClassroomThatLeftIsArchived() {
        planner(SyncSettings.defaults()).planMissing(current("Algebra I", RecordState.ACTIVE,
                Set.of()), java.time.Instant.EPOCH, changes, skips);
        assertThat(changes).containsExactly(new DirectoryChange.Archive(EntityKind.CLASSROOMS, 40,
                RecordState.ACTIVE, null, "left the feed"));
    }
}
