package io.rostersync.generator.internal;

import java.util.Arrays;

/**
 * One household as it stands on the requested day: replays the household's own events (leaving,
 * moving, new siblings, new guardians; each kid leaving) from day 1 to day K. Every event is drawn
 * from hash streams keyed by the household, so the result is the same wherever it is computed.
 * Mutable and reused: one instance per writer thread.
 */
public final class Household {

    private static final int EV_MOVE = 0;
    private static final int EV_SIBLING = 1;
    private static final int EV_GUARDIAN = 2;

    private final District d;

    public long key;
    public int zone0;
    public int birthDay;
    public boolean pinned;
    public boolean present;
    public int zone;
    public int culture;
    public int family0;
    /** Second guardian's own family name index, or -1 if the same as the first's. */
    public int family1;

    public int kids;
    public int initialKids;
    public int[] kidBirth = new int[8];
    public int[] kidLeave = new int[8];
    public int[] kidGrade = new int[8];
    public int[] kidSchool = new int[8];
    public int[] kidSchool0 = new int[8];
    public int[] kidSchoolDay = new int[8];
    public boolean[] kidPresent = new boolean[8];

    public int guardians;
    public int initialGuardians;
    public int[] guardianBirth = new int[8];

    private int[] evDay = new int[16];
    private int[] evType = new int[16];
    private int events;

    public Household(District d) {
        this.d = d;
    }

    public void load(long key, int zone0, int birthDay, int initialKids) {
        this.key = key;
        this.zone0 = zone0;
        this.zone = zone0;
        this.birthDay = birthDay;
        this.pinned = birthDay == 0 && d.pinned(key);
        this.initialKids = initialKids;
        long ch = Hashing.h(d.seed, District.K_CULTURE, key);
        this.culture = Names.culture(ch);
        this.family0 = Hashing.below(Hashing.mix(ch), Names.familyCount(culture));
        this.family1 = Hashing.unit(Hashing.h(ch, 2)) < 0.3
                ? Hashing.below(Hashing.h(ch, 3), Names.familyCount(culture)) : -1;
        if (family1 == family0) {
            family1 = -1;
        }
        int day = d.day;

        kids = 0;
        for (int i = 0; i < initialKids; i++) {
            addKid(birthDay);
        }
        guardians = 0;
        initialGuardians = d.guardiansInitial(key);
        for (int g = 0; g < initialGuardians; g++) {
            addGuardian(birthDay);
        }

        int leave = pinned ? Integer.MAX_VALUE
                : Hashing.nextEventDay(Hashing.h(d.seed, District.K_HH_LEAVE, key), birthDay, d.pHouseholdLeave);
        int horizon = Math.min(day, leave - 1);
        events = 0;
        if (!pinned) {
            collect(Hashing.h(d.seed, District.K_MOVE, key), d.pMove, horizon, EV_MOVE);
        }
        collect(Hashing.h(d.seed, District.K_SIBLING, key), d.pNewSibling, horizon, EV_SIBLING);
        collect(Hashing.h(d.seed, District.K_NEW_GUARDIAN, key), d.pNewGuardian, horizon, EV_GUARDIAN);
        sortEvents();
        boolean gone = false;
        for (int e = 0; e < events && !gone; e++) {
            int at = evDay[e];
            if (!anyKidAt(at)) {
                gone = true;
                break;
            }
            switch (evType[e]) {
                case EV_MOVE -> move(at);
                case EV_SIBLING -> addKid(at);
                default -> addGuardian(at);
            }
        }
        present = leave > day && anyKidAt(day);
        for (int i = 0; i < kids; i++) {
            kidPresent[i] = present && kidBirth[i] <= day && kidLeave[i] > day;
        }
    }

    public boolean guardianPresent(int g) {
        return present && guardianBirth[g] <= d.day;
    }

    /** Whether the kid is part of the day-0 district (counted in the schools' day-0 figures). */
    public boolean initialKid(int i) {
        return birthDay == 0 && i < initialKids;
    }

    private boolean anyKidAt(int at) {
        for (int i = 0; i < kids; i++) {
            if (kidBirth[i] <= at && kidLeave[i] > at) {
                return true;
            }
        }
        return false;
    }

    private void addKid(int at) {
        if (kids == kidBirth.length) {
            int n = kids * 2;
            kidBirth = Arrays.copyOf(kidBirth, n);
            kidLeave = Arrays.copyOf(kidLeave, n);
            kidGrade = Arrays.copyOf(kidGrade, n);
            kidSchool = Arrays.copyOf(kidSchool, n);
            kidSchool0 = Arrays.copyOf(kidSchool0, n);
            kidSchoolDay = Arrays.copyOf(kidSchoolDay, n);
            kidPresent = Arrays.copyOf(kidPresent, n);
        }
        int i = kids++;
        kidBirth[i] = at;
        kidGrade[i] = d.grade(key, i);
        kidSchool[i] = d.schoolOf(zone, kidGrade[i]);
        kidSchool0[i] = kidSchool[i];
        kidSchoolDay[i] = at;
        kidLeave[i] = Hashing.nextEventDay(Hashing.h(d.seed, District.K_KID_LEAVE, key, i), at, d.pKidLeave);
    }

    private void addGuardian(int at) {
        if (guardians == guardianBirth.length) {
            guardianBirth = Arrays.copyOf(guardianBirth, guardians * 2);
        }
        guardianBirth[guardians++] = at;
    }

    private void move(int at) {
        int z = Hashing.below(Hashing.h(d.seed, District.K_MOVE_ZONE, key, at), d.zones - 1);
        if (z >= zone) {
            z++;
        }
        zone = z;
        for (int i = 0; i < kids; i++) {
            if (kidBirth[i] <= at && kidLeave[i] > at) {
                int s = d.schoolOf(zone, kidGrade[i]);
                if (s != kidSchool[i]) {
                    kidSchool[i] = s;
                    kidSchoolDay[i] = at;
                }
            }
        }
    }

    private void collect(long stream, double p, int horizon, int type) {
        int at = Hashing.nextEventDay(stream, birthDay, p);
        while (at <= horizon) {
            if (events == evDay.length) {
                evDay = Arrays.copyOf(evDay, events * 2);
                evType = Arrays.copyOf(evType, events * 2);
            }
            evDay[events] = at;
            evType[events] = type;
            events++;
            at = Hashing.nextEventDay(stream, at, p);
        }
    }

    private void sortEvents() {
        for (int i = 1; i < events; i++) {
            int dd = evDay[i];
            int tt = evType[i];
            int j = i - 1;
            while (j >= 0 && (evDay[j] > dd || (evDay[j] == dd && evType[j] > tt))) {
                evDay[j + 1] = evDay[j];
                evType[j + 1] = evType[j];
                j--;
            }
            evDay[j + 1] = dd;
            evType[j + 1] = tt;
        }
    }
}
