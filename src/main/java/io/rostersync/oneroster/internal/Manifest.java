package io.rostersync.oneroster.internal;

import de.siegmar.fastcsv.reader.CsvRecord;
import io.rostersync.oneroster.FileMode;
import io.rostersync.oneroster.OneRosterVersion;
import io.rostersync.oneroster.ProblemCode;
import io.rostersync.oneroster.RosterFile;
import io.rostersync.oneroster.internal.csv.CsvSource;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** manifest.csv: the versions, and per file whether it is bulk, delta or absent. */
final class Manifest {

    private static final String NAME = "manifest.csv";
    private static final List<String> FIXED_PROPERTIES = List.of("manifest.version", "oneroster.version",
            "source.systemName", "source.systemCode");

    /** The declared mode per file; a file with a blank mode maps to null. */
    final Map<RosterFile, FileMode> modes = new EnumMap<>(RosterFile.class);
    final Map<RosterFile, Integer> lines = new EnumMap<>(RosterFile.class);
    OneRosterVersion version;
    boolean versionMissing;

    static Manifest read(CsvSource csv, ProblemCollector problems) {
        Manifest m = new Manifest();
        m.parse(csv, problems);
        return m;
    }

    private void parse(CsvSource csv, ProblemCollector problems) {
        CsvRecord header = csv.next();
        if (header == null) {
            problems.reportFile(ProblemCode.FILE_EMPTY, NAME, "manifest.csv is empty.");
            versionMissing = true;
            return;
        }
        if (csv.hadBom()) {
            problems.reportFile(ProblemCode.ENCODING_BOM, NAME, "manifest.csv starts with a byte order mark.");
        }
        List<String> cells = header.getFields().stream().map(HeaderMatch::stripInvisible).toList();
        if (!cells.equals(List.of("propertyName", "value"))) {
            problems.report(ProblemCode.MANIFEST_HEADER, NAME, 1, null, null, "The header is '"
                    + String.join(",", header.getFields()) + "'.", "Make the first line exactly: propertyName,value");
        }
        Map<String, Integer> seen = new HashMap<>();
        String manifestVersion = null;
        String rosterVersion = null;
        int rosterVersionLine = 0;
        for (CsvRecord r = csv.next(); r != null; r = csv.next()) {
            int line = (int) r.getStartingLineNumber();
            if (r.getFieldCount() != 2) {
                problems.report(ProblemCode.MANIFEST_ROW, NAME, line, null, null, "The row has " + r.getFieldCount()
                        + " cells.", null);
                continue;
            }
            String key = Values.trim(r.getField(0));
            String value = Values.trim(r.getField(1));
            Integer first = seen.putIfAbsent(key, line);
            if (first != null) {
                problems.report(ProblemCode.MANIFEST_DUPLICATE_PROPERTY, NAME, line, "propertyName", null, "'" + key
                        + "' was already given on line " + first + ".", null);
                continue;
            }
            if (key.equals("manifest.version")) {
                manifestVersion = value;
                if (value.equals("1")) {
                    problems.report(ProblemCode.EXCEL_NUMBER_COERCED, NAME, line, "value", null,
                            "manifest.version is '1'; read as 1.0.", null);
                } else if (!value.equals("1.0")) {
                    problems.report(ProblemCode.MANIFEST_VERSION_UNSUPPORTED, NAME, line, "value", null,
                            "manifest.version is '" + value + "'; only 1.0 is defined.", null);
                }
            } else if (key.equals("oneroster.version")) {
                rosterVersion = value;
                rosterVersionLine = line;
            } else if (key.startsWith("source.") && FIXED_PROPERTIES.contains(key)) {
                // informative only
            } else if (RosterFile.fromManifestKey(key).isPresent()) {
                fileMode(RosterFile.fromManifestKey(key).get(), value, line, problems);
            } else {
                problems.report(ProblemCode.MANIFEST_UNKNOWN_PROPERTY, NAME, line, "propertyName", null, "'" + key
                        + "' is not a manifest property.", suggestion(key));
            }
        }
        if (manifestVersion == null || rosterVersion == null) {
            versionMissing = true;
            problems.reportFile(ProblemCode.MANIFEST_VERSION_MISSING, NAME, "manifest.csv does not give "
                    + (rosterVersion == null ? "oneroster.version" : "manifest.version") + ".");
        }
        if (rosterVersion != null) {
            version = OneRosterVersion.fromLabel(rosterVersion).orElse(null);
            if (version == null && rosterVersion.equals("1")) {
                problems.report(ProblemCode.MANIFEST_VERSION_UNSUPPORTED, NAME, rosterVersionLine, "value", null,
                        "oneroster.version is '1', perhaps 1.1 or 1.2 shortened by Excel.",
                        "Write oneroster.version as 1.1 or 1.2, in a text editor.");
            } else if (version == null || version == OneRosterVersion.V1_0) {
                version = null;
                problems.report(ProblemCode.MANIFEST_VERSION_UNSUPPORTED, NAME, rosterVersionLine, "value", null,
                        "oneroster.version is '" + rosterVersion + "'.", null);
            }
        }
    }

    private void fileMode(RosterFile file, String value, int line, ProblemCollector problems) {
        lines.put(file, line);
        String lower = value.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "bulk" -> modes.put(file, FileMode.BULK);
            case "delta" -> modes.put(file, FileMode.DELTA);
            case "absent" -> modes.put(file, FileMode.ABSENT);
            case "" -> {
                modes.put(file, null);
                problems.report(ProblemCode.MANIFEST_MODE_BLANK, NAME, line, "value", null, file.manifestKey()
                        + " has no value.", null);
            }
            default -> problems.report(ProblemCode.MANIFEST_MODE_INVALID, NAME, line, "value", null, file.manifestKey()
                    + " is '" + value + "'.", null);
        }
        if (!lower.equals(value) && modes.containsKey(file) && modes.get(file) != null) {
            problems.report(ProblemCode.FIELD_ENUM_CASE, NAME, line, "value", null, "'" + value + "' was read as '"
                    + lower + "'.", null);
        }
    }

    boolean declares(RosterFile file) {
        return modes.containsKey(file) || lines.containsKey(file);
    }

    private static String suggestion(String key) {
        String best = null;
        int bestDistance = 4;
        for (String candidate : candidates()) {
            int d = Values.distance(key.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best == null ? "Remove the row." : "Did you mean " + best + "?";
    }

    private static List<String> candidates() {
        java.util.ArrayList<String> all = new java.util.ArrayList<>(FIXED_PROPERTIES);
        for (RosterFile f : RosterFile.values()) {
            all.add(f.manifestKey());
        }
        return all;
    }
}
