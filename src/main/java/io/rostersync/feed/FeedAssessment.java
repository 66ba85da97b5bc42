package io.rostersync.feed;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The findings for a district's recent drops (newest first): a pure function, table-tested. A
 * district that never sent anything has no findings (its setup is not done, which the setup
 * checklist says).
 */
final class FeedAssessment {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm 'UTC'",
            Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private FeedAssessment() {
    }

    static List<Finding> assess(List<DropFact> newestFirst, FeedSettings settings, Instant now) {
        List<Finding> findings = new ArrayList<>();
        if (newestFirst.isEmpty()) {
            return findings;
        }
        DropFact newest = newestFirst.get(0);
        Instant quietSince = newest.receivedAt().plus(Duration.ofDays(settings.quietDays()));
        if (!quietSince.isAfter(now)) {
            findings.add(new Finding(Finding.Kind.QUIET, newest.receivedAt(), "No file has come for "
                    + days(newest.receivedAt(), now) + " (the last on " + DAY.format(newest.receivedAt()) + ").",
                    "Check the SIS's export job (PowerSchool AutoSend, Infinite Campus, Skyward…) and the SFTP"
                            + " password it uses; the SFTP log shows its login attempts."));
        }
        List<DropFact> sent = newestFirst.stream().filter(d -> !d.skipped()).toList();
        if (newest.skipped() && !sent.isEmpty()) {
            Instant unchangedSince = sent.get(0).receivedAt();
            if (!unchangedSince.plus(Duration.ofDays(settings.sameFileDays())).isAfter(newest.receivedAt())) {
                findings.add(new Finding(Finding.Kind.SAME_FILE, unchangedSince, "The same file, byte for byte, has"
                        + " come for " + days(unchangedSince, newest.receivedAt()) + " (unchanged since "
                        + DAY.format(unchangedSince) + ").", "The SIS may be sending an old export: check that its"
                        + " export job writes a new file before it sends one."));
            }
        }
        if (sent.size() >= 2 && sent.get(1).bytes() > 0) {
            long latest = sent.get(0).bytes();
            long before = sent.get(1).bytes();
            if (latest * 100 < before * (100L - settings.shrinkPercent())) {
                long smaller = Math.round(100.0 * (before - latest) / before);
                findings.add(new Finding(Finding.Kind.SHRANK, sent.get(0).receivedAt(), "The latest file ("
                        + size(latest) + ") is " + smaller + "% smaller than the one before (" + size(before) + ").",
                        "A partial export? Check that every school and term is still in the SIS's export; the sync's"
                                + " thresholds hold a run that would archive too much."));
            }
        }
        List<DropFact> read = sent.stream().filter(DropFact::read).toList();
        int k = settings.failuresInARow();
        if (read.size() >= k && read.subList(0, k).stream().allMatch(DropFact::failed)) {
            int inARow = (int) read.stream().takeWhile(DropFact::failed).count();
            findings.add(new Finding(Finding.Kind.FAILING, read.get(inARow - 1).receivedAt(), inARow == 1
                    ? "The last file could not be used." : "The last " + inARow + " files could not be used.", "Read the latest drop's run: its problems say, per file and line,"
                            + " what to fix in the SIS's export."));
        }
        return findings;
    }

    private static String days(Instant from, Instant to) {
        long days = Duration.between(from, to).toDays();
        return days == 1 ? "1 day" : days + " days";
    }

    private static String size(long bytes) {
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }
}
