package io.rostersync.settings;

import io.rostersync.directory.EntityKind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SyncSettingsTest {

    @Test
    void aNewDistrictSyncsEverythingArchivesLeaversAtOnceAndHoldsAtTenPercentAndFive() {
        SyncSettings s = SyncSettings.defaults();
        assertThat(s.syncsAllSchools()).isTrue();
        assertThat(s.rolesThatSync()).containsExactlyInAnyOrder(SyncSettings.SyncedRole.values());
        assertThat(s.guardiansWithoutContact()).isEqualTo(SyncSettings.GuardianWithoutContact.SKIP);
        assertThat(s.leavers()).isEqualTo(SyncSettings.Leavers.ARCHIVE);
        assertThat(s.gracePeriod()).isZero();
        assertThat(s.applyWhenHeld()).isTrue();
        assertThat(s.overwriteHandEdits()).isFalse();
        for (EntityKind kind : EntityKind.values()) {
            assertThat(s.threshold(kind)).isEqualTo(new Threshold(10, 5));
        }
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new Threshold(120, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Threshold(10, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SyncSettings.defaults().withGracePeriod(Duration.ofDays(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ThresholdOverride(" ", "admin", Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reason");
    }

    @Test
    void aThresholdNeedsBothTheShareAndTheCount() {
        Threshold t = Threshold.DEFAULT;
        assertThat(t.crossedBy(6, 12)).isTrue();
        assertThat(t.crossedBy(5, 12)).isFalse();
        assertThat(t.crossedBy(99, 1000)).isFalse();
        assertThat(t.crossedBy(101, 1000)).isTrue();
    }
}
