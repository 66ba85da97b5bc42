package io.rostersync.web.console;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times as the console shows them: UTC, to the second (or the day). */
public final class When {

    public static final When UTC = new When();

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private When() {
    }

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    /** The day, in UTC. */
    public String date(Instant instant) {
        return instant == null ? "" : DATE.format(instant);
    }

    public String utc(Instant instant) {
        return instant == null ? "" : FORMAT.format(instant);
    }
}
