package io.rostersync.generator;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * How the directory comes to hold one child twice: a record made by hand (by a school office, or an
 * older system) beside the SIS's record of the same child, with the differences real districts see.
 * {@link #copy} makes such a record from the SIS's, drawing each difference with the frequency below,
 * and says which it drew, so that duplicate detection can be measured against the truth.
 *
 * <p>The frequencies (each drawn on its own):
 * <ul>
 * <li>the name: the same 30%, a nickname or short form 15% (when the given name has one), a typing
 * slip (two neighbouring letters swapped, a letter left out or doubled) 20%, accents, hyphens and
 * apostrophes left out 10%, different capitals 10%, given and family names swapped 10%, a second family
 * name left out 5% (when there is one); a change that does not apply keeps the name;</li>
 * <li>the student number: the same 35%, zero-padded to eight digits by the old system 20%, none 35%,
 * the old system's own number 10%;</li>
 * <li>the school: the same 85%, another school of the district (the child moved) 15%;</li>
 * <li>the grade: the same 80%, last year's (the record was never updated) 20%;</li>
 * <li>a guardian's email kept on a guardian record made by hand 35%;</li>
 * <li>the birth date, when the SIS sends one: the same 70% (an enrolment form asks for it), none 25%
 * (an older system's import without it), another date 5% (typed wrong).</li>
 * </ul>
 * The birth date is drawn after the rest, so that a model without birth dates draws the same copies.
 */
public final class DuplicateModel {

    /** How the copy's name differs from the SIS's. */
    public enum NameChange {
        NONE, NICKNAME, TYPO, ACCENTS_AND_PUNCTUATION, CAPITALS, NAMES_SWAPPED, SECOND_FAMILY_NAME_DROPPED
    }

    /** What the copy has for the student number. */
    public enum NumberChange {
        SAME, ZERO_PADDED, MISSING, OLD_SYSTEM
    }

    /** What the copy has for the birth date (its key: the dates themselves are never at hand). */
    public enum BirthDateChange {
        SAME, MISSING, OTHER_DATE
    }

    /** The SIS's record of the child; {@code birthKey} the key of their birth date, null when the SIS sent none. */
    public record Original(String givenName, String familyName, String grade, String studentNumber, long schoolId,
            String guardianEmail, String birthKey) {

        public Original(String givenName, String familyName, String grade, String studentNumber, long schoolId,
                String guardianEmail) {
            this(givenName, familyName, grade, studentNumber, schoolId, guardianEmail, null);
        }
    }

    /** The record made by hand, and how it differs. */
    public record Copy(String givenName, String familyName, String grade, String studentNumber, long schoolId,
            String guardianEmail, NameChange name, NumberChange number, boolean movedSchool, boolean lastYearsGrade,
            String birthKey, BirthDateChange birthDate) {
    }

    /** Familiar forms of names of the generator's lists, as families and offices write them. */
    private static final Map<String, List<String>> FAMILIAR = Map.ofEntries(
            Map.entry("William", List.of("Bill", "Will", "Liam")), Map.entry("James", List.of("Jim", "Jimmy")),
            Map.entry("Benjamin", List.of("Ben", "Benji")), Map.entry("Alexander", List.of("Alex", "Xander")),
            Map.entry("Daniel", List.of("Dan", "Danny")), Map.entry("Jacob", List.of("Jake")),
            Map.entry("Henry", List.of("Hank", "Harry")), Map.entry("Abigail", List.of("Abby")),
            Map.entry("Madison", List.of("Maddie")), Map.entry("Olivia", List.of("Liv")),
            Map.entry("Charlotte", List.of("Charlie", "Lottie")), Map.entry("Emily", List.of("Em", "Millie")),
            Map.entry("Hannah", List.of("Annie")), Map.entry("Evelyn", List.of("Evie")),
            Map.entry("Santiago", List.of("Santi")), Map.entry("Alejandro", List.of("Alex", "Ale")),
            Map.entry("José", List.of("Pepe")), Map.entry("Jesús", List.of("Chuy")),
            Map.entry("Guadalupe", List.of("Lupe")), Map.entry("Sebastián", List.of("Sebas")),
            Map.entry("María José", List.of("Majo")), Map.entry("Fernanda", List.of("Fer")),
            Map.entry("Valentina", List.of("Vale")), Map.entry("Yekaterina", List.of("Katya")),
            Map.entry("Anastasia", List.of("Nastya")), Map.entry("Natalya", List.of("Natasha")),
            Map.entry("Aleksandr", List.of("Sasha")), Map.entry("Dmitri", List.of("Dima")),
            Map.entry("Mikhail", List.of("Misha")), Map.entry("Ivan", List.of("Vanya")),
            Map.entry("Katarzyna", List.of("Kasia")), Map.entry("Małgorzata", List.of("Gosia")),
            Map.entry("Wojciech", List.of("Wojtek")), Map.entry("Jakub", List.of("Kuba")),
            Map.entry("Zuzanna", List.of("Zuzia")), Map.entry("Krzysztof", List.of("Krzyś")),
            Map.entry("Pádraig", List.of("Paddy")), Map.entry("Abdullahi", List.of("Abdi")),
            Map.entry("Mohammed", List.of("Mo")), Map.entry("Abdirahman", List.of("Abdi")),
            Map.entry("Nikita", List.of("Nik")), Map.entry("Bartosz", List.of("Bartek")));

    private DuplicateModel() {
    }

    public static Copy copy(Original o, long[] schools, Random rng) {
        String given = o.givenName();
        String family = o.familyName();
        NameChange change = pick(rng, new int[] {30, 15, 20, 10, 10, 10, 5}, NameChange.values());
        switch (change) {
            case NICKNAME -> {
                List<String> forms = FAMILIAR.get(given);
                if (forms == null) {
                    change = NameChange.NONE;
                } else {
                    given = forms.get(rng.nextInt(forms.size()));
                }
            }
            case TYPO -> {
                boolean inFamily = rng.nextBoolean();
                String slipped = slip(inFamily ? family : given, rng);
                if (slipped == null) {
                    change = NameChange.NONE;
                } else if (inFamily) {
                    family = slipped;
                } else {
                    given = slipped;
                }
            }
            case ACCENTS_AND_PUNCTUATION -> {
                String g = plain(given);
                String f = plain(family);
                if (g.equals(given) && f.equals(family)) {
                    change = NameChange.NONE;
                }
                given = g;
                family = f;
            }
            case CAPITALS -> family = family.toUpperCase(Locale.ROOT);
            case NAMES_SWAPPED -> {
                String t = given;
                given = family;
                family = t;
            }
            case SECOND_FAMILY_NAME_DROPPED -> {
                String[] parts = family.split("[ -]");
                if (parts.length < 2 || parts[0].length() < 2) {
                    change = NameChange.NONE;
                } else {
                    family = parts[0];
                }
            }
            default -> {
            }
        }
        NumberChange number = pick(rng, new int[] {35, 20, 35, 10}, NumberChange.values());
        String studentNumber = switch (number) {
            case SAME -> o.studentNumber();
            case ZERO_PADDED -> o.studentNumber() == null ? null : "0".repeat(Math.max(0, 8
                    - o.studentNumber().length())) + o.studentNumber();
            case MISSING -> null;
            case OLD_SYSTEM -> "H" + (100_000 + rng.nextInt(900_000));
        };
        boolean moved = schools.length > 1 && rng.nextInt(100) < 15;
        long school = o.schoolId();
        while (moved && school == o.schoolId()) {
            school = schools[rng.nextInt(schools.length)];
        }
        boolean lastYear = rng.nextInt(100) < 20 && earlier(o.grade()) != null;
        String grade = lastYear ? earlier(o.grade()) : o.grade();
        String guardian = rng.nextInt(100) < 35 ? o.guardianEmail() : null;
        BirthDateChange birth = o.birthKey() == null ? BirthDateChange.MISSING
                : pick(rng, new int[] {70, 25, 5}, BirthDateChange.values());
        String birthKey = switch (birth) {
            case SAME -> o.birthKey();
            case MISSING -> null;
            case OTHER_DATE -> otherKey(rng);
        };
        return new Copy(given, family, grade, studentNumber, school, guardian, change, number, moved, lastYear,
                birthKey, birth);
    }

    /** The key of a date that is not the child's: as any key of another date, 16 hex digits no other key has. */
    public static String otherKey(Random rng) {
        return String.format("%016x", rng.nextLong());
    }

    /** A typing slip in a name of four letters or more: two neighbours swapped, a letter left out, or doubled. */
    static String slip(String name, Random rng) {
        if (name.length() < 4) {
            return null;
        }
        int at = 1 + rng.nextInt(name.length() - 2);
        char a = name.charAt(at);
        char b = name.charAt(at + 1);
        return switch (rng.nextInt(3)) {
            case 0 -> a == b ? null : name.substring(0, at) + b + a + name.substring(at + 2);
            case 1 -> name.substring(0, at) + name.substring(at + 1);
            default -> name.substring(0, at) + a + name.substring(at);
        };
    }

    private static String plain(String name) {
        String decomposed = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return decomposed.replace("ł", "l").replace("Ł", "L").replace("đ", "d").replace("Đ", "D").replace("-", " ")
                .replace("'", "");
    }

    private static String earlier(String grade) {
        if (grade == null) {
            return null;
        }
        if (grade.equals("01")) {
            return "KG";
        }
        try {
            int g = Integer.parseInt(grade);
            return g > 1 && g <= 13 ? String.format("%02d", g - 1) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static <T> T pick(Random rng, int[] weights, T[] values) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int x = rng.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return values[i];
            }
        }
        return values[0];
    }
}
