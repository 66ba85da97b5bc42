package io.rostersync.demo.internal;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How a name typed by hand differs from the SIS's: each variant is empty when it does not apply to
 * the name (no accent to drop, no nickname known), so the planner picks children it fits.
 */
final class NameVariants {

    /** Nicknames that are not the start of the name: a name comparison that forgives "Jon" misses these. */
    private static final Map<String, String> NICKNAMES = Map.ofEntries(
            Map.entry("William", "Bill"), Map.entry("James", "Jim"), Map.entry("Jacob", "Jake"),
            Map.entry("Henry", "Hank"), Map.entry("Abigail", "Abby"),
            Map.entry("Madison", "Maddie"), Map.entry("Charlotte", "Lottie"), Map.entry("Olivia", "Liv"),
            Map.entry("Emily", "Millie"), Map.entry("José", "Pepe"), Map.entry("Jesús", "Chuy"),
            Map.entry("Guadalupe", "Lupe"), Map.entry("Alejandro", "Alex"), Map.entry("María José", "Majo"),
            Map.entry("Aleksandr", "Sasha"), Map.entry("Mikhail", "Misha"), Map.entry("Dmitri", "Dima"),
            Map.entry("Yekaterina", "Katya"), Map.entry("Anastasia", "Nastya"), Map.entry("Natalya", "Natasha"),
            Map.entry("Ivan", "Vanya"), Map.entry("Katarzyna", "Kasia"), Map.entry("Małgorzata", "Gosia"),
            Map.entry("Wojciech", "Wojtek"), Map.entry("Jakub", "Kuba"), Map.entry("Zuzanna", "Zuzia"),
            Map.entry("Agnieszka", "Aga"), Map.entry("Pádraig", "Paddy"), Map.entry("Abdullahi", "Abdi"),
            Map.entry("Elizabeth", "Betty"), Map.entry("Margaret", "Peggy"));

    /** Shortened given names, the start of the full one: what the sync's name comparison forgives. */
    private static final Map<String, String> SHORT_NAMES = Map.ofEntries(
            Map.entry("Alexander", "Alex"), Map.entry("Benjamin", "Ben"), Map.entry("Daniel", "Dan"),
            Map.entry("Santiago", "Santi"), Map.entry("Sebastián", "Sebas"), Map.entry("Valentina", "Vale"),
            Map.entry("Isabella", "Isa"), Map.entry("Fernanda", "Fer"), Map.entry("Mariana", "Mari"),
            Map.entry("Nikita", "Nik"), Map.entry("Samantha", "Sam"), Map.entry("Zachary", "Zach"));

    private NameVariants() {
    }

    static Optional<String> nickname(String given) {
        return Optional.ofNullable(NICKNAMES.get(given));
    }

    static Optional<String> shortened(String given) {
        return Optional.ofNullable(SHORT_NAMES.get(given));
    }

    /** Two neighbouring small letters swapped, the slip of a quick typist; empty for a name too short to tell. */
    static Optional<String> typo(String name) {
        for (int i = 2; i + 1 < name.length(); i++) {
            char a = name.charAt(i);
            char b = name.charAt(i + 1);
            if (Character.isLowerCase(a) && Character.isLowerCase(b) && a != b) {
                return Optional.of(name.substring(0, i) + b + a + name.substring(i + 2));
            }
        }
        return Optional.empty();
    }

    /** Hyphens as a keyboard without patience types them: a space between family names, none in a given name. */
    static Optional<String> withoutHyphen(String name, boolean familyName) {
        return name.indexOf('-') < 0 ? Optional.empty() : Optional.of(name.replace("-", familyName ? " " : ""));
    }

    static Optional<String> withoutAccents(String name) {
        String plain = plain(name);
        return plain.equals(name) ? Optional.empty() : Optional.of(plain);
    }

    /**
     * The name without the accents Unicode decomposes (é, ñ, ễ), but with ł, đ and ø: what the
     * sync's name comparison forgives, which takes ł for a letter of its own.
     */
    static Optional<String> withoutDecomposableAccents(String name) {
        String stripped = stripMarks(name);
        return stripped.equals(name) ? Optional.empty() : Optional.of(stripped);
    }

    /** The name in plain ASCII letters, as an old system without accents stored it. */
    static String plain(String name) {
        String stripped = stripMarks(name);
        StringBuilder b = new StringBuilder(stripped.length());
        for (int i = 0; i < stripped.length(); i++) {
            char c = stripped.charAt(i);
            switch (c) {
                case 'ł' -> b.append('l');
                case 'Ł' -> b.append('L');
                case 'đ' -> b.append('d');
                case 'Đ' -> b.append('D');
                case 'ø' -> b.append('o');
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static String stripMarks(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{Mn}", "");
    }

    /** Lower-case ASCII letters only, for usernames and e-mail addresses. */
    static String login(String name) {
        return plain(name).toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
    }
}
