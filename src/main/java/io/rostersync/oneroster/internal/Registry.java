package io.rostersync.oneroster.internal;

import com.carrotsearch.hppc.LongHashSet;
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

    /** Files whose ids other files refer to; the others need no id table, only a duplicate check. */
    private static final java.util.Set<RosterFile> REFERENCED = java.util.EnumSet.of(RosterFile.ORGS,
            RosterFile.ACADEMIC_SESSIONS, RosterFile.COURSES, RosterFile.CLASSES, RosterFile.USERS);

    /**
     * Per referenced file: id hash → what later checks need of that record, so that one probe
     * answers both "does it exist" and the question: for orgs 1 if it is a school, for classes the
     * hash of its school, for users the bits of their roles.
     */
    private final Map<RosterFile, LongLongHashMap> ids = new EnumMap<>(RosterFile.class);
    private final Map<RosterFile, FileMode> modes = new EnumMap<>(RosterFile.class);
    final LongHashSet rolePairs = new LongHashSet();
    final LongHashSet primaryRolePairs = new LongHashSet();

    /** Records that a file is read; returns its id table, or null when no file refers to its ids. */
    LongLongHashMap register(RosterFile file, FileMode mode, int expectedRows) {
        modes.put(file, mode);
        if (!REFERENCED.contains(file)) {
            return null;
        }
        return ids.computeIfAbsent(file, f -> new LongLongHashMap(Math.max(16, expectedRows)));
    }

    /** Whether a file was sent and read, so that references into it can be checked. */
    boolean sent(RosterFile file) {
        return modes.containsKey(file);
    }

    FileMode mode(RosterFile file) {
        return modes.get(file);
    }

    /** The slot of an id in a file's table, or a negative number when absent. */
    int find(RosterFile file, long hash) {
        LongLongHashMap table = ids.get(file);
        return table == null ? -1 : table.indexOf(hash);
    }

    /** A referenced file's id table, or null when it was not read; hold on to it in hot loops. */
    LongLongHashMap table(RosterFile file) {
        return ids.get(file);
    }

    void addRole(long userHash, int bit) {
        LongLongHashMap users = ids.get(RosterFile.USERS);
        int slot = users == null ? -1 : users.indexOf(userHash);
        if (slot >= 0) {
            users.indexReplace(slot, users.indexGet(slot) | bit);
        }
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

    /** How an enrollment role sits with the roles a user has. */
    enum Fit { FITS, CONFLICT, ESCALATION }

    static Fit fit(String enrollmentRole, int bits) {
        if (bits == 0 || (bits & OTHER) != 0 || enrollmentRole.startsWith("ext:")) {
            return Fit.FITS;
        }
        int staff = TEACHER | ADMINISTRATOR | AIDE | PROCTOR;
        if (enrollmentRole.equals("student")) {
            return (bits & STUDENT) != 0 ? Fit.FITS : Fit.CONFLICT;
        }
        // teacher, administrator, proctor: rights over a class
        if ((bits & staff) != 0) {
            return Fit.FITS;
        }
        return Fit.ESCALATION;
    }

    /** The roles a user has, in words, for messages. */
    static String describe(int bits) {
        java.util.List<String> names = new java.util.ArrayList<>();
        String[] words = {"a student", "a teacher", "an administrator", "an aide", "a proctor", "a guardian"};
        for (int i = 0; i < words.length; i++) {
            if ((bits & (1 << i)) != 0) {
                names.add(words[i]);
            }
        }
        return names.isEmpty() ? "without a role" : String.join(" and ", names);
    }

    private final java.util.Set<RosterFile> unreadable = java.util.EnumSet.noneOf(RosterFile.class);

    /** A file the package holds but that could not be read (a fatal header, UTF-16, empty). */
    void markUnreadable(RosterFile file) {
        unreadable.add(file);
    }

    boolean unreadable(RosterFile file) {
        return unreadable.contains(file);
    }

    private final Map<RosterFile, LongHashSet> unused = new EnumMap<>(RosterFile.class);

    /** Remembers that a referenced file's row was not used, so that rows depending on it are not either. */
    void markUnused(RosterFile file, long hash) {
        if (ids.containsKey(file)) {
            unused.computeIfAbsent(file, f -> new LongHashSet()).add(hash);
        }
    }

    private final Map<RosterFile, LongHashSet> leaving = new EnumMap<>(RosterFile.class);

    /** Remembers that a referenced file's row says it leaves (tobedeleted). */
    void markLeaving(RosterFile file, long hash) {
        if (ids.containsKey(file)) {
            leaving.computeIfAbsent(file, f -> new LongHashSet()).add(hash);
        }
    }

    boolean leaving(RosterFile file, long hash) {
        LongHashSet set = leaving.get(file);
        return set != null && set.contains(hash);
    }

    boolean unused(RosterFile file, long hash) {
        LongHashSet set = unused.get(file);
        return set != null && set.contains(hash);
    }
}
