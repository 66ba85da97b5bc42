package io.rostersync.web.console;

/** The signed-in admin, as a page shows them. */
public record ConsoleUser(String name, String district, String districtName, boolean districtWide) {
}
