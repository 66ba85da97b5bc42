package io.rostersync.sync.internal.correlate;

import java.text.Normalizer;
import java.util.Locale;

/** Name comparison that forgives accents, case, punctuation and a shortened given name, nothing more. */
public final class Names {

    private Names() {
    }

    public static String fold(String name) {
        if (name == null) {
            return "";
        }
        String decomposed = Normalizer.normalize(name, Normalizer.Form.NFD);
        StringBuilder b = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                b.append(Character.toLowerCase(c));
            }
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }

    /** The same family name, and given names equal or one the start of the other (Jon, Jonathan). */
    static boolean samePerson(String given1, String family1, String given2, String family2) {
        String f1 = fold(family1);
        String f2 = fold(family2);
        if (f1.isEmpty() || !f1.equals(f2)) {
            return false;
        }
        String g1 = fold(given1);
        String g2 = fold(given2);
        return !g1.isEmpty() && !g2.isEmpty() && (g1.startsWith(g2) || g2.startsWith(g1));
    }

    static boolean sameName(String a, String b) {
        String fa = fold(a);
        return !fa.isEmpty() && fa.equals(fold(b));
    }
}
