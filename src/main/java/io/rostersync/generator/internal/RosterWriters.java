package io.rostersync.generator.internal;

import io.rostersync.generator.internal.Catalog.Part;
import io.rostersync.generator.internal.Catalog.Slot;
import io.rostersync.generator.internal.Catalog.Subject;
import io.rostersync.generator.internal.Catalog.Track;
import io.rostersync.oneroster.OneRosterVersion;
import io.rostersync.oneroster.ProblemCode;
import io.rostersync.oneroster.RosterFile;
import java.util.Arrays;
import java.util.List;

/**
 * Writes each file of the package from the district model. Each method streams: it walks schools or
 * households in a fixed order and regenerates what it needs, so any file can be written on its own
 * thread and memory does not grow with the number of students. Bulk mode: status and
 * dateLastModified stay blank.
 */
public final class RosterWriters {

    static final String SYSTEM_NAME = "Rostersync Generator";
    private static final String TRUE = "true";
    private static final String FALSE = "false";

    private final District d;
    private final boolean v12;
    private final DefectPlan defects;

    public RosterWriters(District d) {
        this.d = d;
        this.v12 = d.version == OneRosterVersion.V1_2;
        this.defects = d.messy ? new DefectPlan(d) : null;
    }

    /** The data files written, in manifest order. */
    public List<RosterFile> files() {
        List<RosterFile> files = new java.util.ArrayList<>(List.of(RosterFile.ORGS, RosterFile.ACADEMIC_SESSIONS,
                RosterFile.COURSES, RosterFile.CLASSES, RosterFile.USERS));
        if (v12) {
            files.add(RosterFile.ROLES);
        }
        files.add(RosterFile.ENROLLMENTS);
        if (d.messy || d.birthDates) {
            files.add(RosterFile.DEMOGRAPHICS);
        }
        return files;
    }

    public void write(RosterFile file, CsvSink out) {
        switch (file) {
            case ORGS -> orgs(out);
            case ACADEMIC_SESSIONS -> sessions(out);
            case COURSES -> courses(out);
            case CLASSES -> classes(out);
            case USERS -> users(out);
            case ROLES -> roles(out);
            case ENROLLMENTS -> enrollments(out);
            case DEMOGRAPHICS -> demographics(out);
            default -> throw new IllegalArgumentException("not generated: " + file);
        }
    }

    /** Whether users.csv starts with a byte order mark (a --messy defect). */
    public boolean bom(RosterFile file) {
        return d.messy && file == RosterFile.USERS;
    }

    // ---------------------------------------------------------------- manifest

    public void manifest(CsvSink out) {
        out.header(List.of("propertyName", "value"));
        long line = out.row("manifest.version", d.messy ? "1" : "1.0");
        if (d.messy) {
            out.expect(ProblemCode.EXCEL_NUMBER_COERCED.name(), line);
        }
        out.row("oneroster.version", d.version.label());
        List<RosterFile> written = files();
        for (RosterFile f : RosterFile.values()) {
            if (f.existsIn(d.version)) {
                out.row(f.manifestKey(), written.contains(f) ? "bulk" : "absent");
            }
        }
        out.row("source.systemName", SYSTEM_NAME);
    }

    // ---------------------------------------------------------------- small files

    private static final class Row {
        final List<String> header;
        final String[] v;

        Row(RosterFile f, OneRosterVersion version) {
            header = f.header(version);
            v = new String[header.size()];
            clear();
        }

        int col(String name) {
            return header.indexOf(name);
        }

        void clear() {
            Arrays.fill(v, "");
        }

        void set(int col, String value) {
            if (col >= 0) {
                v[col] = value;
            }
        }
    }

    private void orgs(CsvSink out) {
        Row r = new Row(RosterFile.ORGS, d.version);
        out.header(r.header);
        int id = r.col("sourcedId"), name = r.col("name"), type = r.col("type"), ident = r.col("identifier"),
                parent = r.col("parentSourcedId");
        r.set(id, d.districtId);
        r.set(name, d.districtName);
        r.set(type, "district");
        r.set(ident, d.ncesDistrict);
        out.row(r.v);
        for (int s = 0; s < d.schools; s++) {
            r.clear();
            r.set(id, d.schoolIds[s]);
            r.set(name, d.schoolNames[s]);
            r.set(type, "school");
            r.set(ident, d.ncesDistrict + String.format("%05d", s + 1));
            r.set(parent, d.districtId);
            out.row(r.v);
        }
    }

    private void sessions(CsvSink out) {
        Row r = new Row(RosterFile.ACADEMIC_SESSIONS, d.version);
        out.header(r.header);
        for (int i = 0; i < Calendar.SESSIONS.length; i++) {
            String[] s = Calendar.SESSIONS[i];
            r.clear();
            r.set(r.col("sourcedId"), d.sessionIds[i]);
            r.set(r.col("title"), s[0]);
            r.set(r.col("type"), s[1]);
            r.set(r.col("startDate"), s[2]);
            r.set(r.col("endDate"), s[3]);
            r.set(r.col("parentSourcedId"), Calendar.SESSION_PARENT[i] < 0 ? "" : d.sessionIds[Calendar.SESSION_PARENT[i]]);
            r.set(r.col("schoolYear"), Calendar.SCHOOL_YEAR);
            out.row(r.v);
        }
    }

    private static String courseCode(Subject s, int grade) {
        return s.key() + Catalog.GRADE_CODES[grade];
    }

    private void courses(CsvSink out) {
        Row r = new Row(RosterFile.COURSES, d.version);
        out.header(r.header);
        int id = r.col("sourcedId"), year = r.col("schoolYearSourcedId"), title = r.col("title"),
                code = r.col("courseCode"), grades = r.col("grades"), org = r.col("orgSourcedId"),
                subjects = r.col("subjects"), codes = r.col("subjectCodes");
        for (int s = 0; s < d.schools; s++) {
            SchoolPlan p = d.plan(s);
            for (int c = 0; c < p.courseCount; c++) {
                Subject subj = p.courseSubject[c];
                int g = p.courseGrade[c];
                r.set(id, d.courseId(s, c));
                r.set(year, d.sessionIds[0]);
                r.set(title, subj.title(g - p.firstGrade));
                r.set(code, courseCode(subj, g));
                r.set(grades, Catalog.GRADE_CODES[g]);
                r.set(org, d.schoolIds[s]);
                r.set(subjects, subj.subject());
                r.set(codes, subj.subjectCode());
                out.row(r.v);
            }
        }
    }

    private String terms(int term) {
        return switch (term) {
            case Calendar.YEAR -> d.sessionIds[0];
            case Calendar.FALL -> d.sessionIds[1];
            case Calendar.SPRING -> d.sessionIds[2];
            default -> d.sessionIds[1] + "," + d.sessionIds[2];
        };
    }

    private static String location(Subject s, int room) {
        return switch (s.key()) {
            case "PE" -> "Gym";
            case "MUS", "CHOIR" -> "Music Room";
            case "BAND" -> "Band Room";
            case "ART" -> "Art Room";
            case "LIB" -> "Library";
            default -> "Room " + room;
        };
    }

    private void classes(CsvSink out) {
        Row r = new Row(RosterFile.CLASSES, d.version);
        out.header(r.header);
        int id = r.col("sourcedId"), status = r.col("status"), modified = r.col("dateLastModified"),
                title = r.col("title"), grades = r.col("grades"), course = r.col("courseSourcedId"),
                code = r.col("classCode"), type = r.col("classType"), location = r.col("location"),
                school = r.col("schoolSourcedId"), terms = r.col("termSourcedIds"), subjects = r.col("subjects"),
                codes = r.col("subjectCodes"), periods = r.col("periods");
        People people = new People(d);
        People.Name name = new People.Name();
        DefectPlan.Schedule plan = defects == null ? null : defects.classes;
        long ordinal = 0;
        for (int s = 0; s < d.schools; s++) {
            SchoolPlan p = d.plan(s);
            for (int k = 0; k < p.classCount; k++) {
                int c = p.classCourse[k];
                Subject subj = p.courseSubject[c];
                int g = p.courseGrade[c];
                int section = p.classSection[k];
                r.clear();
                r.set(id, d.classId(s, k));
                String courseTitle = subj.title(g - p.firstGrade);
                if (subj.homeroom()) {
                    people.staff(p.classTeacher[k], name);
                    r.set(title, courseTitle + " - " + name.family);
                } else {
                    r.set(title, courseTitle + " - Section " + (section + 1));
                }
                r.set(grades, Catalog.GRADE_CODES[g]);
                r.set(course, d.courseId(s, c));
                r.set(code, courseCode(subj, g) + "-" + (section < 9 ? "0" : "") + (section + 1));
                r.set(type, subj.homeroom() ? "homeroom" : "scheduled");
                long teacher = p.classTeacher[k];
                int room = SchoolPlan.staffSchool(teacher) == s ? p.staffRoom[SchoolPlan.staffIndex(teacher)] : 100;
                r.set(location, location(subj, room));
                r.set(school, d.schoolIds[s]);
                r.set(terms, terms(p.courseTerm[c]));
                r.set(subjects, subj.subject());
                r.set(codes, subj.subjectCode());
                r.set(periods, p.level == Catalog.ELEMENTARY ? "" : String.valueOf(p.classSlot[k] + 1));
                if (plan == null) {
                    out.row(r.v);
                } else {
                    classRowWithDefects(out, r, plan, ordinal, subj.homeroom(), type, status, modified, location);
                }
                ordinal++;
            }
        }
    }

    private void classRowWithDefects(CsvSink out, Row r, DefectPlan.Schedule plan, long ordinal, boolean homeroom,
            int type, int status, int modified, int location) {
        List<ProblemCode> due = plan.due(ordinal);
        ProblemCode applied = null;
        for (ProblemCode code : due) {
            if (code == ProblemCode.FIELD_ENUM_CASE && homeroom) {
                continue;
            }
            applied = code;
            break;
        }
        if (applied == null) {
            out.row(r.v);
            return;
        }
        due.remove(applied);
        long line;
        switch (applied) {
            case FIELD_ENUM_CASE -> {
                r.set(type, "Scheduled");
                line = out.row(r.v);
            }
            case BULK_STATUS_PRESENT -> {
                r.set(status, "active");
                r.set(modified, "2026-09-11T14:32:07.000Z");
                line = out.row(r.v);
            }
            default -> {
                r.set(location, "Room 12\nAnnex");
                line = out.rowSpanning(1, r.v);
            }
        }
        out.expect(applied.name(), line);
    }

    // ---------------------------------------------------------------- households

    private interface Visitor {
        void visit(Household hh);
    }

    /** Every household ever present up to the day, in a fixed order: zone by zone, then arrivals by day. */
    private void forEachHousehold(Visitor v) {
        Household hh = new Household(d);
        for (int z = 0; z < d.zones; z++) {
            int n = d.householdsIn(z);
            for (int j = 0; j < n; j++) {
                hh.load(District.householdKey(0, z, j), z, 0, d.initialKids(z, j));
                v.visit(hh);
            }
            for (int day = 1; day <= d.day; day++) {
                int arrivals = d.newHouseholds(z, day);
                for (int j = 0; j < arrivals; j++) {
                    long key = District.householdKey(day, z, j);
                    hh.load(key, z, day, d.kidsDrawn(key));
                    v.visit(hh);
                }
            }
        }
    }

    // ---------------------------------------------------------------- users

    private final class Users {
        final CsvSink out;
        final Row r;
        final int id, enabled, orgs, role, username, userIds, given, family, middle, identifier, email, sms, phone,
                agents, grades, password, preferredGiven, primaryOrg, pronouns;
        final People people = new People(d);
        final People.Name name = new People.Name();
        final StringBuilder sb = new StringBuilder(256);
        final DefectPlan.Schedule plan = defects == null ? null : defects.users;
        long initialKidOrdinal;
        long initialGuardianOrdinal;
        final int[] newKidsPerDay = new int[d.day + 1];
        final int[] newGuardiansPerDay = new int[d.day + 1];
        long kidRows;
        boolean passwordReported;
        final String[] kidIds = new String[64];
        final String[] guardianIds = new String[64];
        final long[] guardianNumbers = new long[64];
        final long[] kidNumbers = new long[64];

        Users(CsvSink out) {
            this.out = out;
            r = new Row(RosterFile.USERS, d.version);
            id = r.col("sourcedId");
            enabled = r.col("enabledUser");
            orgs = r.col("orgSourcedIds");
            role = r.col("role");
            username = r.col("username");
            userIds = r.col("userIds");
            given = r.col("givenName");
            family = r.col("familyName");
            middle = r.col("middleName");
            identifier = r.col("identifier");
            email = r.col("email");
            sms = r.col("sms");
            phone = r.col("phone");
            agents = r.col("agentSourcedIds");
            grades = r.col("grades");
            password = r.col("password");
            preferredGiven = r.col("preferredGivenName");
            primaryOrg = r.col("primaryOrgSourcedId");
            pronouns = r.col("pronouns");
        }

        void write() {
            out.header(r.header);
            for (int i = 0; i < d.districtAdmins; i++) {
                staff(SchoolPlan.staffKey(d.schools, i), -1, SchoolPlan.PRINCIPAL, -1);
            }
            for (int s = 0; s < d.schools; s++) {
                SchoolPlan p = d.plan(s);
                for (int i = 0; i < p.staffCount; i++) {
                    staff(SchoolPlan.staffKey(s, i), s, p.staffKind[i], p.staffSecondSchool[i]);
                }
            }
            forEachHousehold(this::household);
        }

        String staffUsername(People.Name n, long staffKey) {
            return n.givenAscii.charAt(0) + n.familyAscii + d.employeeNumber(staffKey);
        }

        void staff(long key, int school, int kind, int second) {
            people.staff(key, name);
            r.clear();
            String user = staffUsername(name, key);
            r.set(id, d.staffId(key));
            r.set(enabled, Hashing.unit(Hashing.h(d.seed, District.K_CONTACT, key, 1)) < 0.01 ? FALSE : TRUE);
            if (school < 0) {
                r.set(orgs, d.districtId);
                r.set(role, "administrator");
                r.set(primaryOrg, d.districtId);
            } else {
                r.set(orgs, second >= 0 ? d.schoolIds[school] + "," + d.schoolIds[second] : d.schoolIds[school]);
                r.set(role, switch (kind) {
                    case SchoolPlan.PRINCIPAL, SchoolPlan.ASSISTANT_PRINCIPAL -> "administrator";
                    case SchoolPlan.AIDE -> "aide";
                    default -> "teacher";
                });
                r.set(primaryOrg, d.schoolIds[school]);
            }
            int emp = d.employeeNumber(key);
            r.set(username, user);
            r.set(userIds, "{SIS:E" + emp + "},{LDAP:" + user + "}");
            setName();
            r.set(identifier, "E" + emp);
            r.set(email, user + "@" + d.domain);
            Long household = d.parentTeacherByStaff.get(key);
            if (household != null && v12) {
                // 1.2: the teacher and the guardian are one user with both roles.
                Household hh = new Household(d);
                int z = (int) ((household >>> 28) & 0xFFFFF);
                int j = (int) (household & 0xFFFFFFF);
                hh.load(household, z, 0, d.initialKids(z, j));
                contact(hh, 0, 0, true);
                r.set(agents, joinKids(hh));
            }
            out.row(r.v);
        }

        private String joinKids(Household hh) {
            sb.setLength(0);
            for (int i = 0; i < hh.kids; i++) {
                if (hh.kidPresent[i]) {
                    if (sb.length() > 0) {
                        sb.append(',');
                    }
                    sb.append(d.kidId(hh.key, i));
                }
            }
            return sb.toString();
        }

        void setName() {
            r.set(given, name.given);
            r.set(family, name.family);
            r.set(middle, name.middle);
            r.set(preferredGiven, name.preferred);
            r.set(pronouns, name.pronouns);
        }

        /** Fills sms/phone (and e-mail unless the person has a work address) of a guardian. */
        void contact(Household hh, int g, long number, boolean workEmail) {
            long ch = Hashing.h(d.seed, District.K_CONTACT, hh.key, g);
            String area = d.areaCodes[Hashing.below(Hashing.h(ch, 1), d.areaCodes.length)];
            String line = String.valueOf(100 + Hashing.below(Hashing.h(ch, 2), 100)).substring(1);
            if (!workEmail && Hashing.unit(Hashing.h(ch, 3)) < 0.75) {
                r.set(email, name.givenAscii + "." + name.familyAscii + number
                        + (Hashing.unit(Hashing.h(ch, 4)) < 0.6 ? "@example.com" : "@example.org"));
            }
            if (Hashing.unit(Hashing.h(ch, 5)) < 0.65) {
                r.set(sms, "+1" + area + "55501" + line);
            }
            if (Hashing.unit(Hashing.h(ch, 6)) < 0.35) {
                String home = String.valueOf(100 + Hashing.below(Hashing.h(ch, 7), 100)).substring(1);
                r.set(phone, "(" + area + ") 555-01" + home);
            }
        }

        void household(Household hh) {
            // Numbers: day-0 people in household order (present or not), later arrivals per day.
            for (int i = 0; i < hh.kids; i++) {
                if (hh.initialKid(i)) {
                    kidNumbers[i % 64] = d.kidNumber(initialKidOrdinal++);
                } else {
                    int b = hh.kidBirth[i];
                    kidNumbers[i % 64] = d.newKidNumber(b, newKidsPerDay[b]++);
                }
            }
            for (int g = 0; g < hh.guardians; g++) {
                if (hh.birthDay == 0 && g < hh.initialGuardians) {
                    guardianNumbers[g % 64] = d.guardianNumber(initialGuardianOrdinal++);
                } else {
                    int b = hh.guardianBirth[g];
                    guardianNumbers[g % 64] = d.newGuardianNumber(b, newGuardiansPerDay[b]++);
                }
            }
            if (!hh.present) {
                return;
            }
            int nKids = Math.min(hh.kids, 64);
            int nGuardians = Math.min(hh.guardians, 64);
            for (int i = 0; i < nKids; i++) {
                kidIds[i] = hh.kidPresent[i] ? d.kidId(hh.key, i) : null;
            }
            for (int g = 0; g < nGuardians; g++) {
                guardianIds[g] = hh.guardianPresent(g) ? d.guardianId(hh.key, g) : null;
            }
            String guardianList = join(guardianIds, nGuardians);
            String kidList = join(kidIds, nKids);
            for (int i = 0; i < nKids; i++) {
                if (kidIds[i] != null) {
                    kid(hh, i, guardianList);
                }
            }
            String schools = kidSchools(hh, nKids);
            for (int g = 0; g < nGuardians; g++) {
                if (guardianIds[g] != null && !(v12 && g == 0 && hh.pinned)) {
                    guardian(hh, g, kidList, schools);
                }
            }
        }

        private String join(String[] ids, int n) {
            sb.setLength(0);
            for (int i = 0; i < n; i++) {
                if (ids[i] != null) {
                    if (sb.length() > 0) {
                        sb.append(',');
                    }
                    sb.append(ids[i]);
                }
            }
            return sb.toString();
        }

        /** The distinct schools of the present kids, in school order (no duplicates in the list). */
        private String kidSchools(Household hh, int nKids) {
            sb.setLength(0);
            int last = -1;
            while (true) {
                int next = Integer.MAX_VALUE;
                for (int i = 0; i < nKids; i++) {
                    if (kidIds[i] != null && hh.kidSchool[i] > last && hh.kidSchool[i] < next) {
                        next = hh.kidSchool[i];
                    }
                }
                if (next == Integer.MAX_VALUE) {
                    break;
                }
                if (sb.length() > 0) {
                    sb.append(',');
                }
                sb.append(d.schoolIds[next]);
                last = next;
            }
            return sb.toString();
        }

        void kid(Household hh, int i, String guardianList) {
            people.kid(hh, i, name);
            r.clear();
            long number = kidNumbers[i % 64];
            String school = d.schoolIds[hh.kidSchool[i]];
            String user = name.givenAscii.charAt(0) + name.familyAscii + number;
            int grade = hh.kidGrade[i];
            r.set(id, kidIds[i]);
            r.set(enabled, TRUE);
            r.set(orgs, school);
            r.set(role, "student");
            r.set(username, user);
            r.set(userIds, "{SIS:" + number + "}");
            setName();
            r.set(identifier, String.valueOf(number));
            if (grade >= 3) {
                r.set(email, user + "@students." + d.domain);
            }
            r.set(agents, guardianList);
            r.set(grades, Catalog.GRADE_CODES[grade]);
            r.set(primaryOrg, school);
            if (plan == null) {
                out.row(r.v);
            } else {
                kidWithDefects(grade);
            }
            kidRows++;
        }

        private void kidWithDefects(int grade) {
            List<ProblemCode> due = plan.due(kidRows);
            ProblemCode applied = null;
            for (int k = 0; k < due.size(); k++) {
                ProblemCode code = due.get(k);
                if (code == ProblemCode.FIELD_REQUIRED || code == ProblemCode.ENCODING_INVALID_UTF8) {
                    orphan(code);
                    due.remove(k--);
                    continue;
                }
                if (applied != null || (code == ProblemCode.EXCEL_LEADING_ZERO_LOST && (grade < 1 || grade > 9))
                        || (code == ProblemCode.FIELD_WHITESPACE && r.v[email].isEmpty())) {
                    continue;
                }
                applied = code;
                due.remove(k--);
            }
            if (applied == null) {
                out.row(r.v);
                return;
            }
            switch (applied) {
                case EXCEL_BOOLEAN_CASE -> r.set(enabled, "TRUE");
                case EXCEL_LEADING_ZERO_LOST -> r.set(grades, String.valueOf(grade));
                case FIELD_USER_IDS_FORMAT -> r.set(userIds, "{State Student Number: }");
                case FIELD_WHITESPACE -> r.set(email, r.v[email] + " ");
                default -> r.set(password, "$2a$10$" + Hashing.uuid(d.seed, District.ID_BOGUS, kidRows, 7, 7)
                        .replace("-", ""));
            }
            long line = out.row(r.v);
            if (applied == ProblemCode.COLUMN_NOT_NEEDED) {
                if (!passwordReported) {
                    out.expect(ProblemCode.COLUMN_NOT_NEEDED.name(), null);
                    passwordReported = true;
                }
            } else {
                out.expect(applied.name(), line);
            }
        }

        /** A guardian whose children have all left: nothing refers to the row, so dropping it is harmless. */
        private void orphan(ProblemCode code) {
            String[] saved = r.v.clone();
            long h = Hashing.h(d.seed, District.K_DEFECT, kidRows, code.ordinal());
            r.clear();
            r.set(id, Hashing.uuid(d.seed, District.ID_ORPHAN, kidRows, code.ordinal(), 0));
            r.set(enabled, TRUE);
            r.set(orgs, d.districtId);
            r.set(role, "parent");
            long number = 9_000_000 + Hashing.below(h, 999_999);
            r.set(username, "g" + number);
            r.set(userIds, "{SIS:G" + number + "}");
            if (code == ProblemCode.FIELD_REQUIRED) {
                r.set(given, "");
                r.set(family, "Hernández");
            } else {
                r.set(given, "Ren" + Utf8Writer.RAW_E9 + "e");
                r.set(family, "Dubois");
            }
            r.set(sms, "+1" + d.areaCodes[0] + "5550142");
            long line = out.row(r.v);
            out.expect(code.name(), line);
            System.arraycopy(saved, 0, r.v, 0, saved.length);
        }

        void guardian(Household hh, int g, String kidList, String schools) {
            people.guardian(hh, g, name);
            r.clear();
            long number = guardianNumbers[g % 64];
            long gh = Hashing.h(d.seed, District.K_CONTACT, hh.key, g, 9);
            double u = Hashing.unit(gh);
            String relation = g < 2 ? (u < 0.88 ? "parent" : u < 0.96 ? "guardian" : "relative")
                    : (u < 0.6 ? "relative" : "guardian");
            Long teacher = g == 0 && hh.pinned ? d.parentTeacherByHousehold.get(hh.key) : null;
            r.set(id, guardianIds[g]);
            r.set(enabled, TRUE);
            r.set(orgs, schools);
            r.set(role, teacher != null ? "parent" : relation);
            r.set(userIds, "{SIS:G" + number + "}");
            setName();
            contact(hh, g, number, teacher != null);
            if (teacher != null) {
                // 1.1: the teacher's second row, with the same name, username and e-mail.
                String user = staffUsername(name, teacher);
                r.set(username, user);
                r.set(email, user + "@" + d.domain);
            } else {
                r.set(username, r.v[email].isEmpty() ? "g" + number : r.v[email]);
            }
            r.set(agents, kidList);
            int comma = schools.indexOf(',');
            r.set(primaryOrg, comma < 0 ? schools : schools.substring(0, comma));
            out.row(r.v);
        }
    }

    private void users(CsvSink out) {
        new Users(out).write();
    }

    // ---------------------------------------------------------------- roles (1.2)

    private static final String[] STAFF_ROLES = {"principal", "siteAdministrator", "teacher", "teacher", "aide"};

    private void roles(CsvSink out) {
        Row r = new Row(RosterFile.ROLES, d.version);
        out.header(r.header);
        int id = r.col("sourcedId"), user = r.col("userSourcedId"), type = r.col("roleType"), role = r.col("role"),
                org = r.col("orgSourcedId");
        for (int i = 0; i < d.districtAdmins; i++) {
            long key = SchoolPlan.staffKey(d.schools, i);
            r.set(id, Hashing.uuid(d.seed, District.ID_ROLE_STAFF, key, 0, -1));
            r.set(user, d.staffId(key));
            r.set(type, "primary");
            r.set(role, "districtAdministrator");
            r.set(org, d.districtId);
            out.row(r.v);
        }
        for (int s = 0; s < d.schools; s++) {
            SchoolPlan p = d.plan(s);
            for (int i = 0; i < p.staffCount; i++) {
                long key = SchoolPlan.staffKey(s, i);
                String staffRole = STAFF_ROLES[p.staffKind[i]];
                for (int o : new int[] {s, p.staffSecondSchool[i]}) {
                    if (o < 0) {
                        continue;
                    }
                    r.set(id, Hashing.uuid(d.seed, District.ID_ROLE_STAFF, key, 0, o));
                    r.set(user, d.staffId(key));
                    r.set(type, "primary");
                    r.set(role, staffRole);
                    r.set(org, d.schoolIds[o]);
                    out.row(r.v);
                }
            }
        }
        int[] schools = new int[64];
        forEachHousehold(hh -> {
            if (!hh.present) {
                return;
            }
            int n = 0;
            for (int i = 0; i < hh.kids; i++) {
                if (!hh.kidPresent[i]) {
                    continue;
                }
                int s = hh.kidSchool[i];
                r.set(id, Hashing.uuid(d.seed, District.ID_ROLE_KID, hh.key, i, s));
                r.set(user, d.kidId(hh.key, i));
                r.set(type, "primary");
                r.set(role, "student");
                r.set(org, d.schoolIds[s]);
                out.row(r.v);
                boolean seen = false;
                for (int k = 0; k < n; k++) {
                    seen |= schools[k] == s;
                }
                if (!seen && n < schools.length) {
                    schools[n++] = s;
                }
            }
            Arrays.sort(schools, 0, n);
            for (int g = 0; g < hh.guardians; g++) {
                if (!hh.guardianPresent(g)) {
                    continue;
                }
                long gh = Hashing.h(d.seed, District.K_CONTACT, hh.key, g, 9);
                double u = Hashing.unit(gh);
                String relation = g < 2 ? (u < 0.88 ? "parent" : u < 0.96 ? "guardian" : "relative")
                        : (u < 0.6 ? "relative" : "guardian");
                Long teacher = g == 0 && hh.pinned ? d.parentTeacherByHousehold.get(hh.key) : null;
                String userId = d.guardianId(hh.key, g);
                for (int k = 0; k < n; k++) {
                    int s = schools[k];
                    boolean teachesThere = teacher != null && SchoolPlan.staffSchool(teacher) == s;
                    r.set(id, Hashing.uuid(d.seed, District.ID_ROLE_GUARDIAN, hh.key, g, s));
                    r.set(user, userId);
                    r.set(type, teachesThere ? "secondary" : "primary");
                    r.set(role, teacher != null ? "parent" : relation);
                    r.set(org, d.schoolIds[s]);
                    out.row(r.v);
                }
            }
        });
    }

    // ---------------------------------------------------------------- enrollments

    private final class Enrollments {
        final CsvSink out;
        final Row r;
        final int id, cls, school, user, role, primary, begin, end;
        final int[][] dayZeroCounter = new int[d.schools][];
        final DefectPlan.Schedule plan = defects == null ? null : defects.enrollments;
        long kidRows;
        // A few schools' class ids, most recently used.
        final int[] cacheSchool = new int[8];
        final String[][] cacheIds = new String[8][];
        int cacheNext;
        final int[] lastAll = new int[8];
        final int[] lastFall = new int[8];

        Enrollments(CsvSink out) {
            this.out = out;
            r = new Row(RosterFile.ENROLLMENTS, d.version);
            id = r.col("sourcedId");
            cls = r.col("classSourcedId");
            school = r.col("schoolSourcedId");
            user = r.col("userSourcedId");
            role = r.col("role");
            primary = r.col("primary");
            begin = r.col("beginDate");
            end = r.col("endDate");
            for (int s = 0; s < d.schools; s++) {
                dayZeroCounter[s] = new int[d.plan(s).grades];
            }
            Arrays.fill(cacheSchool, -1);
        }

        String[] classIds(int s) {
            for (int i = 0; i < cacheSchool.length; i++) {
                if (cacheSchool[i] == s) {
                    return cacheIds[i];
                }
            }
            SchoolPlan p = d.plan(s);
            String[] ids = new String[p.classCount];
            for (int k = 0; k < ids.length; k++) {
                ids[k] = d.classId(s, k);
            }
            int slot = cacheNext++ % cacheSchool.length;
            cacheSchool[slot] = s;
            cacheIds[slot] = ids;
            return ids;
        }

        void write() {
            out.header(r.header);
            for (int s = 0; s < d.schools; s++) {
                SchoolPlan p = d.plan(s);
                String[] ids = classIds(s);
                r.set(school, d.schoolIds[s]);
                r.set(role, "teacher");
                for (int k = 0; k < p.classCount; k++) {
                    int term = p.courseTerm[p.classCourse[k]];
                    r.set(cls, ids[k]);
                    r.set(begin, Calendar.termStartText(term));
                    r.set(end, Calendar.termEndText(term));
                    r.set(id, Hashing.uuid(d.seed, District.ID_TEACHER_ENROLLMENT, s, k, 0));
                    r.set(user, d.staffId(p.classTeacher[k]));
                    r.set(primary, TRUE);
                    out.row(r.v);
                    if (p.classCoTeacher[k] >= 0) {
                        r.set(id, Hashing.uuid(d.seed, District.ID_TEACHER_ENROLLMENT, s, k, 1));
                        r.set(user, d.staffId(p.classCoTeacher[k]));
                        r.set(primary, FALSE);
                        out.row(r.v);
                    }
                }
            }
            r.set(role, "student");
            r.set(primary, "");
            forEachHousehold(this::household);
        }

        void household(Household hh) {
            for (int i = 0; i < hh.kids; i++) {
                int k = -1;
                if (hh.initialKid(i)) {
                    int s0 = hh.kidSchool0[i];
                    k = dayZeroCounter[s0][hh.kidGrade[i] - d.plan(s0).firstGrade]++;
                }
                if (hh.kidPresent[i]) {
                    kid(hh, i, k);
                }
            }
        }

        void kid(Household hh, int i, int dayZeroOrdinal) {
            int s = hh.kidSchool[i];
            SchoolPlan p = d.plan(s);
            int gl = hh.kidGrade[i] - p.firstGrade;
            Slot[] slots = Catalog.SLOTS[p.level];
            int base = hh.kidSchoolDay[i];
            Arrays.fill(lastAll, 0);
            Arrays.fill(lastFall, 0);
            if (d.day > 0) {
                double rate = p.level == Catalog.ELEMENTARY ? d.pScheduleElementary : d.pScheduleSecondary;
                long stream = Hashing.h(d.seed, District.K_SCHEDULE, hh.key, i);
                int at = Hashing.nextEventDay(stream, base, rate);
                while (at <= d.day) {
                    long eh = Hashing.h(stream, at, 1);
                    int a = Hashing.below(eh, slots.length);
                    mark(a, at);
                    if (Hashing.unit(Hashing.mix(eh)) < 0.3) {
                        int b = Hashing.below(Hashing.h(eh, 2), slots.length - 1);
                        mark(b >= a ? b + 1 : b, at);
                    }
                    at = Hashing.nextEventDay(stream, at, rate);
                }
            }
            String userId = d.kidId(hh.key, i);
            String[] ids = classIds(s);
            r.set(user, userId);
            r.set(school, d.schoolIds[s]);
            for (int slot = 0; slot < slots.length; slot++) {
                int vAll = Math.max(base, lastAll[slot]);
                int vFall = Math.max(base, lastFall[slot]);
                emitSlot(hh, i, p, gl, slots[slot], slot, vAll, false, dayZeroOrdinal, ids);
                emitSlot(hh, i, p, gl, slots[slot], slot, vFall, true, dayZeroOrdinal, ids);
            }
        }

        private void mark(int slot, int at) {
            lastAll[slot] = at;
            if (d.calendar.openOn(Calendar.FALL, at)) {
                lastFall[slot] = at;
            }
        }

        /** The slot's parts in the fall term (fallParts) or in the other terms, as chosen at version v. */
        private void emitSlot(Household hh, int i, SchoolPlan p, int gl, Slot slot, int slotIdx, int v,
                boolean fallParts, int dayZeroOrdinal, String[] ids) {
            Track[] tracks = slot.tracks();
            int t;
            int section;
            if (v == 0) {
                int k = dayZeroOrdinal;
                t = (k + slotIdx) % tracks.length;
                int idx = k / tracks.length;
                int n = Math.max(1, p.sectionsOf(gl, slotIdx, t));
                section = (idx + slotIdx * (idx / n)) % n;
            } else {
                long sh = Hashing.h(d.seed, District.K_SECTION, hh.key, ((long) i << 8) | slotIdx, v);
                t = Hashing.below(sh, tracks.length);
                int n = Math.max(1, p.sectionsOf(gl, slotIdx, t));
                section = Hashing.below(Hashing.mix(sh), n);
            }
            Part[] parts = tracks[t].parts();
            for (int part = 0; part < parts.length; part++) {
                int term = parts[part].term();
                if ((term == Calendar.FALL) != fallParts || !d.calendar.openOn(term, v)) {
                    continue;
                }
                int k = p.classOf(gl, slotIdx, t, part, section);
                r.set(id, Hashing.uuid(d.seed, District.ID_ENROLLMENT, hh.key, ((long) i << 16) | (slotIdx << 4) | part, v));
                r.set(cls, ids[k]);
                r.set(begin, d.calendar.beginText(term, v));
                r.set(end, Calendar.termEndText(term));
                if (plan == null) {
                    out.row(r.v);
                } else {
                    rowWithDefects(hh, i, p, gl);
                }
                kidRows++;
            }
        }

        private void rowWithDefects(Household hh, int i, SchoolPlan p, int gl) {
            List<ProblemCode> due = plan.due(kidRows);
            if (due.isEmpty()) {
                out.row(r.v);
                return;
            }
            ProblemCode code = due.remove(0);
            String[] saved = r.v.clone();
            long line;
            switch (code) {
                case CSV_ROW_WIDTH -> {
                    String[] wide = Arrays.copyOf(r.v, r.v.length + 1);
                    wide[r.v.length] = "";
                    line = out.row(wide);
                }
                case DUPLICATE_SOURCED_ID -> {
                    out.row(r.v);
                    line = out.row(r.v);
                }
                case REFERENCE_NOT_FOUND -> {
                    r.set(cls, Hashing.uuid(d.seed, District.ID_BOGUS, hh.key, i, kidRows));
                    line = out.row(r.v);
                }
                case FIELD_GUID_INVALID -> {
                    String good = r.v[id];
                    r.set(id, good.substring(0, 13) + " " + good.substring(14));
                    line = out.row(r.v);
                }
                case EXCEL_DATE_FORMAT -> {
                    java.time.LocalDate b = java.time.LocalDate.parse(r.v[begin]);
                    r.set(begin, b.getMonthValue() + "/" + b.getDayOfMonth() + "/" + b.getYear());
                    line = out.row(r.v);
                }
                case FIELD_DATE_INVALID -> {
                    r.set(end, "2027-02-30");
                    line = out.row(r.v);
                }
                case ENROLLMENT_SCHOOL_MISMATCH -> {
                    int other = (hh.kidSchool[i] + 1 + Hashing.below(Hashing.h(d.seed, kidRows), d.schools - 1))
                            % d.schools;
                    r.set(school, d.schoolIds[other]);
                    line = out.row(r.v);
                }
                default -> {
                    // ENROLLMENT_ROLE_ESCALATION: the student is also enrolled, as a teacher, in a class of another grade.
                    out.row(r.v);
                    int otherGrade = (gl + 1) % p.grades;
                    int k = p.classOf(otherGrade, 0, 0, 0, 0);
                    int term = p.courseTerm[p.classCourse[k]];
                    r.set(id, Hashing.uuid(d.seed, District.ID_EXTRA_ENROLLMENT, hh.key, i, kidRows));
                    r.set(cls, classIds(p.school)[k]);
                    r.set(role, "teacher");
                    r.set(primary, FALSE);
                    r.set(begin, Calendar.termStartText(term));
                    r.set(end, Calendar.termEndText(term));
                    line = out.row(r.v);
                }
            }
            out.expect(code.name(), line);
            System.arraycopy(saved, 0, r.v, 0, saved.length);
        }
    }

    private void enrollments(CsvSink out) {
        new Enrollments(out).write();
    }

    // ---------------------------------------------------------------- demographics

    /**
     * With birth dates, every student's; with --messy, the first households' also with the facts the
     * directory does not need (sex, race, place of birth), to be told so.
     */
    private void demographics(CsvSink out) {
        Row r = new Row(RosterFile.DEMOGRAPHICS, d.version);
        out.header(r.header);
        if (d.messy) {
            out.expect(ProblemCode.COLUMN_NOT_NEEDED.name(), null);
        }
        if (d.birthDates) {
            People people = new People(d);
            People.Name name = new People.Name();
            int[] written = {0};
            forEachHousehold(hh -> {
                for (int i = 0; i < hh.kids; i++) {
                    if (hh.kidPresent[i]) {
                        demographic(r, hh, i, people, name, d.messy && written[0]++ < 60, out);
                    }
                }
            });
            return;
        }
        Household hh = new Household(d);
        People people = new People(d);
        People.Name name = new People.Name();
        int n = Math.min(d.householdsIn(0), 30);
        for (int j = 0; j < n; j++) {
            hh.load(District.householdKey(0, 0, j), 0, 0, d.initialKids(0, j));
            for (int i = 0; i < hh.kids; i++) {
                if (hh.kidPresent[i]) {
                    demographic(r, hh, i, people, name, true, out);
                }
            }
        }
    }

    private static final String[] RACES = {"americanIndianOrAlaskaNative", "asian", "blackOrAfricanAmerican",
        "nativeHawaiianOrOtherPacificIslander", "white"};

    private void demographic(Row r, Household hh, int i, People people, People.Name name, boolean overshare,
            CsvSink out) {
        long h = Hashing.h(d.seed, District.K_PERSON, hh.key, 5, i);
        r.clear();
        r.set(r.col("sourcedId"), d.kidId(hh.key, i));
        r.set(r.col("birthDate"), birthDate(hh, i).toString());
        if (overshare) {
            people.kid(hh, i, name);
            r.set(r.col("sex"), name.female ? "female" : "male");
            int race = Hashing.below(Hashing.h(h, 2), RACES.length);
            for (int k = 0; k < RACES.length; k++) {
                r.set(r.col(RACES[k]), k == race ? TRUE : FALSE);
            }
            r.set(r.col("demographicRaceTwoOrMoreRaces"), FALSE);
            r.set(r.col("hispanicOrLatinoEthnicity"), name.culture == Names.SPANISH ? TRUE : FALSE);
            r.set(r.col("countryOfBirthCode"), "US");
            r.set(r.col("stateOfBirthAbbreviation"), "WA");
            r.set(r.col("cityOfBirth"), "Tacoma");
        }
        out.row(r.v);
    }

    /**
     * A child's birth date: in one of the two calendar years their grade spans (the later seven times
     * in ten), on a day their own hash draws, so that it stays theirs from day to day.
     */
    java.time.LocalDate birthDate(Household hh, int i) {
        long h = Hashing.h(d.seed, District.K_PERSON, hh.key, 5, i);
        int year = 2026 - 6 - hh.kidGrade[i] + (Hashing.unit(h) < 0.7 ? 1 : 0);
        return java.time.LocalDate.of(year, 1, 1).plusDays(Hashing.below(Hashing.h(h, 1), 365));
    }
}
