package io.rostersync.sync.internal.plan;

import io.rostersync.oneroster.RecordOrigin;

/**
 * A school as the source names it: from orgs.csv (an org of type school), or, when orgs.csv was
 * not sent, only its School ID as the files refer to it (then {@code name} is null).
 */
public record SourceSchool(String orgSourcedId, String name, RecordOrigin origin) {
}
