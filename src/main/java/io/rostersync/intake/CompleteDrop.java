package io.rostersync.intake;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides, from what is known of the files in a district's folder (ours or the district's site),
 * whether they hold a complete drop, and which files it is. The same rule for the hosted folder and
 * the polled site; a pure function, table-tested.
 */
final class CompleteDrop {

    private CompleteDrop() {
    }

    /**
     * A file in the folder: unchanged (size and time) since {@code unchangedSince}; {@code open} when
     * the server knows it is still being written, or was left unfinished by a dropped connection;
     * {@code taken} when it was part of an earlier drop, unchanged since (a polled site keeps its
     * files): it still counts as present, so a drop waits while it is rewritten, and is part of the
     * next package of loose files once another is new; a taken ZIP or marker says nothing new.
     */
    record Candidate(String name, Instant unchangedSince, boolean open, boolean taken) {

        Candidate(String name, Instant unchangedSince, boolean open) {
            this(name, unchangedSince, open, false);
        }
    }

    /** The files that are the drop, and the files used up with it that are no part of it (a marker). */
    record Decision(List<String> drop, List<String> consumed) {
    }

    static Optional<Decision> decide(List<Candidate> files, Arrival arrival, Duration defaultStableFor, Instant now) {
        Duration stableFor = arrival.stableFor(defaultStableFor);
        List<Candidate> named = files.stream().filter(f -> !temporary(f.name()))
                .sorted(Comparator.comparing(Candidate::name)).toList();
        boolean writing = files.stream().anyMatch(f -> temporary(f.name()) || f.open());
        switch (arrival.completeness()) {
            case MARKER -> {
                Optional<Candidate> marker = named.stream()
                        .filter(f -> f.name().equalsIgnoreCase(arrival.markerFile()) && !f.taken()).findFirst();
                if (marker.isEmpty() || files.stream().anyMatch(Candidate::open)) {
                    return Optional.empty();
                }
                List<Candidate> rest = named.stream()
                        .filter(f -> !f.name().equalsIgnoreCase(arrival.markerFile())).toList();
                return Optional.of(new Decision(drop(rest), List.of(marker.get().name())));
            }
            case RENAMED_ZIP -> {
                Optional<Candidate> zip = named.stream().filter(f -> isZip(f.name()) && !f.open() && !f.taken())
                        .min(Comparator.comparing(Candidate::unchangedSince).thenComparing(Candidate::name));
                if (zip.isPresent()) {
                    return Optional.of(new Decision(List.of(zip.get().name()), List.of()));
                }
                List<Candidate> loose = named.stream().filter(f -> !isZip(f.name())).toList();
                boolean looseWriting = files.stream().anyMatch(f -> !isZip(f.name())
                        && (temporary(f.name()) || f.open()));
                return stable(loose, looseWriting, stableFor, now);
            }
            default -> {
                return stable(named, writing, stableFor, now);
            }
        }
    }

    private static Optional<Decision> stable(List<Candidate> files, boolean writing, Duration stableFor, Instant now) {
        if (files.isEmpty() || writing) {
            return Optional.empty();
        }
        for (Candidate f : files) {
            // seen unchanged by an earlier look, however short the wait: a file seen only now may be growing
            if (!f.unchangedSince().isBefore(now) || f.unchangedSince().plus(stableFor).isAfter(now)) {
                return Optional.empty();
            }
        }
        List<String> drop = drop(files);
        return drop.isEmpty() ? Optional.empty() : Optional.of(new Decision(drop, List.of()));
    }

    /**
     * The package among complete files, if something in it is new: a ZIP is a package of its own (the
     * one waiting longest first); loose files are one package together, all of them, also those taken
     * before and unchanged since (a OneRoster bulk package is all its files, and a polled site keeps
     * them), as soon as one of them is new.
     */
    private static List<String> drop(List<Candidate> files) {
        Optional<Candidate> zip = files.stream().filter(f -> isZip(f.name()) && !f.taken())
                .min(Comparator.comparing(Candidate::unchangedSince).thenComparing(Candidate::name));
        if (zip.isPresent()) {
            return List.of(zip.get().name());
        }
        List<Candidate> loose = files.stream().filter(f -> !isZip(f.name())).toList();
        return loose.stream().anyMatch(f -> !f.taken()) ? loose.stream().map(Candidate::name).toList() : List.of();
    }

    /** A name that says the file is still being written: an uploader's temporary name, or hidden. */
    static boolean temporary(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.startsWith(".") || n.endsWith(".part") || n.endsWith(".filepart") || n.endsWith(".tmp");
    }

    private static boolean isZip(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(".zip");
    }
}
