package io.rostersync.sync.internal.plan;

import com.carrotsearch.hppc.LongObjectHashMap;
import io.rostersync.oneroster.RecordStatus;
import io.rostersync.oneroster.RosterSnapshot;
import io.rostersync.oneroster.User;
import io.rostersync.oneroster.UserRole;
import io.rostersync.settings.EntityKind;
import io.rostersync.settings.SyncSettings;
import java.util.ArrayList;
import java.util.HashMap;
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
        LongObjectHashMap<long[]> roles = gatherRoles(snapshot);
        try (Stream<User> users = snapshot.users()) {
            users.forEach(user -> person(user, roles.get(Ids.hash(user.sourcedId())), people, skips));
        }
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
        TreeSet<String> roleColumns = new TreeSet<>();
        DirectoryRole strongest = null;
        for (long packed : packedRoles) {
            DirectoryRole role = DirectoryRole.values()[(int) (packed >>> 56)];
            long school = packed & 0x00FF_FFFF_FFFF_FFFFL;
            roleColumns.add(role.column + "@" + (school == DISTRICT ? "district" : Long.toString(school)));
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
        fields.put("roles", String.join(",", new ArrayList<>(roleColumns)));
        people.accept(new DesiredPerson(user.sourcedId(), kind, fields, user.origin()));
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
