package io.rostersync.feed;

import java.util.List;
import java.util.regex.Pattern;

/**
 * When a district's feed is unwell, and whom to tell.
 *
 * @param quietDays      a finding when no file has come for this many days
 * @param sameFileDays   a finding when only the same bytes have come for this many days
 * @param shrinkPercent  a finding when the latest file is this much smaller (in %) than the one before
 * @param failuresInARow a finding when this many files in a row failed
 * @param recipients         the email addresses told when a finding appears and when it clears
 */
public record FeedSettings(int quietDays, int sameFileDays, int shrinkPercent, int failuresInARow,
        List<String> recipients) {

    public static final FeedSettings DEFAULT = new FeedSettings(2, 3, 30, 2, List.of());

    /** A plain address (the mail server checks the rest): one @, no spaces or angle brackets. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>,;]+@[^@\\s<>,;]+\\.[^@\\s<>,;]+");

    public FeedSettings {
        recipients = List.copyOf(recipients);
        if (quietDays < 1 || quietDays > 60) {
            throw new IllegalArgumentException("quietDays is 1 to 60");
        }
        if (sameFileDays < 1 || sameFileDays > 60) {
            throw new IllegalArgumentException("sameFileDays is 1 to 60");
        }
        if (shrinkPercent < 5 || shrinkPercent > 95) {
            throw new IllegalArgumentException("shrinkPercent is 5 to 95");
        }
        if (failuresInARow < 1 || failuresInARow > 20) {
            throw new IllegalArgumentException("failuresInARow is 1 to 20");
        }
        if (recipients.size() > 20) {
            throw new IllegalArgumentException("at most 20 addresses are told");
        }
        for (String address : recipients) {
            if (!EMAIL.matcher(address).matches()) {
                throw new IllegalArgumentException("'" + address + "' is not an email address");
            }
        }
    }
}
