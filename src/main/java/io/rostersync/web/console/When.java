package io.rostersync.web.console;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times as the console shows them: UTC, to the second. */
public final class When {

    public static final When UTC = new When();

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private When() {
    }

    public String utc(Instant instant) {
        return instant == null ? "" : FORMAT.format(instant);
    }
}
