package io.rostersync.oneroster.internal;

import com.carrotsearch.hppc.LongHashSet;
import com.carrotsearch.hppc.LongIntHashMap;
import com.carrotsearch.hppc.LongLongHashMap;
import io.rostersync.oneroster.FileMode;
import io.rostersync.oneroster.RosterFile;
import java.util.EnumMap;
import java.util.Map;

/**
 * What cross-file checks need to know of the files read so far, held as compact hashes of ids:
 * about 8 bytes per record, so a million-student district fits in a few hundred megabytes.
 */
final class Registry {

    static final int STUDENT = 1;
    static final int TEACHER = 2;
    static final int ADMINISTRATOR = 4;
    static final int AIDE = 8;
    static final int PROCTOR = 16;
    static final int GUARDIAN = 32;
    static final int OTHER = 64;

    private final Map<RosterFile, LongHashSet> ids = new EnumMap<>(RosterFile.class);
    private final Map<RosterFile, FileMode> modes = new EnumMap<>(RosterFile.class);
    final LongHashSet schoolOrgs = new LongHashSet();
    final LongLongHashMap schoolOfClass = new LongLongHashMap();
    final LongIntHashMap rolesOfUser = new LongIntHashMap();
    final LongHashSet rolePairs = new LongHashSet();
    final LongHashSet primaryRolePairs = new LongHashSet();
    private boolean orgTypesKnown;

    LongHashSet idsOf(RosterFile file, FileMode mode, int expectedRows) {
        modes.put(file, mode);
        return ids.computeIfAbsent(file, f -> new LongHashSet(Math.max(16, expectedRows)));
    }

    /** Whether a file was sent and read, so that references into it can be checked. */
    boolean sent(RosterFile file) {
        return ids.containsKey(file);
    }

    FileMode mode(RosterFile file) {
        return modes.get(file);
    }

    boolean contains(RosterFile file, long hash) {
        LongHashSet set = ids.get(file);
        return set != null && set.contains(hash);
    }

    void markOrgTypesKnown() {
        orgTypesKnown = true;
    }

    /** False only when orgs.csv was read and the org is there but is not a school. */
    boolean mayBeSchool(long orgHash) {
        return !orgTypesKnown || !contains(RosterFile.ORGS, orgHash) || schoolOrgs.contains(orgHash);
    }

    static long pair(long a, long b) {
        long h = a * 0x9E3779B97F4A7C15L + b;
        h ^= h >>> 31;
        return h == 0 ? 1 : h;
    }

    static int roleBit(String role) {
        switch (role) {
            case "student":
                return STUDENT;
            case "teacher":
                return TEACHER;
            case "administrator":
            case "principal":
            case "siteAdministrator":
            case "districtAdministrator":
            case "systemAdministrator":
                return ADMINISTRATOR;
            case "aide":
                return AIDE;
            case "proctor":
                return PROCTOR;
            case "parent":
            case "guardian":
            case "relative":
                return GUARDIAN;
            default:
                return OTHER;
        }
    }

    /** Whether a user with these role bits can hold this enrollment role. */
    static boolean enrollmentFits(String enrollmentRole, int bits) {
        if (bits == 0 || (bits & OTHER) != 0) {
            return true;
        }
        int staff = TEACHER | ADMINISTRATOR | AIDE | PROCTOR;
        switch (enrollmentRole) {
            case "student":
                return (bits & STUDENT) != 0;
            case "teacher":
            case "administrator":
            case "proctor":
                return (bits & staff) != 0;
            default:
                return true;
        }
    }
}
