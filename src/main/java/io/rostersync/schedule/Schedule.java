package io.rostersync.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * A district's schedule: whether its drops are applied (or only previewed), whether they are synced
 * as they arrive or at a daily time in the district's time zone, and a date before which nothing is
 * synced (a pause over the summer or a rollover). A pure value: {@link #notBefore} is when a drop
 * that arrived at a given instant may be synced.
 */
public record Schedule(boolean syncEnabled, Mode mode, LocalTime dailyAt, ZoneId zone, LocalDate pausedUntil) {

    public enum Mode {
        /** Each drop as soon as it is complete. */
        ON_ARRIVAL,
        /** The drops that came in, at the next daily time (a SIS that pushes several times a night). */
        DAILY
    }

    /** A new district's: previewed, as drops arrive, no pause. */
    public static final Schedule NEW_DISTRICT = new Schedule(false, Mode.ON_ARRIVAL, LocalTime.of(2, 0),
            ZoneId.of("UTC"), null);

    public Schedule {
        java.util.Objects.requireNonNull(mode, "mode");
        java.util.Objects.requireNonNull(dailyAt, "dailyAt");
        java.util.Objects.requireNonNull(zone, "zone");
    }

    /**
     * When a drop received at {@code receivedAt} may be synced: at once, or at the next daily time at
     * or after it; and never before the start of {@code pausedUntil} in the district's zone (then at
     * the first daily time from there). A daily time that a clock change skips runs just after it.
     */
    public Instant notBefore(Instant receivedAt) {
        Instant earliest = receivedAt;
        if (pausedUntil != null) {
            Instant pauseEnds = pausedUntil.atStartOfDay(zone).toInstant();
            if (earliest.isBefore(pauseEnds)) {
                earliest = pauseEnds;
            }
        }
        if (mode == Mode.ON_ARRIVAL) {
            return earliest;
        }
        ZonedDateTime local = earliest.atZone(zone);
        ZonedDateTime today = ZonedDateTime.of(local.toLocalDate(), dailyAt, zone);
        return (today.toInstant().isBefore(earliest) ? ZonedDateTime.of(local.toLocalDate().plusDays(1), dailyAt, zone)
                : today).toInstant();
    }

    /** Whether the district is paused at this instant. */
    public boolean pausedAt(Instant now) {
        return pausedUntil != null && now.isBefore(pausedUntil.atStartOfDay(zone).toInstant());
    }

    public Schedule withSyncEnabled(boolean value) {
        return new Schedule(value, mode, dailyAt, zone, pausedUntil);
    }

    public Schedule withMode(Mode value) {
        return new Schedule(syncEnabled, value, dailyAt, zone, pausedUntil);
    }
}
