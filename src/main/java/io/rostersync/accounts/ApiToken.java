package io.rostersync.accounts;

import java.time.Instant;

/** An API token as it is listed: never the token itself, only the first characters it was shown with. */
public record ApiToken(long districtId, long id, String name, String shownPrefix, String createdBy, Instant createdAt,
        Instant lastUsedAt, Instant revokedAt) {

    public boolean revoked() {
        return revokedAt != null;
    }
}
