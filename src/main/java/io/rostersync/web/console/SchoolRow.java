package io.rostersync.web.console;

/**
 * A OneRoster school of the latest drop, beside ours: the school matched to it by its School ID, or
 * else the one suggested (either may be null).
 */
public record SchoolRow(String orgSourcedId, String orgName, String orgIdentifier, Long matchedId,
        String matchedName, Long suggestedId, String suggestedName) {

    public boolean matched() {
        return matchedId != null;
    }
}
