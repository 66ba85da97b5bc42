/**
 * Feed health: whether a district's files keep coming and look sane (no file for days, the same
 * file day after day, a file much smaller than the one before, failures in a row), shown through
 * the REST API and sent by email to whom the district names, once when a finding appears and once
 * when it clears.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Feed health")
package io.rostersync.feed;
