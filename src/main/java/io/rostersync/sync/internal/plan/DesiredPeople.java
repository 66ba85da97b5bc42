package io.rostersync.sync.internal.plan;

import com.carrotsearch.hppc.LongObjectHashMap;
import io.rostersync.oneroster.RecordStatus;
import io.rostersync.oneroster.RosterSnapshot;
import io.rostersync.oneroster.User;
import io.rostersync.oneroster.UserRole;
import io.rostersync.oneroster.UserRow;
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
 * sync, filtered by the district's settings. The roles of roles.csv (1.2) are gathered first in a
 * compact table (a hash of the user's id to packed role and school); 1.0 and 1.1 rows carry their
 * own. Users then stream through one at a time.
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
    private Function<String, String> birthKeys = sourcedId -> null;
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

    /**
     * Where a student's birth key comes from ({@code birth_key}): their sourcedId to the key of their
     * birth date, or null; none by default.
     */
    public DesiredPeople withBirthKeys(Function<String, String> birthKeyOf) {
        this.birthKeys = birthKeyOf;
        return this;
    }

    public void build(RosterSnapshot snapshot, Consumer<DesiredPerson> people, Consumer<Skip> skips) {
        build(snapshot, people, skips, user -> { });
    }

    /**
     * Reads users.csv once: a row whose email no other row carries becomes a person as it passes;
     * rows that share an email are held until the end, when those of one human (the same email and
     * name) become one person with the roles of them all.
     *
     * @param eachUser also sees every users.csv row as it passes (so that no other step reads the file again)
     */
    public void build(RosterSnapshot snapshot, Consumer<DesiredPerson> people, Consumer<Skip> skips,
            Consumer<User> eachUser) {
        LongObjectHashMap<long[]> roleRows = gatherRoles(snapshot);
        Map<Long, List<HeldRow>> held = new java.util.LinkedHashMap<>();
        try (Stream<UserRow> rows = snapshot.userRows()) {
            rows.forEach(row -> {
                User user = row.user();
                eachUser.accept(user);
                long[] roles = roles(row.roles(), roleRows.get(Ids.hash(user.sourcedId())));
                long identity = identity(user);
                if (identity != 0 && user.status() != RecordStatus.TO_BE_DELETED && snapshot.sharesEmail(user.email())) {
                    held.computeIfAbsent(identity, k -> new ArrayList<>(2)).add(new HeldRow(user, roles));
                } else {
                    person(user, roles, people, skips);
                }
            });
        }
        for (List<HeldRow> rows : held.values()) {
            if (rows.size() == 1) {
                person(rows.get(0).user(), rows.get(0).roles(), people, skips);
            } else {
                merged(rows, people, skips);
            }
        }
    }

    /** A row held back because another row has its email, with its packed roles (null for none that syncs). */
    private record HeldRow(User user, long[] roles) {
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
    private void merged(List<HeldRow> rows, Consumer<DesiredPerson> people, Consumer<Skip> skips) {
        List<DesiredPerson> each = new ArrayList<>();
        long[] allRoles = new long[0];
        for (HeldRow row : rows) {
            allRoles = concat(allRoles, row.roles());
        }
        for (HeldRow row : rows) {
            person(row.user(), allRoles.length == 0 ? null : allRoles, each::add, skips);
        }
        if (each.isEmpty()) {
            return;
        }
        DesiredPerson first = each.get(0);
        List<String> others = rows.stream().map(r -> r.user().sourcedId()).filter(id -> !id.equals(first.sourcedId()))
                .toList();
        people.accept(new DesiredPerson(first.sourcedId(), others, first.kind(), first.fields(), first.origin(),
                first.agents()));
    }

    /** The roles of roles.csv (1.2) that sync, packed, by the hash of the user's id; empty for 1.0 and 1.1. */
    private LongObjectHashMap<long[]> gatherRoles(RosterSnapshot snapshot) {
        LongObjectHashMap<long[]> roles = new LongObjectHashMap<>();
        try (Stream<UserRole> all = snapshot.roleRows()) {
            all.forEach(role -> {
                long packed = pack(role);
                if (packed < 0) {
                    return;
                }
                long key = Ids.hash(role.userSourcedId());
                roles.put(key, concat(roles.get(key), new long[] {packed}));
            });
        }
        return roles;
    }

    /** A row's own roles that sync, then those roles.csv gives the user; null for none. */
    private long[] roles(List<UserRole> own, long[] fromRoleRows) {
        long[] packed = null;
        for (UserRole role : own) {
            long p = pack(role);
            if (p >= 0) {
                packed = concat(packed, new long[] {p});
            }
        }
        return packed == null ? fromRoleRows : fromRoleRows == null ? packed : concat(packed, fromRoleRows);
    }

    /**
     * A role as directory role and school in one long ({@code role << 56 | school}, the district as
     * school 0); -1 for a role that does not sync: leaving, not kept by the directory, of a kind or at
     * a school that does not sync.
     */
    private long pack(UserRole role) {
        if (role.status() == RecordStatus.TO_BE_DELETED) {
            return -1;
        }
        DirectoryRole directoryRole = DirectoryRole.of(role.role());
        if (directoryRole == null || !syncs(directoryRole.kind)) {
            return -1;
        }
        long school;
        if (Boolean.TRUE.equals(isDistrictOrg.apply(role.orgSourcedId()))) {
            school = DISTRICT;
        } else {
            OptionalLong local = syncingSchool.apply(role.orgSourcedId());
            if (local.isEmpty()) {
                return -1;
            }
            school = local.getAsLong();
        }
        return ((long) directoryRole.ordinal() << 56) | school;
    }

    private static long[] concat(long[] a, long[] b) {
        if (a == null || a.length == 0) {
            return b;
        }
        if (b == null || b.length == 0) {
            return a;
        }
        long[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
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
            put(fields, "birth_key", birthKeys.apply(user.sourcedId()));
        }
        fields.put("roles", roleColumns == null ? roleColumn(packedRoles[0]) : String.join(",", roleColumns));
        people.accept(new DesiredPerson(user.sourcedId(), List.of(), kind, fields, user.origin(),
                kind == EntityKind.GUARDIANS ? user.agentSourcedIds() : List.of()));
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
