package io.rostersync.sync.internal.plan;

import com.carrotsearch.hppc.LongObjectHashMap;
import io.rostersync.oneroster.RecordStatus;
import io.rostersync.oneroster.RosterSnapshot;
import io.rostersync.oneroster.User;
import io.rostersync.oneroster.UserRole;
import io.rostersync.directory.EntityKind;
import io.rostersync.settings.SyncSettings;
import io.rostersync.sync.internal.correlate.Names;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Turns the snapshot's users and roles into the people the directory should have: each person's
 * kind (students, staff or guardians), fields by directory column, and roles at the schools that
 * sync, filtered by the district's settings. Roles are gathered first in a compact table (a hash of
 * the user's id to packed role and school), so that users then stream through one at a time.
 */
public final class DesiredPeople {

    /** Directory roles, in the order that decides a person's kind: a student first, then staff, then guardian. */
    enum DirectoryRole {
        STUDENT("student", EntityKind.STUDENTS), TEACHER("teacher", EntityKind.STAFF),
        AIDE("aide", EntityKind.STAFF), ADMINISTRATOR("administrator", EntityKind.STAFF),
        PARENT("parent", EntityKind.GUARDIANS), GUARDIAN("guardian", EntityKind.GUARDIANS),
        RELATIVE("relative", EntityKind.GUARDIANS);

        final String column;
        final EntityKind kind;

        DirectoryRole(String column, EntityKind kind) {
            this.column = column;
            this.kind = kind;
        }

        /** The directory role of a OneRoster role, or null for roles the directory does not keep (proctor, ext:). */
        static DirectoryRole of(String oneRosterRole) {
            if (oneRosterRole == null) {
                return null;
            }
            return switch (oneRosterRole) {
                case "student" -> STUDENT;
                case "teacher" -> TEACHER;
                case "aide" -> AIDE;
                case "administrator", "principal", "siteAdministrator", "districtAdministrator",
                        "systemAdministrator", "counselor" -> ADMINISTRATOR;
                case "parent" -> PARENT;
                case "guardian" -> GUARDIAN;
                case "relative" -> RELATIVE;
                default -> null;
            };
        }
    }

    private static final long DISTRICT = 0;

    private final SyncSettings settings;
    private final Function<String, OptionalLong> syncingSchool;
    private final Function<String, Boolean> isDistrictOrg;
    private final com.carrotsearch.hppc.LongObjectHashMap<String> roleColumns = new com.carrotsearch.hppc.LongObjectHashMap<>();

    /**
     * @param syncingSchool the directory school of a School ID, when that school syncs
     * @param isDistrictOrg whether an org id is the district itself (roles there are district-wide)
     */
    public DesiredPeople(SyncSettings settings, Function<String, OptionalLong> syncingSchool,
            Function<String, Boolean> isDistrictOrg) {
        this.settings = settings;
        this.syncingSchool = syncingSchool;
        this.isDistrictOrg = isDistrictOrg;
    }

    public void build(RosterSnapshot snapshot, Consumer<DesiredPerson> people, Consumer<Skip> skips) {
        build(snapshot, people, skips, user -> { });
    }

    /** @param eachUser also sees every users.csv row as it passes (so that no other step reads the file again) */
    public void build(RosterSnapshot snapshot, Consumer<DesiredPerson> people, Consumer<Skip> skips,
            Consumer<User> eachUser) {
        LongObjectHashMap<long[]> roles = gatherRoles(snapshot);
        com.carrotsearch.hppc.LongHashSet shared = sharedIdentities(snapshot);
        // rows of one human (same name and email) are held back and merged; everyone else streams through
        Map<Long, List<User>> held = new java.util.LinkedHashMap<>();
        try (Stream<User> users = snapshot.users()) {
            users.forEach(user -> {
                eachUser.accept(user);
                long identity = identity(user);
                if (identity != 0 && shared.contains(identity) && user.status() != RecordStatus.TO_BE_DELETED) {
                    held.computeIfAbsent(identity, k -> new ArrayList<>()).add(user);
                } else {
                    person(user, roles.get(Ids.hash(user.sourcedId())), people, skips);
                }
            });
        }
        held.values().forEach(rows -> merged(rows, roles, people, skips));
    }

    /** The identities (name and email) that more than one user row carries. */
    private static com.carrotsearch.hppc.LongHashSet sharedIdentities(RosterSnapshot snapshot) {
        com.carrotsearch.hppc.LongHashSet seen = new com.carrotsearch.hppc.LongHashSet();
        com.carrotsearch.hppc.LongHashSet shared = new com.carrotsearch.hppc.LongHashSet();
        try (Stream<User> users = snapshot.users()) {
            users.forEach(user -> {
                long identity = identity(user);
                if (identity != 0 && !seen.add(identity)) {
                    shared.add(identity);
                }
            });
        }
        return shared;
    }

    /** Name and email as one hash; 0 for a user without an email, who is never merged. */
    private static long identity(User user) {
        if (isBlank(user.email())) {
            return 0;
        }
        String key = user.email().trim().toLowerCase(java.util.Locale.ROOT) + "|" + Names.fold(user.givenName())
                + "|" + Names.fold(user.familyName());
        long h = Ids.hash(key);
        return h == 0 ? 1 : h;
    }

    /** One person from several rows: the roles of all rows, the fields of the first (they share name and email). */
    private void merged(List<User> rows, LongObjectHashMap<long[]> roles, Consumer<DesiredPerson> people,
            Consumer<Skip> skips) {
        List<DesiredPerson> each = new ArrayList<>();
        long[] allRoles = new long[0];
        for (User row : rows) {
            long[] r = roles.get(Ids.hash(row.sourcedId()));
            if (r != null) {
                long[] grown = java.util.Arrays.copyOf(allRoles, allRoles.length + r.length);
                System.arraycopy(r, 0, grown, allRoles.length, r.length);
                allRoles = grown;
            }
        }
        for (User row : rows) {
            person(row, allRoles.length == 0 ? null : allRoles, each::add, skips);
        }
        if (each.isEmpty()) {
            return;
        }
        DesiredPerson first = each.get(0);
        List<String> others = rows.stream().map(User::sourcedId).filter(id -> !id.equals(first.sourcedId()))
                .toList();
        people.accept(new DesiredPerson(first.sourcedId(), others, first.kind(), first.fields(), first.origin()));
    }

    private LongObjectHashMap<long[]> gatherRoles(RosterSnapshot snapshot) {
        LongObjectHashMap<long[]> roles = new LongObjectHashMap<>();
        try (Stream<UserRole> all = snapshot.roles()) {
            all.forEach(role -> {
                if (role.status() == RecordStatus.TO_BE_DELETED) {
                    return;
                }
                DirectoryRole directoryRole = DirectoryRole.of(role.role());
                if (directoryRole == null || !syncs(directoryRole.kind)) {
                    return;
                }
                long school;
                if (Boolean.TRUE.equals(isDistrictOrg.apply(role.orgSourcedId()))) {
                    school = DISTRICT;
                } else {
                    OptionalLong local = syncingSchool.apply(role.orgSourcedId());
                    if (local.isEmpty()) {
                        return;
                    }
                    school = local.getAsLong();
                }
                long packed = ((long) directoryRole.ordinal() << 56) | school;
                long key = Ids.hash(role.userSourcedId());
                long[] have = roles.get(key);
                long[] grown = have == null ? new long[1] : java.util.Arrays.copyOf(have, have.length + 1);
                grown[grown.length - 1] = packed;
                roles.put(key, grown);
            });
        }
        return roles;
    }

    private boolean syncs(EntityKind kind) {
        return switch (kind) {
            case STUDENTS -> settings.syncs(SyncSettings.SyncedRole.STUDENTS);
            case STAFF -> settings.syncs(SyncSettings.SyncedRole.STAFF);
            case GUARDIANS -> settings.syncs(SyncSettings.SyncedRole.GUARDIANS);
            default -> false;
        };
    }

    private void person(User user, long[] packedRoles, Consumer<DesiredPerson> people, Consumer<Skip> skips) {
        if (user.status() == RecordStatus.TO_BE_DELETED) {
            return; // leaving: the engine plans it with the records missing from the feed
        }
        if (packedRoles == null) {
            skips.accept(new Skip(null, user.sourcedId(),
                    "no role that syncs at a school that syncs", "schoolsThatSync/rolesThatSync", user.origin()));
            return;
        }
        TreeSet<String> roleColumns = packedRoles.length == 1 ? null : new TreeSet<>();
        DirectoryRole strongest = null;
        for (long packed : packedRoles) {
            DirectoryRole role = DirectoryRole.values()[(int) (packed >>> 56)];
            if (roleColumns != null) {
                roleColumns.add(roleColumn(packed));
            }
            if (strongest == null || role.ordinal() < strongest.ordinal()) {
                strongest = role;
            }
        }
        EntityKind kind = strongest.kind;
        if (kind == EntityKind.GUARDIANS && isBlank(user.email()) && isBlank(user.sms())
                && settings.guardiansWithoutContact() == SyncSettings.GuardianWithoutContact.SKIP) {
            skips.accept(new Skip(kind, user.sourcedId(), "a guardian with neither an email nor an SMS-capable phone",
                    "guardiansWithoutContact", user.origin()));
            return;
        }
        Map<String, String> fields = new HashMap<>();
        put(fields, "given_name", user.givenName());
        put(fields, "family_name", user.familyName());
        put(fields, "middle_name", user.middleName());
        put(fields, "preferred_given_name", user.preferredGivenName());
        put(fields, "preferred_family_name", user.preferredFamilyName());
        put(fields, "email", user.email());
        put(fields, "sms_phone", user.sms());
        put(fields, "home_phone", user.phone());
        put(fields, "username", user.username());
        if (kind == EntityKind.STUDENTS) {
            put(fields, "grade", user.grades().isEmpty() ? null : user.grades().get(0));
            put(fields, "student_number", settings.studentNumber() == SyncSettings.StudentNumber.SOURCED_ID
                    ? user.sourcedId() : user.identifier());
        }
        fields.put("roles", roleColumns == null ? roleColumn(packedRoles[0]) : String.join(",", roleColumns));
        people.accept(new DesiredPerson(user.sourcedId(), kind, fields, user.origin()));
    }

    /** role@school, e.g. student@12, once per distinct role and school (a district has a few thousand). */
    private String roleColumn(long packed) {
        String column = roleColumns.get(packed);
        if (column == null) {
            DirectoryRole role = DirectoryRole.values()[(int) (packed >>> 56)];
            long school = packed & 0x00FF_FFFF_FFFF_FFFFL;
            column = role.column + "@" + (school == DISTRICT ? "district" : Long.toString(school));
            roleColumns.put(packed, column);
        }
        return column;
    }

    private static void put(Map<String, String> fields, String column, String value) {
        if (value != null && !value.isBlank()) {
            fields.put(column, value);
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
