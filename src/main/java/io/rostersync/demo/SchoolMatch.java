package io.rostersync.demo;

/**
 * A hand-made school and the roster school it is (what an admin matches by School ID), or, for the
 * school the roster does not have, null for both.
 */
public record SchoolMatch(String handMadeName, String orgSourcedId, String rosterName) {
}
