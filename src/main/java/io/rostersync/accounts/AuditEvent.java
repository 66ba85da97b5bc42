package io.rostersync.accounts;

import java.time.Instant;

/**
 * One admin action: who ({@code actor}, of {@code actorKind}), from which address, what ({@code
 * action}, e.g. {@code schedule.update}), on which record, and a short detail.
 */
public record AuditEvent(long districtId, long id, Instant at, String actor, ActorKind actorKind, String address,
        String action, String target, String detail) {

    /** Who acts: an admin signed in, an API token, the operator at the command line, the service itself. */
    public enum ActorKind {
        ADMIN, TOKEN, OPERATOR, SYSTEM;

        String column() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
