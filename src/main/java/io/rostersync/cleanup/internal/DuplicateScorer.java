package io.rostersync.cleanup.internal;

import io.rostersync.cleanup.Evidence;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Whether two students may be one child: the evidence for and against, and a confidence between 0
 * and 1 that weighs it. A pair is a candidate only with a name that matches in one of the ways
 * records of one child differ (or a shared student number or email), and a confidence of at least
 * {@link #THRESHOLD}. Two records of the sync with different student numbers are the SIS's two
 * children, however alike their names.
 */
public final class DuplicateScorer {

    /** The lowest confidence a candidate has. */
    public static final double THRESHOLD = 0.6;

    /** The lowest confidence of a pair that competes with others (a rival), though not a candidate itself. */
    public static final double FLOOR = 0.45;

    private DuplicateScorer() {
    }

    /** A candidate pair's confidence and evidence. */
    public record Scored(double confidence, Set<Evidence> evidence) {
    }

    /** The pair as a candidate: scored, and at least {@link #THRESHOLD}. */
    public static Optional<Scored> score(StudentFacts a, StudentFacts b) {
        return raw(a, b, 0).filter(s -> s.confidence() + 1e-9 >= THRESHOLD);
    }

    /**
     * A pair whose record has a rival: the best other record of the SIS that one of the two could be
     * ({@code rival}, its confidence; 0 for none). A child is one record of the SIS: unless this pair is
     * clearly the best (by 0.1), the evidence fits someone else as well (two children of one name in
     * one grade), and the pair is weaker for it.
     */
    public static Scored compete(Scored scored, double rival) {
        double margin = scored.confidence() - rival;
        if (margin >= 0.1 - 1e-9) {
            return scored;
        }
        Set<Evidence> evidence = EnumSet.copyOf(scored.evidence());
        evidence.add(Evidence.ANOTHER_RECORD_FITS);
        return new Scored(Math.max(0, scored.confidence() - (margin >= 0 ? 0.2 : 0.3)), evidence);
    }

    /**
     * The pair's confidence and evidence, however low (empty when no name, number or email agrees).
     *
     * @param namesakes how many students of the district have the pair's name in its grade (the two
     *                  included), 0 when not known: at two schools, a name shared by nobody else says
     *                  much, a common one little
     */
    public static Optional<Scored> raw(StudentFacts a, StudentFacts b, int namesakes) {
        Set<Evidence> evidence = EnumSet.noneOf(Evidence.class);
        double score = 0;
        Evidence name = name(a, b);
        if (name != null) {
            evidence.add(name);
            score += switch (name) {
                case SAME_NAME, NAME_SPELLED_DIFFERENTLY -> 0.55;
                case NAMES_SWAPPED -> 0.5;
                default -> 0.45;
            };
        }
        String numberA = number(a.studentNumber());
        String numberB = number(b.studentNumber());
        boolean sameNumber = false;
        if (numberA != null && numberB != null) {
            if (numberA.equals(numberB)) {
                sameNumber = true;
                evidence.add(Evidence.SAME_STUDENT_NUMBER);
                score += 0.4;
            } else {
                evidence.add(Evidence.DIFFERENT_STUDENT_NUMBER);
                // the SIS's own two numbers are two children; a number typed by hand may be an old system's
                score -= a.synced() && b.synced() ? 0.4 : 0.1;
            }
        }
        boolean sameEmail = a.email() != null && b.email() != null && !a.email().isBlank()
                && a.email().trim().equalsIgnoreCase(b.email().trim());
        if (sameEmail) {
            evidence.add(Evidence.SAME_EMAIL);
            score += 0.3;
        }
        if (name == null && !sameNumber && !sameEmail) {
            return Optional.empty();
        }
        Integer gradeA = grade(a.grade());
        Integer gradeB = grade(b.grade());
        if (a.grade() != null && b.grade() != null) {
            if (a.grade().equalsIgnoreCase(b.grade())) {
                evidence.add(Evidence.SAME_GRADE);
                score += 0.1;
            } else if (gradeA != null && gradeB != null && Math.abs(gradeA - gradeB) == 1) {
                evidence.add(Evidence.NEIGHBOURING_GRADE);
                // a record made by hand keeps the grade it was made with; the SIS's two are this year's
                score -= a.synced() && b.synced() ? 0.1 : 0;
            } else {
                evidence.add(Evidence.DIFFERENT_GRADE);
                score -= 0.3;
            }
        }
        if (a.schools().stream().anyMatch(b.schools()::contains)) {
            evidence.add(Evidence.SAME_SCHOOL);
            // a record made by hand was made at its school: the place says more than a grade
            score += 0.2;
        }
        boolean sameBirth = false;
        if (a.birthKey() != null && b.birthKey() != null) {
            if (a.birthKey().equals(b.birthKey())) {
                sameBirth = true;
                evidence.add(Evidence.SAME_BIRTH_DATE);
                // a few hundred children of a district share a birthday; with the name, one child
                score += 0.3;
            } else {
                evidence.add(Evidence.DIFFERENT_BIRTH_DATE);
                // namesakes, unless a date was typed wrong: then the number or the school still tells
                score -= 0.4;
            }
        }
        Set<String> contacts = new HashSet<>(a.guardianContacts());
        boolean sharedGuardian = b.guardianContacts().stream().anyMatch(contacts::contains);
        if (sharedGuardian) {
            evidence.add(Evidence.SHARED_GUARDIAN_CONTACT);
            score += 0.15;
        }
        if (name != null && !sameNumber && !sameEmail && !sharedGuardian && !sameBirth
                && !evidence.contains(Evidence.SAME_SCHOOL)) {
            if (namesakes == 2) {
                evidence.add(Evidence.RARE_NAME);
            } else {
                evidence.add(Evidence.NAME_ONLY_ELSEWHERE);
                score -= 0.1;
            }
        }
        if (a.synced() && b.synced()) {
            evidence.add(Evidence.BOTH_SYNCED);
        }
        return Optional.of(new Scored(Math.max(0, Math.min(0.99, score)), evidence));
    }

    /** How the names agree, the closest way first; null when they do not. */
    static Evidence name(StudentFacts a, StudentFacts b) {
        List<String> givenA = givenNames(a);
        List<String> givenB = givenNames(b);
        String familyA = NameKeys.fold(a.familyName());
        String familyB = NameKeys.fold(b.familyName());
        if (familyA.isEmpty() || familyB.isEmpty()) {
            return null;
        }
        boolean exactGiven = false;
        boolean foldedGiven = false;
        boolean sameGiven = false;
        boolean slipGiven = false;
        for (String x : givenA) {
            for (String y : givenB) {
                exactGiven |= x.trim().toLowerCase(Locale.ROOT).equals(y.trim().toLowerCase(Locale.ROOT));
                foldedGiven |= NameKeys.fold(x).equals(NameKeys.fold(y)) && !NameKeys.fold(x).isEmpty();
                sameGiven |= NameKeys.sameGivenName(x, y);
                slipGiven |= NameKeys.oneSlipApart(NameKeys.fold(x), NameKeys.fold(y));
            }
        }
        if (familyA.equals(familyB)) {
            if (exactGiven && a.familyName().trim().equalsIgnoreCase(b.familyName().trim())) {
                return Evidence.SAME_NAME;
            }
            if (foldedGiven) {
                return Evidence.NAME_SPELLED_DIFFERENTLY;
            }
            if (sameGiven) {
                return Evidence.NICKNAME;
            }
        }
        String givenOfA = NameKeys.fold(a.givenName());
        String givenOfB = NameKeys.fold(b.givenName());
        if (!givenOfA.isEmpty() && givenOfA.equals(familyB) && givenOfB.equals(familyA)) {
            return Evidence.NAMES_SWAPPED;
        }
        if (sameGiven && partOf(a.familyName(), b.familyName())) {
            return Evidence.FAMILY_NAME_PART;
        }
        if (sameGiven && NameKeys.oneSlipApart(familyA, familyB) || familyA.equals(familyB) && slipGiven) {
            return Evidence.NAME_TYPO;
        }
        return null;
    }

    /** Whether every part of one family name is a part of the other (a second family name left out). */
    private static boolean partOf(String a, String b) {
        List<String> pa = NameKeys.parts(a);
        List<String> pb = NameKeys.parts(b);
        if (pa.isEmpty() || pb.isEmpty() || pa.size() == pb.size()) {
            return false;
        }
        List<String> shorter = pa.size() < pb.size() ? pa : pb;
        List<String> longer = pa.size() < pb.size() ? pb : pa;
        return shorter.stream().allMatch(p -> p.length() >= 2 && longer.contains(p));
    }

    private static List<String> givenNames(StudentFacts s) {
        List<String> names = new ArrayList<>(2);
        if (s.givenName() != null && !s.givenName().isBlank()) {
            names.add(s.givenName());
        }
        if (s.preferredGivenName() != null && !s.preferredGivenName().isBlank()) {
            names.add(s.preferredGivenName());
        }
        return names;
    }

    /** A student number as the comparison sees it: letters and digits, lower case, without leading zeros. */
    public static String number(String raw) {
        if (raw == null) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        for (char c : raw.toCharArray()) {
            if (Character.isLetterOrDigit(c)) {
                b.append(Character.toLowerCase(c));
            }
        }
        int start = 0;
        while (start < b.length() - 1 && b.charAt(start) == '0') {
            start++;
        }
        String n = b.substring(start);
        return n.isEmpty() ? null : n;
    }

    /** A grade as a number (KG is 0, PK -1), null for grades with no place in the order (UG, Other). */
    public static Integer grade(String grade) {
        if (grade == null) {
            return null;
        }
        return switch (grade.trim().toUpperCase(Locale.ROOT)) {
            case "IT", "PR" -> -3;
            case "PS" -> -2;
            case "PK", "TK" -> -1;
            case "KG", "K" -> 0;
            default -> {
                try {
                    yield Integer.parseInt(grade.trim());
                } catch (NumberFormatException e) {
                    yield null;
                }
            }
        };
    }
}
