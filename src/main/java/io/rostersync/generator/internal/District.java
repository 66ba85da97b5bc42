package io.rostersync.generator.internal;

import io.rostersync.oneroster.OneRosterVersion;
import java.util.HashMap;
import java.util.Map;

/**
 * The deterministic model of one district: schools, attendance zones, households and staff, as pure
 * functions of the seed and the arguments. Only per-school and per-zone figures are held (a few
 * integers each); students, guardians and enrollments are regenerated wherever a file needs them.
 *
 * <p>Households live in attendance zones (one per elementary school; middle and high schools serve
 * consecutive blocks of zones), so siblings share guardians and go to their zone's schools.
 */
public final class District {

    // Hash domains, one per kind of decision.
    static final long K_ZONE_WEIGHT = 1, K_KIDS = 2, K_GRADE = 3, K_GUARDIANS = 4, K_CULTURE = 5, K_NEW_HH = 6,
            K_PARENT_TEACHER = 7, K_HH_LEAVE = 8, K_KID_LEAVE = 9, K_MOVE = 10, K_MOVE_ZONE = 11, K_SIBLING = 12,
            K_NEW_GUARDIAN = 13, K_SCHEDULE = 14, K_NAME_FIX = 15, K_PERSON = 16, K_STAFF_NAME = 17,
            K_SECTION = 18, K_CONTACT = 19, K_NAMES = 20, K_DEFECT = 21;
    // Id domains.
    static final long ID_ORG = 101, ID_SESSION = 102, ID_COURSE = 103, ID_CLASS = 104, ID_KID = 105,
            ID_GUARDIAN = 106, ID_STAFF = 107, ID_ENROLLMENT = 108, ID_TEACHER_ENROLLMENT = 109, ID_ROLE_KID = 110,
            ID_ROLE_GUARDIAN = 111, ID_ROLE_STAFF = 112, ID_ORPHAN = 113, ID_BOGUS = 114, ID_EXTRA_ENROLLMENT = 115;

    // Daily churn rates, tuned so that about 2 % of all rows change from one school day to the next.
    final double pHouseholdLeave = 0.0008;
    final double pKidLeave = 0.0004;
    final double pMove;
    final double newHouseholdsPerHousehold = 0.0010;
    final double pNewSibling = 0.0003;
    final double pNewGuardian = 0.0005;
    final double pScheduleElementary = 0.012;
    final double pScheduleSecondary = 0.09;
    final double pNameFix = 0.0006;

    private static final String[] DISTRICT_STEMS = {"Lakeview", "Riverbend", "Cedar Valley", "Maple Ridge",
        "Harbor Point", "Prairie Hills", "Silver Lake", "Stonebridge", "Willow Creek", "Eastbrook", "Pine Hollow",
        "Fairhaven"};
    private static final String[] SCHOOL_STEMS = {"Lincoln", "Cesar Chavez", "Harriet Tubman", "Maple Grove",
        "Sunnyside", "Roosevelt", "Jefferson", "Sojourner Truth", "Oak Park", "Riverside", "Frederick Douglass",
        "Ellen Ochoa", "Hillcrest", "Meadowbrook", "Westwood", "Dolores Huerta", "Thurgood Marshall", "Fairview",
        "Lakeside", "Sequoia", "Bayview", "Highland", "Greenfield", "Mary McLeod Bethune", "Ruby Bridges", "Kennedy",
        "Sally Ride", "Cedar Hills", "Brookside", "Ida B. Wells", "Garfield", "Sacagawea", "Jackie Robinson",
        "Pioneer", "Stonegate", "Mountain View", "Franklin", "Wilson", "Evergreen", "Summit", "Ocean View",
        "Crestwood", "Marie Curie", "Rosa Parks", "Valley Vista", "Northgate", "Southridge", "Eastlake", "Willow",
        "Aspen", "Birchwood", "Clearwater", "Dr. Martin Luther King Jr.", "Grace Hopper", "Patsy Mink", "Wilma Mankiller",
        "Daniel Inouye", "Katherine Johnson", "Carter G. Woodson", "Fred Korematsu"};
    private static final String[] SCHOOL_SUFFIX = {"", "Park", "Heights", "Hills", "Valley", "Gardens", "Springs",
        "Village", "Terrace", "Commons", "Landing", "Crossing", "Meadows", "Pointe", "Grove", "Shores"};

    public final long seed;
    public final int students;
    public final int schools;
    public final double guardiansPerStudent;
    public final OneRosterVersion version;
    public final int day;
    public final boolean messy;
    /** Whether demographics.csv has every student's birth date. */
    public final boolean birthDates;
    public final Calendar calendar;

    final int elementary;
    final int middle;
    final int high;
    final int zones;
    final int[] schoolLevel;
    final int[] schoolLocal;
    final int[] zoneLo;
    final int[] zoneHi;
    final int[] zoneHouseholds;
    final int[] zoneLastKids;
    final int[][] gradeCounts;
    final SchoolPlan[] plans;
    final int[] staffBase;
    final int districtAdmins;
    final long initialGuardians;
    final long initialHouseholds;
    final Map<Long, Long> parentTeacherByHousehold = new HashMap<>();
    final Map<Long, Long> parentTeacherByStaff = new HashMap<>();
    final long newNumberStride;

    final String districtName;
    final String domain;
    final String ncesDistrict;
    final String districtId;
    final String[] schoolIds;
    final String[] schoolNames;
    final String[] sessionIds;
    final String[] areaCodes;

    public District(long seed, int students, int schools, double guardiansPerStudent, OneRosterVersion version,
            int day, boolean messy, boolean birthDates) {
        this.birthDates = birthDates;
        this.seed = seed;
        this.students = students;
        this.schools = schools;
        this.guardiansPerStudent = guardiansPerStudent;
        this.version = version;
        this.day = day;
        this.messy = messy;
        this.calendar = new Calendar(Math.max(day, 1));

        int h = Math.max(1, (int) Math.round(schools * 0.2));
        int m = Math.max(1, (int) Math.round(schools * 0.2));
        int e = schools - h - m;
        if (e < 1) {
            throw new IllegalArgumentException("at least 3 schools are needed");
        }
        elementary = e;
        middle = m;
        high = h;
        zones = e;
        pMove = zones > 1 ? 0.0005 : 0.0;
        schoolLevel = new int[schools];
        schoolLocal = new int[schools];
        for (int s = 0; s < schools; s++) {
            schoolLevel[s] = s < e ? Catalog.ELEMENTARY : s < e + m ? Catalog.MIDDLE : Catalog.HIGH;
            schoolLocal[s] = s < e ? s : s < e + m ? s - e : s - e - m;
        }
        zoneLo = new int[schools];
        zoneHi = new int[schools];
        java.util.Arrays.fill(zoneLo, Integer.MAX_VALUE);
        for (int z = 0; z < zones; z++) {
            for (int g : new int[] {0, 6, 9}) {
                int s = schoolOf(z, g);
                zoneLo[s] = Math.min(zoneLo[s], z);
                zoneHi[s] = Math.max(zoneHi[s], z + 1);
            }
        }

        // Zone sizes vary (0.65x to 1.35x); the targets add up to exactly N students.
        double[] weight = new double[zones];
        double total = 0;
        for (int z = 0; z < zones; z++) {
            weight[z] = 0.65 + 0.7 * Hashing.unit(Hashing.h(seed, K_ZONE_WEIGHT, z));
            total += weight[z];
        }
        int[] target = new int[zones];
        double cum = 0;
        long prev = 0;
        for (int z = 0; z < zones; z++) {
            cum += weight[z];
            long upTo = z == zones - 1 ? students : Math.round(students * cum / total);
            target[z] = (int) (upTo - prev);
            prev = upTo;
        }

        // Pre-pass: households per zone and day-0 students per school and grade.
        zoneHouseholds = new int[zones];
        zoneLastKids = new int[zones];
        gradeCounts = new int[schools][];
        for (int s = 0; s < schools; s++) {
            gradeCounts[s] = new int[Catalog.gradesIn(schoolLevel[s])];
        }
        long guardians = 0;
        long households = 0;
        for (int z = 0; z < zones; z++) {
            int remaining = target[z];
            int j = 0;
            int k = 0;
            while (remaining > 0) {
                long key = householdKey(0, z, j);
                k = Math.min(kidsDrawn(key), remaining);
                for (int i = 0; i < k; i++) {
                    int g = grade(key, i);
                    int s = schoolOf(z, g);
                    gradeCounts[s][g - Catalog.FIRST_GRADE[schoolLevel[s]]]++;
                }
                guardians += guardiansInitial(key);
                remaining -= k;
                j++;
            }
            zoneHouseholds[z] = j;
            zoneLastKids[z] = k;
            households += j;
        }
        initialGuardians = guardians;
        initialHouseholds = households;
        newNumberStride = Math.max(1000, students / 50);

        plans = new SchoolPlan[schools];
        for (int s = 0; s < schools; s++) {
            SchoolPlan sharing = schoolLevel[s] == Catalog.ELEMENTARY && schoolLocal[s] % 2 == 1 ? plans[s - 1] : null;
            plans[s] = new SchoolPlan(seed, s, schoolLevel[s], gradeCounts[s], sharing);
        }
        districtAdmins = 3 + schools / 100;
        staffBase = new int[schools + 1];
        int base = 20000 + districtAdmins;
        for (int s = 0; s < schools; s++) {
            staffBase[s] = base;
            base += plans[s].staffCount;
        }
        staffBase[schools] = 20000;
        chooseParentTeachers();

        String stem = DISTRICT_STEMS[Hashing.below(Hashing.h(seed, K_NAMES, 1), DISTRICT_STEMS.length)];
        districtName = stem + " Unified School District";
        domain = Names.toAscii(stem) + "usd.example.org";
        ncesDistrict = String.valueOf(1_000_000 + Hashing.below(Hashing.h(seed, K_NAMES, 2), 8_999_999));
        districtId = Hashing.uuid(seed, ID_ORG, -1, 0, 0);
        schoolIds = new String[schools];
        schoolNames = new String[schools];
        int offset = Hashing.below(Hashing.h(seed, K_NAMES, 3), SCHOOL_STEMS.length);
        for (int s = 0; s < schools; s++) {
            schoolIds[s] = Hashing.uuid(seed, ID_ORG, s, 0, 0);
            int local = schoolLocal[s];
            int stemIdx = (local * 7 + offset + schoolLevel[s] * 13) % SCHOOL_STEMS.length;
            int round = local / SCHOOL_STEMS.length;
            String name = SCHOOL_STEMS[stemIdx];
            if (round > 0) {
                name += " " + SCHOOL_SUFFIX[1 + (round - 1) % (SCHOOL_SUFFIX.length - 1)];
                if (round >= SCHOOL_SUFFIX.length) {
                    name += " " + (round / (SCHOOL_SUFFIX.length - 1) + 1);
                }
            }
            schoolNames[s] = name + " " + Catalog.LEVEL_NAMES[schoolLevel[s]];
        }
        sessionIds = new String[Calendar.SESSIONS.length];
        for (int i = 0; i < sessionIds.length; i++) {
            sessionIds[i] = Hashing.uuid(seed, ID_SESSION, i, 0, 0);
        }
        String[] codes = {"206", "253", "360", "425", "509", "564", "971", "503", "612", "651", "763", "952"};
        int a = Hashing.below(Hashing.h(seed, K_NAMES, 4), codes.length - 2);
        areaCodes = new String[] {codes[a], codes[a + 1], codes[a + 2]};
    }

    // ---- zones and schools

    public int schoolOf(int zone, int grade) {
        int level = Catalog.level(grade);
        if (level == Catalog.ELEMENTARY) {
            return zone;
        }
        if (level == Catalog.MIDDLE) {
            return elementary + (int) ((long) zone * middle / elementary);
        }
        return elementary + middle + (int) ((long) zone * high / elementary);
    }

    public SchoolPlan plan(int school) {
        return plans[school];
    }

    public int classCount() {
        int n = 0;
        for (SchoolPlan p : plans) {
            n += p.classCount;
        }
        return n;
    }

    // ---- households: pure functions of their key

    /** Day of arrival (0 = there on day 0), zone, and index among that day's households of the zone. */
    public static long householdKey(int birthDay, int zone, int j) {
        return ((long) birthDay << 48) | ((long) zone << 28) | j;
    }

    public int householdsIn(int zone) {
        return zoneHouseholds[zone];
    }

    public int initialKids(int zone, int j) {
        return j == zoneHouseholds[zone] - 1 ? zoneLastKids[zone] : kidsDrawn(householdKey(0, zone, j));
    }

    /** 1 to 4 children (45/35/15/5 %): 1.8 on average. */
    int kidsDrawn(long key) {
        double u = Hashing.unit(Hashing.h(seed, K_KIDS, key));
        return u < 0.45 ? 1 : u < 0.80 ? 2 : u < 0.95 ? 3 : 4;
    }

    int grade(long key, int kid) {
        return Hashing.below(Hashing.h(seed, K_GRADE, key, kid), 13);
    }

    /** Guardian users of a household: G x 1.8 on average, so that guardians / students is about G. */
    int guardiansInitial(long key) {
        double mean = guardiansPerStudent * 1.8;
        return (int) Math.floor(mean + Hashing.unit(Hashing.h(seed, K_GUARDIANS, key)));
    }

    int newHouseholds(int zone, int day) {
        return Hashing.poisson(Hashing.h(seed, K_NEW_HH, zone, day), newHouseholdsPerHousehold * zoneHouseholds[zone]);
    }

    boolean pinned(long householdKey) {
        return parentTeacherByHousehold.containsKey(householdKey);
    }

    /** A few teachers are also a guardian (the first) of a household in their school's zones. */
    private void chooseParentTeachers() {
        if (guardiansPerStudent <= 0) {
            return;
        }
        for (int s = 0; s < schools; s++) {
            SchoolPlan p = plans[s];
            for (int i = 0; i < p.staffCount; i++) {
                if (p.staffKind[i] == SchoolPlan.TEACHER && p.staffSecondSchool[i] < 0
                        && Hashing.unit(Hashing.h(seed, K_PARENT_TEACHER, s, i)) < 0.01) {
                    pickHousehold(s, i);
                }
            }
        }
        if (parentTeacherByStaff.isEmpty()) {
            pickHousehold(0, plans[0].firstTeacherOf("Homeroom"));
        }
    }

    private void pickHousehold(int school, int staff) {
        long h = Hashing.h(seed, K_PARENT_TEACHER, school, staff, 1);
        int z = zoneLo[school] + Hashing.below(h, zoneHi[school] - zoneLo[school]);
        int n = zoneHouseholds[z];
        int j0 = Hashing.below(Hashing.mix(h), n);
        for (int p = 0; p < Math.min(n, 64); p++) {
            long key = householdKey(0, z, (j0 + p) % n);
            if (!parentTeacherByHousehold.containsKey(key) && guardiansInitial(key) >= 1) {
                long staffKey = SchoolPlan.staffKey(school, staff);
                parentTeacherByHousehold.put(key, staffKey);
                parentTeacherByStaff.put(staffKey, key);
                return;
            }
        }
    }

    // ---- ids

    String kidId(long household, int kid) {
        return Hashing.uuid(seed, ID_KID, household, kid, 0);
    }

    String guardianId(long household, int guardian) {
        if (guardian == 0 && version == OneRosterVersion.V1_2) {
            Long staff = parentTeacherByHousehold.get(household);
            if (staff != null) {
                return staffId(staff);
            }
        }
        return Hashing.uuid(seed, ID_GUARDIAN, household, guardian, 0);
    }

    String staffId(long staffKey) {
        return Hashing.uuid(seed, ID_STAFF, staffKey, 0, 0);
    }

    String classId(int school, int cls) {
        return Hashing.uuid(seed, ID_CLASS, school, cls, 0);
    }

    String courseId(int school, int course) {
        return Hashing.uuid(seed, ID_COURSE, school, course, 0);
    }

    int employeeNumber(long staffKey) {
        return staffBase[SchoolPlan.staffSchool(staffKey)] + SchoolPlan.staffIndex(staffKey);
    }

    /** Student numbers: day-0 students in household order, later arrivals numbered per day. */
    long kidNumber(long ordinal) {
        return 100_000 + ordinal;
    }

    long newKidNumber(int day, int perDay) {
        return 100_000 + students + (long) (day - 1) * newNumberStride + perDay;
    }

    long guardianNumber(long ordinal) {
        return 100_000 + ordinal;
    }

    long newGuardianNumber(int day, int perDay) {
        return 100_000 + initialGuardians + (long) (day - 1) * newNumberStride + perDay;
    }
}
