package io.rostersync.settings;

/**
 * How much archiving of one kind a run may do without an admin: it is held when it would archive
 * more than {@code percent} of that kind's sync-managed records AND more than {@code absolute} of
 * them (so a small district is not held for two leavers, nor a large one let through for 5 %).
 */
public record Threshold(double percent, int absolute) {

    public static final Threshold DEFAULT = new Threshold(10.0, 5);

    public Threshold {
        if (percent < 0 || percent > 100 || Double.isNaN(percent)) {
            throw new IllegalArgumentException("percent must be between 0 and 100: " + percent);
        }
        if (absolute < 0) {
            throw new IllegalArgumentException("absolute must not be negative: " + absolute);
        }
    }

    /** Whether archiving {@code archiving} of {@code managed} records crosses this threshold. */
    public boolean crossedBy(long archiving, long managed) {
        return archiving > absolute && archiving * 100.0 > percent * managed;
    }
}
