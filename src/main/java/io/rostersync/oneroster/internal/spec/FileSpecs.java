package io.rostersync.oneroster.internal.spec;

import static io.rostersync.oneroster.internal.spec.ColumnType.BOOLEAN;
import static io.rostersync.oneroster.internal.spec.ColumnType.DATE;
import static io.rostersync.oneroster.internal.spec.ColumnType.DATETIME;
import static io.rostersync.oneroster.internal.spec.ColumnType.ENUM;
import static io.rostersync.oneroster.internal.spec.ColumnType.GRADES;
import static io.rostersync.oneroster.internal.spec.ColumnType.GUID;
import static io.rostersync.oneroster.internal.spec.ColumnType.GUID_REF;
import static io.rostersync.oneroster.internal.spec.ColumnType.GUID_REF_LIST;
import static io.rostersync.oneroster.internal.spec.ColumnType.SECRET;
import static io.rostersync.oneroster.internal.spec.ColumnType.PERSONAL;
import static io.rostersync.oneroster.internal.spec.ColumnType.BIRTH_DATE;
import static io.rostersync.oneroster.internal.spec.ColumnType.STATUS;
import static io.rostersync.oneroster.internal.spec.ColumnType.STRING;
import static io.rostersync.oneroster.internal.spec.ColumnType.STRING_LIST;
import static io.rostersync.oneroster.internal.spec.ColumnType.USER_IDS;
import static io.rostersync.oneroster.internal.spec.ColumnType.YEAR;
import static io.rostersync.oneroster.internal.spec.Requirement.DELTA_ONLY;
import static io.rostersync.oneroster.internal.spec.Requirement.OPTIONAL;
import static io.rostersync.oneroster.internal.spec.Requirement.REQUIRED;

import io.rostersync.oneroster.OneRosterVersion;
import io.rostersync.oneroster.RosterFile;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The binding's tables as data: every header this reader accepts, per file and version. Sources:
 * OneRoster CSV 1.2 (and its 1.2.1 corrections) and the 1.1 and 1.0 headers rebuilt from
 * published exports; see docs/problems.md for the choices made where the specs are unclear.
 */
public final class FileSpecs {

    private static final Map<OneRosterVersion, Map<RosterFile, List<FileSpec>>> SPECS = new EnumMap<>(OneRosterVersion.class);

    static {
        for (OneRosterVersion v : OneRosterVersion.values()) {
            SPECS.put(v, new EnumMap<>(RosterFile.class));
        }
        for (OneRosterVersion v : List.of(OneRosterVersion.V1_1, OneRosterVersion.V1_2)) {
            add(v, RosterFile.ORGS, common(),
                    col("name", STRING, REQUIRED), enumCol("type", REQUIRED, Vocabulary.ORG_TYPE),
                    col("identifier", STRING, OPTIONAL), ref("parentSourcedId", OPTIONAL, RosterFile.ORGS));
            add(v, RosterFile.ACADEMIC_SESSIONS, common(),
                    col("title", STRING, REQUIRED), enumCol("type", REQUIRED, Vocabulary.SESSION_TYPE),
                    col("startDate", DATE, REQUIRED), col("endDate", DATE, REQUIRED),
                    ref("parentSourcedId", OPTIONAL, RosterFile.ACADEMIC_SESSIONS), col("schoolYear", YEAR, REQUIRED));
            add(v, RosterFile.COURSES, common(),
                    ref("schoolYearSourcedId", OPTIONAL, RosterFile.ACADEMIC_SESSIONS), col("title", STRING, REQUIRED),
                    col("courseCode", STRING, OPTIONAL), col("grades", GRADES, OPTIONAL),
                    ref("orgSourcedId", REQUIRED, RosterFile.ORGS), col("subjects", STRING_LIST, OPTIONAL),
                    col("subjectCodes", STRING_LIST, OPTIONAL));
            add(v, RosterFile.CLASSES, common(),
                    col("title", STRING, REQUIRED), col("grades", GRADES, OPTIONAL),
                    ref("courseSourcedId", REQUIRED, RosterFile.COURSES), col("classCode", STRING, OPTIONAL),
                    enumCol("classType", REQUIRED, Vocabulary.CLASS_TYPE), col("location", STRING, OPTIONAL),
                    ref("schoolSourcedId", REQUIRED, RosterFile.ORGS),
                    refs("termSourcedIds", REQUIRED, RosterFile.ACADEMIC_SESSIONS),
                    col("subjects", STRING_LIST, OPTIONAL), col("subjectCodes", STRING_LIST, OPTIONAL),
                    col("periods", STRING_LIST, OPTIONAL));
            add(v, RosterFile.ENROLLMENTS, common(),
                    ref("classSourcedId", REQUIRED, RosterFile.CLASSES), ref("schoolSourcedId", REQUIRED, RosterFile.ORGS),
                    ref("userSourcedId", REQUIRED, RosterFile.USERS), enumCol("role", REQUIRED, Vocabulary.ENROLLMENT_ROLE),
                    col("primary", BOOLEAN, OPTIONAL), col("beginDate", DATE, OPTIONAL), col("endDate", DATE, OPTIONAL));
            add(v, RosterFile.DEMOGRAPHICS, common(), demographics("birthDate"));
            // 1.0's header, as 1.1 and 1.2 packages still send it (the Ed-Fi 1.0 sample, OAT)
            add(v, RosterFile.DEMOGRAPHICS, demographics10Head(), demographics("birthdate"));
        }
        add(OneRosterVersion.V1_1, RosterFile.USERS, common(),
                col("enabledUser", BOOLEAN, REQUIRED), refs("orgSourcedIds", REQUIRED, RosterFile.ORGS),
                enumCol("role", REQUIRED, Vocabulary.USER_ROLE_1_1), col("username", STRING, REQUIRED),
                col("userIds", USER_IDS, OPTIONAL), col("givenName", STRING, REQUIRED),
                col("familyName", STRING, REQUIRED), col("middleName", STRING, OPTIONAL),
                col("identifier", STRING, OPTIONAL), col("email", STRING, OPTIONAL), col("sms", STRING, OPTIONAL),
                col("phone", STRING, OPTIONAL), refs("agentSourcedIds", OPTIONAL, RosterFile.USERS),
                col("grades", GRADES, OPTIONAL), col("password", SECRET, OPTIONAL));
        List<Column> users12Head = List.of(
                col("enabledUser", BOOLEAN, REQUIRED), col("username", STRING, REQUIRED),
                col("userIds", USER_IDS, OPTIONAL), col("givenName", STRING, REQUIRED),
                col("familyName", STRING, REQUIRED), col("middleName", STRING, OPTIONAL),
                col("identifier", STRING, OPTIONAL), col("email", STRING, OPTIONAL), col("sms", STRING, OPTIONAL),
                col("phone", STRING, OPTIONAL), refs("agentSourcedIds", OPTIONAL, RosterFile.USERS),
                col("grades", GRADES, OPTIONAL), col("password", SECRET, OPTIONAL),
                col("userMasterIdentifier", STRING, OPTIONAL));
        List<Column> users12Tail = List.of(
                col("preferredGivenName", STRING, OPTIONAL), col("preferredMiddleName", STRING, OPTIONAL),
                col("preferredFamilyName", STRING, OPTIONAL), ref("primaryOrgSourcedId", OPTIONAL, RosterFile.ORGS),
                col("pronouns", STRING, OPTIONAL));
        // 1.2.1 first: it is the canonical header writers use; 1.2 added resourceSourcedIds.
        add(OneRosterVersion.V1_2, RosterFile.USERS, concat(common(), users12Head, users12Tail));
        add(OneRosterVersion.V1_2, RosterFile.USERS,
                concat(common(), users12Head, List.of(col("resourceSourcedIds", STRING_LIST, OPTIONAL)), users12Tail));
        add(OneRosterVersion.V1_2, RosterFile.ROLES, common(),
                ref("userSourcedId", REQUIRED, RosterFile.USERS), enumCol("roleType", REQUIRED, Vocabulary.ROLE_TYPE),
                enumCol("role", REQUIRED, Vocabulary.ROLE_1_2), col("beginDate", DATE, OPTIONAL),
                col("endDate", DATE, OPTIONAL), ref("orgSourcedId", REQUIRED, RosterFile.ORGS),
                col("userProfileSourcedId", STRING, OPTIONAL));
        add(OneRosterVersion.V1_2, RosterFile.USER_PROFILES, common(),
                ref("userSourcedId", REQUIRED, RosterFile.USERS), col("profileType", STRING, REQUIRED),
                col("vendorId", STRING, REQUIRED), col("applicationId", STRING, OPTIONAL),
                col("description", STRING, OPTIONAL), col("credentialType", STRING, REQUIRED),
                col("username", STRING, REQUIRED), col("password", SECRET, OPTIONAL));

        // 1.0: no manifest, older names. The field names map them onto the 1.1 vocabulary.
        OneRosterVersion v10 = OneRosterVersion.V1_0;
        add(v10, RosterFile.ORGS, common(),
                col("name", STRING, REQUIRED), enumCol("type", REQUIRED, Vocabulary.ORG_TYPE),
                col("identifier", STRING, OPTIONAL), ref("parentSourcedId", OPTIONAL, RosterFile.ORGS));
        add(v10, RosterFile.ACADEMIC_SESSIONS, common(),
                col("title", STRING, REQUIRED), enumCol("type", REQUIRED, Vocabulary.SESSION_TYPE),
                col("startDate", DATE, REQUIRED), col("endDate", DATE, REQUIRED),
                ref("parentSourcedId", OPTIONAL, RosterFile.ACADEMIC_SESSIONS));
        add(v10, RosterFile.COURSES, common(),
                renamed("schoolYearId", "schoolYearSourcedId", GUID_REF, OPTIONAL, RosterFile.ACADEMIC_SESSIONS),
                col("title", STRING, REQUIRED), col("courseCode", STRING, OPTIONAL),
                renamed("grade", "grades", GRADES, OPTIONAL, null), ref("orgSourcedId", REQUIRED, RosterFile.ORGS),
                col("subjects", STRING_LIST, OPTIONAL));
        add(v10, RosterFile.CLASSES, common(),
                col("title", STRING, REQUIRED), renamed("grade", "grades", GRADES, OPTIONAL, null),
                ref("courseSourcedId", REQUIRED, RosterFile.COURSES), col("classCode", STRING, OPTIONAL),
                enumCol("classType", REQUIRED, Vocabulary.CLASS_TYPE), col("location", STRING, OPTIONAL),
                ref("schoolSourcedId", REQUIRED, RosterFile.ORGS),
                renamed("termSourcedId", "termSourcedIds", GUID_REF_LIST, REQUIRED, RosterFile.ACADEMIC_SESSIONS),
                col("subjects", STRING_LIST, OPTIONAL));
        add(v10, RosterFile.ENROLLMENTS, List.of(col("sourcedId", GUID, REQUIRED)),
                ref("classSourcedId", REQUIRED, RosterFile.CLASSES), ref("schoolSourcedId", REQUIRED, RosterFile.ORGS),
                ref("userSourcedId", REQUIRED, RosterFile.USERS), enumCol("role", REQUIRED, Vocabulary.ENROLLMENT_ROLE),
                statusCol(), col("dateLastModified", DATETIME, DELTA_ONLY), col("primary", BOOLEAN, OPTIONAL));
        add(v10, RosterFile.USERS, common(),
                refs("orgSourcedIds", REQUIRED, RosterFile.ORGS), enumCol("role", REQUIRED, Vocabulary.USER_ROLE_1_1),
                col("username", STRING, REQUIRED), renamed("userId", "userIds", STRING, OPTIONAL, null),
                col("givenName", STRING, REQUIRED), col("familyName", STRING, REQUIRED),
                col("identifier", STRING, OPTIONAL), col("email", STRING, OPTIONAL), col("sms", STRING, OPTIONAL),
                col("phone", STRING, OPTIONAL), renamed("agents", "agentSourcedIds", GUID_REF_LIST, OPTIONAL, RosterFile.USERS));
        add(v10, RosterFile.DEMOGRAPHICS, demographics10Head(), demographics("birthdate"));
    }

    private FileSpecs() {
    }

    /** demographics' first columns as 1.0 names them. */
    private static List<Column> demographics10Head() {
        return List.of(renamed("userSourcedId", "sourcedId", GUID, REQUIRED, null), statusCol(),
                col("dateLastModified", DATETIME, DELTA_ONLY));
    }

    /**
     * demographics after its first columns: the birth date (named {@code birthdate} in 1.0), the one
     * column read, then the facts about a child the directory does not need.
     */
    private static Column[] demographics(String birthDate) {
        return new Column[] {renamed(birthDate, "birthDate", BIRTH_DATE, OPTIONAL, null),
            col("sex", PERSONAL, OPTIONAL), col("americanIndianOrAlaskaNative", PERSONAL, OPTIONAL),
            col("asian", PERSONAL, OPTIONAL), col("blackOrAfricanAmerican", PERSONAL, OPTIONAL),
            col("nativeHawaiianOrOtherPacificIslander", PERSONAL, OPTIONAL), col("white", PERSONAL, OPTIONAL),
            col("demographicRaceTwoOrMoreRaces", PERSONAL, OPTIONAL),
            col("hispanicOrLatinoEthnicity", PERSONAL, OPTIONAL), col("countryOfBirthCode", PERSONAL, OPTIONAL),
            col("stateOfBirthAbbreviation", PERSONAL, OPTIONAL), col("cityOfBirth", PERSONAL, OPTIONAL),
            col("publicSchoolResidenceStatus", PERSONAL, OPTIONAL)};
    }

    /** All headers accepted for this file in this version, the canonical one first; empty if unknown. */
    public static List<FileSpec> specs(RosterFile file, OneRosterVersion version) {
        return SPECS.get(version).getOrDefault(file, List.of());
    }

    public static Optional<FileSpec> canonical(RosterFile file, OneRosterVersion version) {
        List<FileSpec> specs = specs(file, version);
        return specs.isEmpty() ? Optional.empty() : Optional.of(specs.get(0));
    }

    public static List<String> canonicalHeader(RosterFile file, OneRosterVersion version) {
        return canonical(file, version).map(FileSpec::header).orElse(List.of());
    }

    private static void add(OneRosterVersion v, RosterFile f, List<Column> head, Column... rest) {
        add(v, f, concat(head, List.of(rest)));
    }

    private static void add(OneRosterVersion v, RosterFile f, List<Column> columns) {
        SPECS.get(v).computeIfAbsent(f, k -> new ArrayList<>()).add(new FileSpec(f, v, List.copyOf(columns)));
    }

    @SafeVarargs
    private static List<Column> concat(List<Column>... parts) {
        List<Column> all = new ArrayList<>();
        for (List<Column> p : parts) {
            all.addAll(p);
        }
        return all;
    }

    private static List<Column> common() {
        return List.of(col("sourcedId", GUID, REQUIRED), statusCol(), col("dateLastModified", DATETIME, DELTA_ONLY));
    }

    private static Column statusCol() {
        return new Column("status", "status", STATUS, DELTA_ONLY, Vocabulary.STATUS, null);
    }

    private static Column col(String name, ColumnType type, Requirement req) {
        return new Column(name, name, type, req, null, null);
    }

    private static Column enumCol(String name, Requirement req, Vocabulary vocabulary) {
        return new Column(name, name, ENUM, req, vocabulary, null);
    }

    private static Column ref(String name, Requirement req, RosterFile target) {
        return new Column(name, name, GUID_REF, req, null, target);
    }

    private static Column refs(String name, Requirement req, RosterFile target) {
        return new Column(name, name, GUID_REF_LIST, req, null, target);
    }

    private static Column renamed(String name, String field, ColumnType type, Requirement req, RosterFile target) {
        return new Column(name, field, type, req, null, target);
    }
}
