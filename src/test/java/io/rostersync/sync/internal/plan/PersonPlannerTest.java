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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PersonPlannerTest {

    private static final RecordOrigin ROW = new RecordOrigin(RosterFile.USERS, 42);
    private static final Instant NOW = Instant.parse("2026-11-30T06:00:00Z");

    private final List<DirectoryChange> changes = new ArrayList<>();
    private final List<Skip> skips = new ArrayList<>();

    private static Map<String, String> amara(String... overrides) {
        Map<String, String> f = new HashMap<>(Map.of("given_name", "Amara", "family_name", "Okafor", "grade", "03",
                "student_number", "1001", "email", "aokafor@students.example.org", "roles", "student@1"));
        for (int i = 0; i < overrides.length; i += 2) {
            if (overrides[i + 1] == null) {
                f.remove(overrides[i]);
            } else {
                f.put(overrides[i], overrides[i + 1]);
            }
        }
        return f;
    }

    private static DesiredPerson desired(Map<String, String> fields) {
        return new DesiredPerson("u-s1", EntityKind.STUDENTS, fields, ROW);
    }

    private static DirectoryPerson current(Map<String, String> fields, boolean managed, DirectorySchool.State state,
            Set<String> edited, boolean signedIn) {
        return new DirectoryPerson(7, fields, managed ? "oneroster" : null, state, null, edited, signedIn);
    }

    private static DirectoryPerson linked(Map<String, String> fields) {
        return current(fields, true, DirectorySchool.State.ACTIVE, Set.of(), false);
    }

    private static final Correlation LINKED = new Correlation(Situation.LINKED, 7, MatchRule.SOURCE_LINK, List.of(), "");

    @Test
    void aNewPersonIsCreatedWithEveryField() {
        new PersonPlanner(SyncSettings.defaults()).plan(desired(amara()),
                new Correlation(Situation.UNMATCHED, 0, null, List.of(), ""), null, changes, skips);
        assertThat(changes).containsExactly(new DirectoryChange.Create(EntityKind.STUDENTS, "u-s1", amara(), ROW));
    }

    @Test
    void theSameValuesChangeNothing() {
        new PersonPlanner(SyncSettings.defaults()).plan(desired(amara()), LINKED, linked(amara()), changes, skips);
        assertThat(changes).isEmpty();
        assertThat(skips).isEmpty();
    }

    @Test
    void aNameCorrectionIsAnUpdateWithBeforeAndAfter() {
        new PersonPlanner(SyncSettings.defaults()).plan(desired(amara("family_name", "Okafor-Eze")), LINKED,
                linked(amara()), changes, skips);
        assertThat(changes).containsExactly(new DirectoryChange.Update(EntityKind.STUDENTS, 7,
                List.of(new FieldChange("family_name", "Okafor", "Okafor-Eze")), ROW));
    }

    @Test
    void aFieldAnAdminEditedStaysUnlessTheDistrictAllowsOverwriting() {
        DirectoryPerson edited = current(amara("given_name", "Mara"), true, DirectorySchool.State.ACTIVE,
                Set.of("given_name"), false);
        new PersonPlanner(SyncSettings.defaults()).plan(desired(amara("grade", "04")), LINKED, edited, changes, skips);
        assertThat(changes).containsExactly(new DirectoryChange.Update(EntityKind.STUDENTS, 7,
                List.of(new FieldChange("grade", "03", "04")), ROW));
        assertThat(skips).singleElement().extracting(Skip::setting).isEqualTo("overwriteHandEdits");

        changes.clear();
        skips.clear();
        new PersonPlanner(SyncSettings.defaults().withOverwriteHandEdits(true)).plan(desired(amara()), LINKED, edited,
                changes, skips);
        assertThat(changes).containsExactly(new DirectoryChange.Update(EntityKind.STUDENTS, 7,
                List.of(new FieldChange("given_name", "Mara", "Amara")), ROW));
    }

    @Test
    void theContactDetailsOfSomeoneWhoSignedInAreTheirsUnlessTheDistrictSaysOtherwise() {
        DirectoryPerson signedIn = current(amara(), true, DirectorySchool.State.ACTIVE, Set.of(), true);
        DesiredPerson moved = desired(amara("email", "amara.o@students.example.org", "grade", "04"));
        new PersonPlanner(SyncSettings.defaults()).plan(moved, LINKED, signedIn, changes, skips);
        assertThat(changes).containsExactly(new DirectoryChange.Update(EntityKind.STUDENTS, 7,
                List.of(new FieldChange("grade", "03", "04")), ROW));
        assertThat(skips).singleElement().extracting(Skip::setting).isEqualTo("updateSignedInContacts");

        changes.clear();
        skips.clear();
        new PersonPlanner(SyncSettings.defaults().withUpdateSignedInContacts(true)).plan(moved, LINKED, signedIn,
                changes, skips);
        assertThat(((DirectoryChange.Update) changes.get(0)).fields()).extracting(FieldChange::field)
                .containsExactly("email", "grade");
    }

    @Test
    void linkingAHandMadeStudentFillsWhatIsBlankAndKeepsWhatSomeoneTyped() {
        DirectoryPerson handMade = current(amara("given_name", "Amarah", "email", null, "roles", null), false,
                DirectorySchool.State.ACTIVE, Set.of(), false);
        new PersonPlanner(SyncSettings.defaults()).plan(desired(amara()),
                new Correlation(Situation.UNLINKED, 7, MatchRule.STUDENT_NUMBER, List.of(), ""), handMade, changes,
                skips);
        assertThat(changes).containsExactly(
                new DirectoryChange.Link(EntityKind.STUDENTS, 7, "u-s1", "STUDENT_NUMBER", ROW),
                new DirectoryChange.Update(EntityKind.STUDENTS, 7, List.of(
                        new FieldChange("email", null, "aokafor@students.example.org"),
                        new FieldChange("roles", null, "student@1")), ROW));
        assertThat(skips).singleElement().satisfies(s -> {
            assertThat(s.setting()).isEqualTo("overwriteHandEdits");
            assertThat(s.why()).contains("given_name stays 'Amarah'");
        });
    }

    @Test
    void aDisputeChangesNothingAndSaysWhy() {
        new PersonPlanner(SyncSettings.defaults()).plan(desired(amara()),
                new Correlation(Situation.DISPUTED, 0, MatchRule.EMAIL, List.of(7L, 8L), "2 people have this email"),
                null, changes, skips);
        assertThat(changes).isEmpty();
        assertThat(skips).singleElement().extracting(Skip::why).isEqualTo("2 people have this email");
    }

    @Test
    void aStudentWhoComesBackIsRestored() {
        DirectoryPerson archived = current(amara(), true, DirectorySchool.State.ARCHIVED, Set.of(), false);
        new PersonPlanner(SyncSettings.defaults()).plan(desired(amara()), LINKED, archived, changes, skips);
        assertThat(changes).containsExactly(new DirectoryChange.Restore(EntityKind.STUDENTS, 7, ROW));
    }

    @Test
    void aLeaverIsArchivedAtOnceOrAfterTheGracePeriodOrKept() {
        DirectoryPerson active = linked(amara());
        new PersonPlanner(SyncSettings.defaults()).planMissing(EntityKind.STUDENTS, active, NOW, changes, skips);
        assertThat(changes).containsExactly(new DirectoryChange.Archive(EntityKind.STUDENTS, 7, "left the feed"));

        changes.clear();
        SyncSettings grace = SyncSettings.defaults().withGracePeriod(Duration.ofDays(14));
        new PersonPlanner(grace).planMissing(EntityKind.STUDENTS, active, NOW, changes, skips);
        assertThat(changes).containsExactly(
                new DirectoryChange.MarkPendingRemoval(EntityKind.STUDENTS, 7, NOW.plus(Duration.ofDays(14))));

        changes.clear();
        DirectoryPerson pending = new DirectoryPerson(7, amara(), "oneroster", DirectorySchool.State.PENDING_REMOVAL,
                NOW.plus(Duration.ofDays(3)), Set.of(), false);
        new PersonPlanner(grace).planMissing(EntityKind.STUDENTS, pending, NOW, changes, skips);
        assertThat(changes).as("still inside the grace period").isEmpty();
        new PersonPlanner(grace).planMissing(EntityKind.STUDENTS, pending, NOW.plus(Duration.ofDays(4)), changes,
                skips);
        assertThat(changes).containsExactly(
                new DirectoryChange.Archive(EntityKind.STUDENTS, 7, "left the feed; grace period over"));

        changes.clear();
        new PersonPlanner(SyncSettings.defaults().withLeavers(SyncSettings.Leavers.KEEP))
                .planMissing(EntityKind.STUDENTS, active, NOW, changes, skips);
        assertThat(changes).isEmpty();
        assertThat(skips).singleElement().extracting(Skip::setting).isEqualTo("leavers");

        skips.clear();
        DirectoryPerson handMade = current(amara(), false, DirectorySchool.State.ACTIVE, Set.of(), false);
        new PersonPlanner(SyncSettings.defaults()).planMissing(EntityKind.STUDENTS, handMade, NOW, changes, skips);
        assertThat(changes).as("the sync never archives what it does not manage").isEmpty();
        assertThat(skips).isEmpty();
    }
}
