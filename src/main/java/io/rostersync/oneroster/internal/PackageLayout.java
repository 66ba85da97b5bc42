package io.rostersync.oneroster.internal;

import io.rostersync.oneroster.ProblemCode;
import io.rostersync.oneroster.RosterFile;
import io.rostersync.oneroster.internal.source.PackageEntry;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which entry of a package is which OneRoster file: operating-system junk and nested archives are
 * set aside, one wrapping folder is tolerated, names are matched exactly and then ignoring case,
 * and two entries claiming one file are both refused rather than one picked at random.
 */
final class PackageLayout {

    final Map<RosterFile, PackageEntry> files = new EnumMap<>(RosterFile.class);
    PackageEntry manifest;
    int csvCount;

    private boolean inFolder;

    static PackageLayout of(List<PackageEntry> entries, boolean folder, ProblemCollector problems) {
        PackageLayout layout = new PackageLayout();
        layout.inFolder = folder;
        layout.classify(entries, problems);
        return layout;
    }

    private void classify(List<PackageEntry> entries, ProblemCollector problems) {
        Map<String, List<PackageEntry>> csvByFolder = new LinkedHashMap<>();
        for (PackageEntry e : entries) {
            String lower = e.fileName().toLowerCase(Locale.ROOT);
            if (isJunk(e)) {
                problems.report(ProblemCode.ZIP_JUNK_ENTRY, null, null, null, null, "'" + e.path()
                        + "' was ignored.", null);
            } else if (lower.endsWith(".zip")) {
                problems.report(ProblemCode.ZIP_NESTED_ARCHIVE, e.path(), null, null, null, "'" + e.path()
                        + "' is an archive inside the package; it was not opened.", inFolder
                                ? "Nothing to do if the CSV files beside it are the ones to read; otherwise send "
                                        + e.fileName() + " on its own." : null);
            } else if (!lower.endsWith(".csv")) {
                problems.report(ProblemCode.FILE_UNKNOWN, e.path(), null, null, null, "'" + e.path()
                        + "' is not a CSV file; it was ignored.", null);
            } else {
                csvByFolder.computeIfAbsent(e.folder(), k -> new ArrayList<>()).add(e);
                csvCount++;
            }
        }
        if (csvByFolder.isEmpty()) {
            return;
        }
        String folder = packageFolder(csvByFolder);
        if (!folder.isEmpty()) {
            problems.report(ProblemCode.ZIP_WRAPPING_FOLDER, null, null, null, null, "The CSV files are in the folder '"
                    + folder + "'.", null);
        }
        csvByFolder.forEach((f, list) -> {
            for (PackageEntry e : list) {
                if (f.equals(folder)) {
                    place(e, problems);
                } else {
                    problems.report(ProblemCode.FILE_UNKNOWN, e.path(), null, null, null, "'" + e.path()
                            + "' is outside the package folder '" + folder + "'; it was ignored.", null);
                }
            }
        });
    }

    /** The folder holding manifest.csv or users.csv, preferring the root; otherwise the one with most CSVs. */
    private static String packageFolder(Map<String, List<PackageEntry>> csvByFolder) {
        String best = null;
        int bestScore = -1;
        for (var e : csvByFolder.entrySet()) {
            int score = e.getValue().size();
            for (PackageEntry entry : e.getValue()) {
                String lower = entry.fileName().toLowerCase(Locale.ROOT);
                if (lower.equals("manifest.csv") || lower.equals("users.csv")) {
                    score += 1000;
                }
            }
            if (e.getKey().isEmpty()) {
                score += 1;
            }
            if (score > bestScore) {
                best = e.getKey();
                bestScore = score;
            }
        }
        return best;
    }

    private void place(PackageEntry e, ProblemCollector problems) {
        String name = e.fileName();
        if (name.equalsIgnoreCase("manifest.csv")) {
            if (!name.equals("manifest.csv")) {
                problems.report(ProblemCode.FILE_NAME_CASE, name, null, null, null, "'" + name
                        + "' was read as manifest.csv.", null);
            }
            if (manifest != null) {
                problems.report(ProblemCode.ZIP_DUPLICATE_ENTRY, "manifest.csv", null, null, null,
                        "The package holds manifest.csv twice; the first was read.", null);
                return;
            }
            manifest = e;
            return;
        }
        RosterFile file = RosterFile.fromFileName(name).orElse(null);
        if (file == null) {
            file = RosterFile.fromFileNameIgnoringCase(name).orElse(null);
            if (file != null && file.needed()) {
                problems.report(ProblemCode.FILE_NAME_CASE, file.fileName(), null, null, null, "'" + name
                        + "' was read as " + file.fileName() + ".", "Rename " + name + " to " + file.fileName() + ".");
            }
        }
        if (file == null) {
            problems.report(ProblemCode.FILE_UNKNOWN, name, null, null, null, "'" + name
                    + "' is not a OneRoster file; it was ignored.", unknownHint(name));
            return;
        }
        PackageEntry earlier = files.putIfAbsent(file, e);
        if (earlier != null) {
            problems.report(ProblemCode.ZIP_DUPLICATE_ENTRY, file.fileName(), null, null, null, "'" + earlier.path()
                    + "' and '" + e.path() + "' are both " + file.fileName() + "; neither was read.", null);
            duplicates.add(file);
        }
    }

    private final java.util.Set<RosterFile> duplicates = java.util.EnumSet.noneOf(RosterFile.class);

    /** Drops files that came twice: the package is ambiguous about them. */
    void dropDuplicates() {
        duplicates.forEach(files::remove);
    }

    private static String unknownHint(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = 4;
        for (RosterFile f : RosterFile.values()) {
            int d = Values.distance(lower, f.fileName().toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = f.fileName();
                bestDistance = d;
            }
        }
        return best == null ? null : "If it is " + best + ", rename it.";
    }

    private static boolean isJunk(PackageEntry e) {
        for (String segment : e.path().split("/")) {
            if (segment.startsWith(".") || segment.equals("__MACOSX")) {
                return true;
            }
        }
        String lower = e.fileName().toLowerCase(Locale.ROOT);
        return lower.equals("thumbs.db") || lower.equals("desktop.ini");
    }
}
