package io.rostersync.sync.internal.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.rostersync.directory.DirectoryChange;
import io.rostersync.directory.DirectoryPerson;
import io.rostersync.directory.FieldChange;
import io.rostersync.directory.RecordState;
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
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PersonPlannerTest {

    private static final RecordOrigin ROW = new RecordOrigin(RosterFile.USERS, 42);
    private static final Instant NOW = Instant.parse("2026-11-30T06:00:00Z");

    private final List<DirectoryChange> changes = new ArrayList<>();
    private final List<Skip> skips = new ArrayList<>();

    /** The ids of the people a run creates: 101, 102, ... */
    private final AtomicLong ids = new AtomicLong(100);

    private PersonPlanner planner(SyncSettings settings) {
        return new PersonPlanner(settings, ids::incrementAndGet);
    }

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

    private static DirectoryPerson current(Map<String, String> fields, boolean managed, RecordState state,
            Set<String> edited, boolean signedIn) {
        return new DirectoryPerson(7, EntityKind.STUDENTS, fields, managed ? "oneroster" : null, state, null, edited, signedIn);
    }

    private static DirectoryPerson linked(Map<String, String> fields) {
        return current(fields, true, RecordState.ACTIVE, Set.of(), false);
    }

    private static final Correlation LINKED = new Correlation(Situation.LINKED, 7, MatchRule.SOURCE_LINK, List.of(), "");

    @Test
    void aNewPersonIsCreatedWithEveryField() {
        planner(SyncSettings.defaults()).plan(desired(amara()),
                new Correlation(Situation.UNMATCHED, 0, null, List.of(), ""), null, changes, skips);
        assertThat(changes).containsExactly(new DirectoryChange.Create(EntityKind.STUDENTS, 101, "u-s1", amara(), ROW));
    }

    @Test
    void theSameValuesChangeNothing() {
        planner(SyncSettings.defaults()).plan(desired(amara()), LINKED, linked(amara()), changes, skips);
        assertThat(changes).isEmpty();
        assertThat(skips).isEmpty();
    }

    @Test
    void aNameCorrectionIsAnUpdateWithBeforeAndAfter() {
        planner(SyncSettings.defaults()).plan(desired(amara("family_name", "Okafor-Eze")), LINKED,
                linked(amara()), changes, skips);
        assertThat(changes).containsExactly(new DirectoryChange.Update(EntityKind.STUDENTS, 7, "u-s1",
                List.of(new FieldChange("family_name", "Okafor", "Okafor-Eze")), ROW));
    }

    @Test
    void aFieldAnAdminEditedStaysUnlessTheDistrictAllowsOverwriting() {
        DirectoryPerson edited = current(amara("given_name", "Mara"), true, RecordState.ACTIVE,
                Set.of("given_name"), false);
        planner(SyncSettings.defaults()).plan(desired(amara("grade", "04")), LINKED, edited, changes, skips);
        assertThat(changes).containsExactly(new DirectoryChange.Update(EntityKind.STUDENTS, 7, "u-s1",
                List.of(new FieldChange("grade", "03", "04")), ROW));
        assertThat(skips).singleElement().extracting(Skip::setting).isEqualTo("overwriteHandEdits");

        changes.clear();
        skips.clear();
        planner(SyncSettings.defaults().withOverwriteHandEdits(true)).plan(desired(amara()), LINKED, edited,
                changes, skips);
        assertThat(changes).containsExactly(new DirectoryChange.Update(EntityKind.STUDENTS, 7, "u-s1",
                List.of(new FieldChange("given_name", "Mara", "Amara")), ROW));
    }

    @Test
    void theContactDetailsOfSomeoneWhoSignedInAreTheirsUnlessTheDistrictSaysOtherwise() {
        DirectoryPerson signedIn = current(amara(), true, RecordState.ACTIVE, Set.of(), true);
        DesiredPerson moved = desired(amara("email", "amara.o@students.example.org", "grade", "04"));
        planner(SyncSettings.defaults()).plan(moved, LINKED, signedIn, changes, skips);
        assertThat(changes).containsExactly(new DirectoryChange.Update(EntityKind.STUDENTS, 7, "u-s1",
                List.of(new FieldChange("grade", "03", "04")), ROW));
        assertThat(skips).singleElement().extracting(Skip::setting).isEqualTo("updateSignedInContacts");

        changes.clear();
        skips.clear();
        planner(SyncSettings.defaults().withUpdateSignedInContacts(true)).plan(moved, LINKED, signedIn,
                changes, skips);
        assertThat(((DirectoryChange.Update) changes.get(0)).fields()).extracting(FieldChange::field)
                .containsExactly("email", "grade");
    }

    @Test
    void linkingAHandMadeStudentFillsWhatIsBlankAndKeepsWhatSomeoneTyped() {
        DirectoryPerson handMade = current(amara("given_name", "Amarah", "email", null, "roles", null), false,
                RecordState.ACTIVE, Set.of(), false);
        planner(SyncSettings.defaults()).plan(desired(amara()),
                new Correlation(Situation.UNLINKED, 7, MatchRule.STUDENT_NUMBER, List.of(), ""), handMade, changes,
                skips);
        assertThat(changes).containsExactly(
                new DirectoryChange.Link(EntityKind.STUDENTS, 7, "u-s1", "STUDENT_NUMBER", Set.of("given_name"), ROW),
                new DirectoryChange.Update(EntityKind.STUDENTS, 7, "u-s1", List.of(
                        new FieldChange("email", null, "aokafor@students.example.org"),
                        new FieldChange("roles", null, "student@1")), ROW));
        assertThat(skips).singleElement().satisfies(s -> {
            assertThat(s.setting()).isEqualTo("overwriteHandEdits");
            assertThat(s.why()).contains("given_name stays 'Amarah'");
        });
        // once linked, the record is the sync's, but what someone typed stays theirs (an edited field)
    }

    @Test
    void aDisputeChangesNothingAndSaysWhy() {
        planner(SyncSettings.defaults()).plan(desired(amara()),
                new Correlation(Situation.DISPUTED, 0, MatchRule.EMAIL, List.of(7L, 8L), "2 people have this email"),
                null, changes, skips);
        assertThat(changes).isEmpty();
        assertThat(skips).singleElement().extracting(Skip::why).isEqualTo("2 people have this email");
    }

    @Test
    void aStudentWhoComesBackIsRestored() {
        DirectoryPerson archived = current(amara(), true, RecordState.ARCHIVED, Set.of(), false);
        planner(SyncSettings.defaults()).plan(desired(amara()), LINKED, archived, changes, skips);
        assertThat(changes).containsExactly(
                new DirectoryChange.Restore(EntityKind.STUDENTS, 7, RecordState.ARCHIVED, null, ROW));
    }

    @Test
    void aStudentWhoComesBackInsideTheGracePeriodIsRestoredWithTheDueDateItHad() {
        Instant due = NOW.plus(Duration.ofDays(3));
        DirectoryPerson pending = new DirectoryPerson(7, EntityKind.STUDENTS, amara(), "oneroster",
                RecordState.PENDING_REMOVAL, due, Set.of(), false);
        planner(SyncSettings.defaults()).plan(desired(amara("grade", "04")), LINKED, pending, changes, skips);
        assertThat(changes).containsExactly(
                new DirectoryChange.Restore(EntityKind.STUDENTS, 7, RecordState.PENDING_REMOVAL, due, ROW),
                new DirectoryChange.Update(EntityKind.STUDENTS, 7, "u-s1",
                        List.of(new FieldChange("grade", "03", "04")), ROW));
        assertThat(ids.get()).as("no id is taken for a person who exists").isEqualTo(100);
    }

    @Test
    void eachNewPersonGetsTheNextIdAndAMergedPersonKeepsAllTheirSourceIds() {
        PersonPlanner planner = planner(SyncSettings.defaults());
        Correlation unmatched = new Correlation(Situation.UNMATCHED, 0, null, List.of(), "");
        Map<String, String> rivera = Map.of("given_name", "María", "family_name", "Rivera",
                "roles", "teacher@2,parent@district");
        planner.plan(desired(amara()), unmatched, null, changes, skips);
        planner.plan(new DesiredPerson("u-t9", List.of("u-p9"), EntityKind.STAFF, rivera, ROW), unmatched, null,
                changes, skips);
        assertThat(changes).containsExactly(
                new DirectoryChange.Create(EntityKind.STUDENTS, 101, "u-s1", amara(), ROW),
                new DirectoryChange.Create(EntityKind.STAFF, 102, "u-t9", List.of("u-p9"), rivera, ROW));
    }

    @Test
    void aLeaverIsArchivedAtOnceOrAfterTheGracePeriodOrKept() {
        DirectoryPerson active = linked(amara());
        planner(SyncSettings.defaults()).planMissing(EntityKind.STUDENTS, active, NOW, changes, skips);
        assertThat(changes).containsExactly(new DirectoryChange.Archive(EntityKind.STUDENTS, 7, RecordState.ACTIVE, null,
                "left the feed"));

        changes.clear();
        SyncSettings grace = SyncSettings.defaults().withGracePeriod(Duration.ofDays(14));
        planner(grace).planMissing(EntityKind.STUDENTS, active, NOW, changes, skips);
        assertThat(changes).containsExactly(
                new DirectoryChange.MarkPendingRemoval(EntityKind.STUDENTS, 7, NOW.plus(Duration.ofDays(14))));

        changes.clear();
        DirectoryPerson pending = new DirectoryPerson(7, EntityKind.STUDENTS, amara(), "oneroster", RecordState.PENDING_REMOVAL,
                NOW.plus(Duration.ofDays(3)), Set.of(), false);
        planner(grace).planMissing(EntityKind.STUDENTS, pending, NOW, changes, skips);
        assertThat(changes).as("still inside the grace period").isEmpty();
        planner(grace).planMissing(EntityKind.STUDENTS, pending, NOW.plus(Duration.ofDays(4)), changes,
                skips);
        assertThat(changes).containsExactly(
                new DirectoryChange.Archive(EntityKind.STUDENTS, 7,
                        RecordState.PENDING_REMOVAL, NOW.plus(Duration.ofDays(3)), "left the feed; grace period over"));

        changes.clear();
        planner(SyncSettings.defaults().withLeavers(SyncSettings.Leavers.KEEP))
                .planMissing(EntityKind.STUDENTS, active, NOW, changes, skips);
        assertThat(changes).isEmpty();
        assertThat(skips).singleElement().extracting(Skip::setting).isEqualTo("leavers");

        skips.clear();
        DirectoryPerson handMade = current(amara(), false, RecordState.ACTIVE, Set.of(), false);
        planner(SyncSettings.defaults()).planMissing(EntityKind.STUDENTS, handMade, NOW, changes, skips);
        assertThat(changes).as("the sync never archives what it does not manage").isEmpty();
        assertThat(skips).isEmpty();
    }
}
