package io.rostersync.sync.internal.plan;

import io.rostersync.directory.DirectoryChange;
import io.rostersync.directory.FieldChange;
import static org.assertj.core.api.Assertions.assertThat;

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

    private static DesiredClassroom algebra(String title) {
        return new DesiredClassroom("k-alg", "org-1", Map.of("title", title, "code", "ALG1-01", "periods", "1"), ROW);
    }

    private static DirectoryClassroom current(String title, DirectorySchool.State state, Set<String> edited) {
        return new DirectoryClassroom(40, 11, Map.of("title", title, "code", "ALG1-01", "periods", "1",
                "school_id", "11"), "oneroster", state, null, edited);
    }

    @Test
    void aNewClassroomIsCreatedInItsSchool() {
        new ClassroomPlanner(SyncSettings.defaults()).plan(algebra("Algebra I"), NEW, null, ONLY_ORG_1, changes, skips);
        assertThat(changes).containsExactly(new DirectoryChange.Create(EntityKind.CLASSROOMS, "k-alg",
                Map.of("title", "Algebra I", "code", "ALG1-01", "periods", "1", "school_id", "11"), ROW));
    }

    @Test
    void aClassroomOfASchoolThatDoesNotSyncIsSkipped() {
        DesiredClassroom elsewhere = new DesiredClassroom("k-art", "org-2", Map.of("title", "Art"), ROW);
        new ClassroomPlanner(SyncSettings.defaults()).plan(elsewhere, NEW, null, ONLY_ORG_1, changes, skips);
        assertThat(changes).isEmpty();
        assertThat(skips).singleElement().extracting(Skip::setting).isEqualTo("schoolsThatSync");
    }

    @Test
    void aRenameIsAnUpdateButATitleATeacherChangedStays() {
        new ClassroomPlanner(SyncSettings.defaults()).plan(algebra("Algebra 1"), LINKED,
                current("Algebra I", DirectorySchool.State.ACTIVE, Set.of()), ONLY_ORG_1, changes, skips);
        assertThat(changes).containsExactly(new DirectoryChange.Update(EntityKind.CLASSROOMS, 40,
                List.of(new FieldChange("title", "Algebra I", "Algebra 1")), ROW));
        changes.clear();
        new ClassroomPlanner(SyncSettings.defaults()).plan(algebra("Algebra 1"), LINKED,
                current("Mr. N's Algebra", DirectorySchool.State.ACTIVE, Set.of("title")), ONLY_ORG_1, changes, skips);
        assertThat(changes).isEmpty();
        assertThat(skips).singleElement().extracting(Skip::setting).isEqualTo("overwriteHandEdits");
    }

    @Test
    void anArchivedClassroomThatReappearsIsRestoredOnlyIfTheDistrictSaysSo() {
        DirectoryClassroom archived = current("Algebra I", DirectorySchool.State.ARCHIVED, Set.of());
        new ClassroomPlanner(SyncSettings.defaults()).plan(algebra("Algebra I"), LINKED, archived, ONLY_ORG_1,
                changes, skips);
        assertThat(changes).containsExactly(new DirectoryChange.Restore(EntityKind.CLASSROOMS, 40, ROW));
        changes.clear();
        SyncSettings noRestore = new SyncSettings(Set.of(), SyncSettings.defaults().rolesThatSync(),
                SyncSettings.GuardianWithoutContact.SKIP, false, false, SyncSettings.StudentNumber.IDENTIFIER,
                List.of(), SyncSettings.Leavers.ARCHIVE, java.time.Duration.ZERO, Map.of(), true, false);
        new ClassroomPlanner(noRestore).plan(algebra("Algebra I"), LINKED, archived, ONLY_ORG_1, changes, skips);
        assertThat(changes).isEmpty();
        assertThat(skips).singleElement().extracting(Skip::setting).isEqualTo("restoreClassrooms");
    }

    @Test
    void membersAreASetDifferenceAndHandAddedMembersStay() {
        RecordOrigin e2 = new RecordOrigin(RosterFile.ENROLLMENTS, 2);
        RecordOrigin e3 = new RecordOrigin(RosterFile.ENROLLMENTS, 3);
        RecordOrigin e4 = new RecordOrigin(RosterFile.ENROLLMENTS, 4);
        List<MembershipPlanner.WantedMember> wanted = List.of(
                new MembershipPlanner.WantedMember(new Member("u-t1", "teacher", true), e2),
                new MembershipPlanner.WantedMember(new Member("u-s1", "student", false), e3),
                new MembershipPlanner.WantedMember(new Member("u-s1", "student", false), e4));
        List<MembershipPlanner.CurrentMember> current = List.of(
                new MembershipPlanner.CurrentMember(1, "u-t1", "teacher", false, true),
                new MembershipPlanner.CurrentMember(2, "u-s2", "student", false, true),
                new MembershipPlanner.CurrentMember(3, null, "student", false, false));
        MembershipPlanner.plan("k-alg", 40, wanted, current, changes);
        assertThat(changes).containsExactly(
                new DirectoryChange.MemberAdded("k-alg", "u-t1", "teacher", true, e2),
                new DirectoryChange.MemberAdded("k-alg", "u-s1", "student", false, e3),
                new DirectoryChange.MemberRemoved(40, 2, "student"));
    }

    @Test
    void aClassroomThatLeftIsArchived() {
        new ClassroomPlanner(SyncSettings.defaults()).planMissing(current("Algebra I", DirectorySchool.State.ACTIVE,
                Set.of()), java.time.Instant.EPOCH, changes, skips);
        assertThat(changes).containsExactly(new DirectoryChange.Archive(EntityKind.CLASSROOMS, 40, "left the feed"));
    }
}
