package io.rostersync.cleanup.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Names as duplicate detection compares them: folded (lower case, no accents, no punctuation or
 * spaces), split into parts (a family name of two), and a given name's formal forms by the
 * nickname list ({@code cleanup/nicknames.tsv}).
 */
public final class NameKeys {

    private static final Map<String, Set<String>> FORMAL = load();

    private NameKeys() {
    }

    /** Lower-case letters and digits only: accents, hyphens, apostrophes and spaces dropped. */
    public static String fold(String name) {
        if (name == null) {
            return "";
        }
        String decomposed = Normalizer.normalize(name, Normalizer.Form.NFD);
        StringBuilder b = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = Character.toLowerCase(decomposed.charAt(i));
            switch (c) {
                case 'ł' -> b.append('l');
                case 'đ' -> b.append('d');
                case 'ø' -> b.append('o');
                case 'ß' -> b.append("ss");
                case 'æ' -> b.append("ae");
                case 'œ' -> b.append("oe");
                default -> {
                    if (Character.isLetterOrDigit(c)) {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    /** The parts of a name (split at spaces and hyphens), each folded: "García-López" is garcia and lopez. */
    public static List<String> parts(String name) {
        List<String> parts = new ArrayList<>();
        if (name == null) {
            return parts;
        }
        for (String part : name.split("[\\s\\-‐–]+")) {
            String f = fold(part);
            if (!f.isEmpty()) {
                parts.add(f);
            }
        }
        return parts;
    }

    /** The given name's folded form and the formal forms it is a nickname of. */
    public static Set<String> formal(String given) {
        String f = fold(given);
        Set<String> forms = new LinkedHashSet<>();
        if (f.isEmpty()) {
            return forms;
        }
        forms.add(f);
        forms.addAll(FORMAL.getOrDefault(f, Set.of()));
        return forms;
    }

    /** Whether two given names are one: folded equal, formal forms in common, or one starting the other. */
    public static boolean sameGivenName(String a, String b) {
        String fa = fold(a);
        String fb = fold(b);
        if (fa.isEmpty() || fb.isEmpty()) {
            return false;
        }
        if (fa.equals(fb) || Math.min(fa.length(), fb.length()) >= 2 && (fa.startsWith(fb) || fb.startsWith(fa))) {
            return true;
        }
        Set<String> formsA = formal(a);
        for (String form : formal(b)) {
            if (formsA.contains(form)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether two folded names are one typing slip apart (one letter added, left out, changed, or two
     * neighbours swapped), for names long enough that a slip is not another name (Jon and Jan).
     */
    public static boolean oneSlipApart(String a, String b) {
        if (a.equals(b) || Math.min(a.length(), b.length()) < 4 || Math.abs(a.length() - b.length()) > 1) {
            return false;
        }
        return distance(a, b) == 1;
    }

    /** The optimal-string-alignment distance (Damerau-Levenshtein without repeated edits of a substring). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    private static Map<String, Set<String>> load() {
        Map<String, Set<String>> formal = new HashMap<>();
        try (InputStream in = NameKeys.class.getResourceAsStream("/cleanup/nicknames.tsv")) {
            if (in == null) {
                throw new IllegalStateException("cleanup/nicknames.tsv is missing");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split("\t");
                String name = fold(cells[0]);
                for (String nick : cells[1].trim().split(" +")) {
                    formal.computeIfAbsent(fold(nick), k -> new LinkedHashSet<>()).add(name);
                }
                formal.computeIfAbsent(name, k -> new LinkedHashSet<>()).add(name);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return formal;
    }
}
