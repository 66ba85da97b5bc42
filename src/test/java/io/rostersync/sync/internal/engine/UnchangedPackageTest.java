package io.rostersync.sync.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.rostersync.settings.SyncSettings;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UnchangedPackageTest {

    /**
     * The key of a package is compared across processes (a nightly run is a new JVM, where
     * {@code Set.of} iterates in another order), so its text of the settings must not depend on
     * iteration order.
     */
    @Test
    void theSettingsTextListsSetsSorted() {
        SyncSettings settings = new SyncSettings(Set.of(30L, 4L, 12L), EnumSet.of(SyncSettings.SyncedRole.STUDENTS,
                SyncSettings.SyncedRole.GUARDIANS), SyncSettings.GuardianWithoutContact.SKIP, true, false,
                SyncSettings.StudentNumber.IDENTIFIER, SyncSettings.defaults().personMatchRules(),
                SyncSettings.Leavers.ARCHIVE, Duration.ofDays(7), java.util.Map.of(), true, false);
        String text = UnchangedPackage.canonical(settings);
        assertThat(text).startsWith("[4, 12, 30]|[GUARDIANS, STUDENTS]|SKIP|true|false|IDENTIFIER|"
                + "[SOURCED_ID, STUDENT_NUMBER, EMAIL]|ARCHIVE|PT168H|{");
        assertThat(text.indexOf("STUDENTS=")).isGreaterThan(0).isLessThan(text.indexOf("CLASSROOMS="));
        assertThat(UnchangedPackage.canonical(settings.withGracePeriod(Duration.ZERO))).isNotEqualTo(text);
    }
}
