package io.rostersync.generator.internal;

/**
 * Names and contact details of kids, guardians and staff, as pure functions of their keys. A name
 * correction (an event stream per person) changes the written name but never the username or e-mail.
 */
final class People {

    static final long KIND_KID = 0;
    static final long KIND_GUARDIAN = 1;

    private static final String[] PRONOUNS = {"she/her", "he/him", "they/them"};

    /** Reusable holder of one person's name. */
    static final class Name {
        boolean female;
        int culture;
        String given;
        String middle;
        String family;
        String givenAscii;
        String familyAscii;
        String preferred;
        String pronouns;
    }

    private final District d;

    People(District d) {
        this.d = d;
    }

    void kid(Household hh, int i, Name n) {
        long ph = Hashing.h(d.seed, District.K_PERSON, hh.key, KIND_KID, i);
        n.culture = hh.culture;
        n.female = (ph & 1) == 0;
        int gi = kidGiven(hh, i);
        n.given = Names.given(n.culture, n.female, gi);
        n.givenAscii = Names.givenAscii(n.culture, n.female, gi);
        n.middle = Hashing.unit(Hashing.h(ph, 2)) < 0.4 ? otherGiven(n, Hashing.h(ph, 3), gi) : "";
        n.family = Names.family(n.culture, hh.family0, n.female);
        n.familyAscii = Names.familyAscii(n.culture, hh.family0);
        if (hh.family1 >= 0 && Hashing.unit(Hashing.h(ph, 4)) < 0.35) {
            String second = Names.family(n.culture, hh.family1, n.female);
            n.family = n.family + (n.culture == Names.SPANISH ? " " : "-") + second;
            n.familyAscii = n.familyAscii + Names.familyAscii(n.culture, hh.family1);
        }
        boolean v12 = d.version == io.rostersync.oneroster.OneRosterVersion.V1_2;
        n.preferred = v12 && n.culture != Names.ENGLISH && Hashing.unit(Hashing.h(ph, 5)) < 0.05
                ? Names.preferred(n.female, Hashing.below(Hashing.h(ph, 6), 20)) : "";
        n.pronouns = v12 && hh.kidGrade[i] >= 6 && Hashing.unit(Hashing.h(ph, 7)) < 0.08
                ? PRONOUNS[Hashing.below(Hashing.h(ph, 8), 3)] : "";
        applyCorrections(n, Hashing.h(d.seed, District.K_NAME_FIX, hh.key, KIND_KID, i), hh.kidBirth[i]);
    }

    /** A kid's given name index, different from the names of older siblings of the same sex. */
    private int kidGiven(Household hh, int i) {
        int[] taken = new int[i];
        boolean[] takenFemale = new boolean[i];
        int gi = 0;
        for (int j = 0; j <= i; j++) {
            long ph = Hashing.h(d.seed, District.K_PERSON, hh.key, KIND_KID, j);
            boolean female = (ph & 1) == 0;
            int n = Names.givenCount(hh.culture, female);
            gi = Hashing.below(Hashing.h(ph, 1), n);
            for (int tries = 0; tries < n; tries++) {
                boolean clash = false;
                for (int k = 0; k < j; k++) {
                    clash |= takenFemale[k] == female && taken[k] == gi;
                }
                if (!clash) {
                    break;
                }
                gi = (gi + 1) % n;
            }
            if (j < i) {
                taken[j] = gi;
                takenFemale[j] = female;
            }
        }
        return gi;
    }

    void guardian(Household hh, int g, Name n) {
        long ph = Hashing.h(d.seed, District.K_PERSON, hh.key, KIND_GUARDIAN, g);
        n.culture = hh.culture;
        if (g == 0) {
            n.female = Hashing.unit(ph) < 0.6;
        } else if (g == 1) {
            long h0 = Hashing.h(d.seed, District.K_PERSON, hh.key, KIND_GUARDIAN, 0);
            boolean female0 = Hashing.unit(h0) < 0.6;
            n.female = Hashing.unit(ph) < 0.85 ? !female0 : female0;
        } else {
            n.female = (ph & 1) == 0;
        }
        int gi = Hashing.below(Hashing.h(ph, 1), Names.givenCount(n.culture, n.female));
        n.given = Names.given(n.culture, n.female, gi);
        n.givenAscii = Names.givenAscii(n.culture, n.female, gi);
        n.middle = Hashing.unit(Hashing.h(ph, 2)) < 0.3 ? otherGiven(n, Hashing.h(ph, 3), gi) : "";
        int fam = hh.family0;
        if (g == 1 && hh.family1 >= 0) {
            fam = hh.family1;
        } else if (g >= 2 && Hashing.unit(Hashing.h(ph, 4)) < 0.5) {
            fam = Hashing.below(Hashing.h(ph, 5), Names.familyCount(n.culture));
        }
        n.family = Names.family(n.culture, fam, n.female);
        n.familyAscii = Names.familyAscii(n.culture, fam);
        n.preferred = "";
        n.pronouns = "";
        if (!(hh.pinned && g == 0)) {
            // A parent-teacher's name stays as the staff record has it.
            applyCorrections(n, Hashing.h(d.seed, District.K_NAME_FIX, hh.key, KIND_GUARDIAN, g), hh.guardianBirth[g]);
        }
    }

    void staff(long staffKey, Name n) {
        Long household = d.parentTeacherByStaff.get(staffKey);
        if (household != null) {
            // The teacher is also guardian 0 of a household: the same person, the same name.
            int z = (int) ((household >>> 28) & 0xFFFFF);
            int j = (int) (household & 0xFFFFFFF);
            Household hh = new Household(d);
            hh.load(household, z, 0, d.initialKids(z, j));
            guardian(hh, 0, n);
            return;
        }
        long ph = Hashing.h(d.seed, District.K_STAFF_NAME, staffKey);
        n.culture = Names.culture(Hashing.mix(ph));
        n.female = Hashing.unit(Hashing.h(ph, 9)) < 0.7;
        int gi = Hashing.below(Hashing.h(ph, 1), Names.givenCount(n.culture, n.female));
        n.given = Names.given(n.culture, n.female, gi);
        n.givenAscii = Names.givenAscii(n.culture, n.female, gi);
        n.middle = Hashing.unit(Hashing.h(ph, 2)) < 0.3 ? otherGiven(n, Hashing.h(ph, 3), gi) : "";
        int fam = Hashing.below(Hashing.h(ph, 4), Names.familyCount(n.culture));
        n.family = Names.family(n.culture, fam, n.female);
        n.familyAscii = Names.familyAscii(n.culture, fam);
        n.preferred = "";
        boolean v12 = d.version == io.rostersync.oneroster.OneRosterVersion.V1_2;
        n.pronouns = v12 && Hashing.unit(Hashing.h(ph, 5)) < 0.2 ? (n.female ? "she/her" : "he/him") : "";
    }

    private String otherGiven(Name n, long h, int not) {
        int count = Names.givenCount(n.culture, n.female);
        if (not < 0) {
            return Names.given(n.culture, n.female, Hashing.below(h, count));
        }
        int i = Hashing.below(h, count - 1);
        if (i >= not) {
            i++;
        }
        return Names.given(n.culture, n.female, i);
    }

    /** Name corrections up to the day: a middle name fixed, a second surname added or dropped. */
    private void applyCorrections(Name n, long stream, int from) {
        if (d.day == 0) {
            return;
        }
        int at = Hashing.nextEventDay(stream, from, d.pNameFix);
        int v = 0;
        while (at <= d.day) {
            v++;
            long h = Hashing.h(stream, v, 77);
            switch (Hashing.below(h, 3)) {
                case 0 -> n.middle = otherGiven(n, Hashing.mix(h), -1);
                case 1 -> {
                    int cut = n.family.indexOf('-');
                    if (cut > 0 && !n.family.startsWith("Al-") && !n.family.startsWith("El-")) {
                        n.family = n.family.substring(0, cut);
                    } else {
                        int f = Hashing.below(Hashing.mix(h), Names.familyCount(n.culture));
                        n.family = n.family + "-" + Names.family(n.culture, f, n.female);
                    }
                }
                default -> n.middle = n.middle.isEmpty() ? otherGiven(n, Hashing.mix(h), -1) : "";
            }
            at = Hashing.nextEventDay(stream, at, d.pNameFix);
        }
    }
}
