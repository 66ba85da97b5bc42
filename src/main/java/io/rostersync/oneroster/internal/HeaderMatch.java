package io.rostersync.oneroster.internal;

import io.rostersync.oneroster.ProblemCode;
import io.rostersync.oneroster.internal.spec.Column;
import io.rostersync.oneroster.internal.spec.FileSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How a file's actual header lines up with one of the binding's headers: for each column of the
 * spec, the CSV index that holds it (-1 when missing), the metadata.* extension columns, and what
 * was forgiven or is fatal on the way.
 */
public final class HeaderMatch {

    /** A header finding, reported once the best-fitting spec is chosen. */
    public record Finding(ProblemCode code, String column, String message, String hint) {
    }

    private final FileSpec spec;
    private final int[] indexOfColumn;
    private final List<Integer> metadataColumns = new ArrayList<>();
    private final List<Finding> findings = new ArrayList<>();
    private final int width;
    /** Spec columns found under their OneRoster 1.0 name: their values are read the 1.0 way. */
    private final java.util.BitSet oldNamed = new java.util.BitSet();
    private int minimumWidth;
    private int unknown;
    private int score;
    private boolean fatal;

    /** OneRoster 1.0 column names that later versions renamed, to the later name. */
    private static final java.util.Map<String, String> OLD_NAMES = oldNames();

    private static java.util.Map<String, String> oldNames() {
        java.util.Map<String, String> names = new java.util.HashMap<>();
        for (io.rostersync.oneroster.RosterFile f : io.rostersync.oneroster.RosterFile.values()) {
            for (FileSpec s : io.rostersync.oneroster.internal.spec.FileSpecs.specs(f,
                    io.rostersync.oneroster.OneRosterVersion.V1_0)) {
                for (Column c : s.columns()) {
                    if (!c.name().equals(c.field()) && !c.field().equals("sourcedId")) {
                        names.put(c.name(), c.field());
                    }
                }
            }
        }
        return java.util.Map.copyOf(names);
    }

    private HeaderMatch(FileSpec spec, int width) {
        this.spec = spec;
        this.width = width;
        this.indexOfColumn = new int[spec.columns().size()];
        java.util.Arrays.fill(indexOfColumn, -1);
    }

    /** Matches a header against one spec. */
    public static HeaderMatch of(FileSpec spec, List<String> rawCells) {
        HeaderMatch m = new HeaderMatch(spec, rawCells.size());
        m.match(rawCells);
        return m;
    }

    /** The best of several specs: most columns matched, the earlier spec on a tie. */
    public static HeaderMatch best(List<FileSpec> specs, List<String> rawCells) {
        HeaderMatch best = null;
        for (FileSpec s : specs) {
            HeaderMatch m = of(s, rawCells);
            if (best == null || m.score > best.score) {
                best = m;
            }
        }
        return best;
    }

    private void match(List<String> rawCells) {
        List<Column> cols = spec.columns();
        int n = rawCells.size();
        String[] cells = new String[n];
        boolean[] assigned = new boolean[n];
        for (int i = 0; i < n; i++) {
            String raw = rawCells.get(i);
            String clean = stripInvisible(raw);
            cells[i] = clean;
            if (!clean.equals(raw) && !clean.isEmpty()) {
                findings.add(new Finding(ProblemCode.HEADER_INVISIBLE_CHARACTER, clean,
                        "The header cell '" + visible(raw) + "' holds invisible characters; read as '" + clean + "'.",
                        null));
            }
        }
        minimumWidth = n;
        while (minimumWidth > 0 && cells[minimumWidth - 1].isEmpty()) {
            minimumWidth--;
        }
        if (n == 1 && cells[0].indexOf(';') >= 0) {
            fatal(ProblemCode.CSV_SEMICOLON_DELIMITED, null, "The header is separated by semicolons: " + cells[0], null);
            return;
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                if (!cells[i].isEmpty() && cells[i].equals(cells[j])) {
                    assigned[i] = true;
                    fatal(ProblemCode.HEADER_DUPLICATE_COLUMN, cells[i],
                            "The column '" + cells[i] + "' appears twice (columns " + (j + 1) + " and " + (i + 1) + ").",
                            null);
                }
            }
        }
        for (int i = 0; i < n; i++) {
            if (cells[i].isEmpty()) {
                assigned[i] = true;
                findings.add(new Finding(ProblemCode.HEADER_EMPTY_COLUMN, null,
                        "Header cell " + (i + 1) + " is empty; that column was ignored.", null));
            } else if (cells[i].toLowerCase(Locale.ROOT).startsWith("metadata.")) {
                assigned[i] = true;
                metadataColumns.add(i);
            }
        }
        // exact names first, then case, then near misses: a typo never steals an exact column
        for (int i = 0; i < n; i++) {
            if (!assigned[i]) {
                int c = unmatchedColumn(cells[i], false);
                if (c >= 0) {
                    assign(c, i, assigned);
                    score += 3;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            if (!assigned[i]) {
                int c = unmatchedColumn(cells[i], true);
                if (c >= 0) {
                    assign(c, i, assigned);
                    score += 2;
                    findings.add(new Finding(ProblemCode.HEADER_CASE, cols.get(c).name(),
                            "The column '" + cells[i] + "' was read as '" + cols.get(c).name() + "'.",
                            "Rename the column to " + cols.get(c).name() + "."));
                }
            }
        }
        for (int i = 0; i < n; i++) {
            if (!assigned[i] && spec.version() != io.rostersync.oneroster.OneRosterVersion.V1_0
                    && OLD_NAMES.containsKey(cells[i])) {
                int c = unmatchedColumn(OLD_NAMES.get(cells[i]), false);
                if (c >= 0) {
                    assign(c, i, assigned);
                    oldNamed.set(c);
                    score += 1;
                    findings.add(new Finding(ProblemCode.HEADER_MISSPELLED_COLUMN, cols.get(c).name(),
                            "'" + cells[i] + "' is the OneRoster 1.0 name of '" + cols.get(c).name()
                                    + "'; it was read as that column.",
                            "Rename the column to " + cols.get(c).name() + ", as OneRoster " + spec.version()
                                    + " names it."));
                }
            }
        }
        for (int i = 0; i < n; i++) {
            if (!assigned[i]) {
                int c = nearestUnmatched(cells[i]);
                if (c >= 0) {
                    assign(c, i, assigned);
                    score += 1;
                    findings.add(new Finding(ProblemCode.HEADER_MISSPELLED_COLUMN, cols.get(c).name(),
                            "The column '" + cells[i] + "' was read as '" + cols.get(c).name() + "'.",
                            "Did you mean " + cols.get(c).name() + "? Rename the column."));
                }
            }
        }
        for (int i = 0; i < n; i++) {
            if (!assigned[i]) {
                unknown++;
                String hint = suggestion(cells[i]);
                if (spec.file() == io.rostersync.oneroster.RosterFile.DEMOGRAPHICS) {
                    // its header may be a child's data (a file sent without one): named by its place only
                    findings.add(new Finding(ProblemCode.HEADER_UNKNOWN_COLUMN, "column " + (i + 1), "Column " + (i + 1)
                            + " of demographics.csv is not a column of it in OneRoster " + spec.version()
                            + "; its values were not read and are not kept.", null));
                    continue;
                }
                findings.add(new Finding(ProblemCode.HEADER_UNKNOWN_COLUMN, cells[i],
                        "The column '" + cells[i] + "' is not a column of " + spec.file().fileName() + " in OneRoster "
                                + spec.version() + "; its values were not read and are not kept.", hint));
            }
        }
        for (int c = 0; c < cols.size(); c++) {
            if (indexOfColumn[c] < 0) {
                Column col = cols.get(c);
                if (col.required()) {
                    fatal(ProblemCode.HEADER_MISSING_COLUMN, col.name(), "The required column '" + col.name()
                            + "' is missing from the header, so " + spec.file().fileName() + " was not read.",
                            "Add the column " + col.name() + ".");
                } else if (col.type() != io.rostersync.oneroster.internal.spec.ColumnType.PERSONAL) {
                    // a fact about a child we do not need is best left out: never asked for
                    findings.add(new Finding(ProblemCode.HEADER_MISSING_OPTIONAL_COLUMN, col.name(),
                            "The column '" + col.name() + "' is missing from the header; it reads as blank.", null));
                }
            }
        }
        int last = -1;
        boolean ordered = true;
        for (int c = 0; c < cols.size(); c++) {
            if (indexOfColumn[c] >= 0) {
                ordered &= indexOfColumn[c] > last;
                last = Math.max(last, indexOfColumn[c]);
            }
        }
        if (!ordered) {
            findings.add(new Finding(ProblemCode.HEADER_ORDER, null, "The columns are not in the order of "
                    + spec.file().fileName() + " in OneRoster " + spec.version() + ".",
                    "Expected order: " + String.join(",", spec.header())));
        }
        for (int i : metadataColumns) {
            // 1.0 placed its own metadata.* columns among the others
            if (i < last && spec.version() != io.rostersync.oneroster.OneRosterVersion.V1_0) {
                findings.add(new Finding(ProblemCode.HEADER_METADATA_POSITION, cells[i], "The extension column '"
                        + cells[i] + "' stands before binding columns.", null));
                break;
            }
        }
    }

    private void assign(int column, int cell, boolean[] assigned) {
        indexOfColumn[column] = cell;
        assigned[cell] = true;
    }

    private int unmatchedColumn(String cell, boolean ignoreCase) {
        List<Column> cols = spec.columns();
        for (int c = 0; c < cols.size(); c++) {
            if (indexOfColumn[c] < 0
                    && (ignoreCase ? cols.get(c).name().equalsIgnoreCase(cell) : cols.get(c).name().equals(cell))) {
                return c;
            }
        }
        return -1;
    }

    private int nearestUnmatched(String cell) {
        List<Column> cols = spec.columns();
        int best = -1;
        int bestDistance = Integer.MAX_VALUE;
        for (int c = 0; c < cols.size(); c++) {
            if (indexOfColumn[c] < 0) {
                String name = cols.get(c).name();
                int d = Values.distance(cell.toLowerCase(Locale.ROOT), name.toLowerCase(Locale.ROOT));
                if (d <= Math.max(1, name.length() / 6) && d < bestDistance) {
                    best = c;
                    bestDistance = d;
                }
            }
        }
        return best;
    }

    private String suggestion(String cell) {
        if (cell.startsWith("ext_") || cell.startsWith("ext.") || cell.startsWith("x-")) {
            return "A vendor extension: name it metadata." + cell + " and put it at the end of the header.";
        }
        String best = null;
        int bestDistance = 4;
        for (Column col : spec.columns()) {
            int d = Values.distance(cell.toLowerCase(Locale.ROOT), col.name().toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = col.name();
                bestDistance = d;
            }
        }
        return best == null ? null : "Did you mean " + best + "?";
    }

    private void fatal(ProblemCode code, String column, String message, String hint) {
        fatal = true;
        findings.add(new Finding(code, column, message, hint));
    }

    static String stripInvisible(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean invisible = c == '\uFEFF' || c == '\u200B' || c == '\u200C' || c == '\u200D' || c == '\u00A0'
                    || c == '\u2060' || c == ' ' || c == '\t';
            if (invisible && b == null) {
                b = new StringBuilder(s.length());
                b.append(s, 0, i);
            } else if (!invisible && b != null) {
                b.append(c);
            }
        }
        return b == null ? s : b.toString();
    }

    private static String visible(String s) {
        return s.replace("\uFEFF", "<BOM>").replace("\u200B", "<zero-width space>").replace("\u00A0", "<no-break space>")
                .replace("\u200C", "<ZWNJ>").replace("\u200D", "<ZWJ>").replace("\u2060", "<word joiner>");
    }

    public FileSpec spec() {
        return spec;
    }

    public int index(String field) {
        int c = spec.indexOfField(field);
        return c < 0 ? -1 : indexOfColumn[c];
    }

    public int indexOfColumn(int specColumn) {
        return indexOfColumn[specColumn];
    }

    public List<Integer> metadataColumns() {
        return metadataColumns;
    }

    public List<Finding> findings() {
        return findings;
    }

    /** Whether the file cannot be read with this header (a required column missing, duplicates). */
    public boolean fatal() {
        return fatal;
    }

    /** The number of cells the header has: every row should have as many. */
    public int width() {
        return width;
    }

    public int score() {
        return score;
    }

    /** Whether all spec columns were found with their exact names, and no other column but extensions. */
    public boolean exact() {
        return score == 3 * spec.columns().size() && unknown == 0;
    }

    /** Whether a spec column's values follow OneRoster 1.0 (a 1.0 file, or a 1.0 column name in a later one). */
    public boolean readsAs10(int specColumn) {
        return spec.version() == io.rostersync.oneroster.OneRosterVersion.V1_0 || oldNamed.get(specColumn);
    }

    /** Whether a field's values follow OneRoster 1.0; false when the header lacks the field. */
    public boolean readsAs10(String field) {
        int c = spec.indexOfField(field);
        return c >= 0 && readsAs10(c);
    }

    /** The fewest cells a row may have: the header without its empty trailing cells. */
    public int minimumWidth() {
        return minimumWidth;
    }
}
