package io.rostersync.oneroster;

/** One item of users.userIds, {@code {type:id}}, e.g. {@code {SIS:12345}}. */
public record UserId(String type, String id) {
}
