package io.rostersync.settings;

import java.time.Instant;

/**
 * An admin's permission for the next run to cross its thresholds. It needs a reason, and it is
 * used up by the run it lets through: it reverts itself.
 */
public record ThresholdOverride(String reason, String grantedBy, Instant grantedAt) {

    public ThresholdOverride {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("an override needs a reason");
        }
        if (grantedBy == null || grantedBy.isBlank()) {
            throw new IllegalArgumentException("an override needs the admin who granted it");
        }
    }
}
