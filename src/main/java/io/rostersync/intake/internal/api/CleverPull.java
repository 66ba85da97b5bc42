package io.rostersync.intake.internal.api;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import io.rostersync.oneroster.OneRosterVersion;
import io.rostersync.oneroster.RosterFile;
import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * Reads a district's roster from Clever's Data API (v3.0, a district-app token) and writes it as a
 * OneRoster 1.1 CSV package, so that it takes the path every drop takes. Clever's ids are the
 * sourcedIds, so a district that moves between Clever and CSV exports made from Clever keeps its
 * people. The mapping:
 * <ul>
 * <li>the district and its schools are orgs (a school's identifier its school number);</li>
 * <li>terms are academic sessions (the school year is the year a term ends); courses are courses; a
 * section without a course or a term gets the package's own "(none in Clever)" course or term;</li>
 * <li>users: a student, a teacher, staff (administrator), a district admin (administrator of the
 * district) and a contact; a user with several roles is one row per role, the first under their
 * Clever id, the others under {@code id/role}, which the sync takes as one person (same name and
 * email);</li>
 * <li>a contact's relationships to students are its agents, its role parent (Parent), relative
 * (Grandparent, Aunt/Uncle, Sibling) or guardian (the rest); only the contact types and relationships
 * the district syncs (all by default); a contact with none left is not written;</li>
 * <li>sections are classes, their teachers (the first, {@code teacher}, primary) and students their
 * enrollments.</li>
 * </ul>
 * Pages follow Clever's {@code next} links ({@code starting_after}), until there is none or a page is
 * empty. Demographics (dob, gender, race, ...) are never read.
 */
public final class CleverPull {

    static final String NO_COURSE = "rostersync-no-course";
    static final String NO_TERM = "rostersync-no-term";
    private static final OneRosterVersion V = OneRosterVersion.V1_1;

    private final ApiHttp http;
    private final URI base;
    private final int page;
    private final Set<String> contactTypes;
    private final Set<String> relationships;
    private final LocalDate today;
    private String district;

    /**
     * @param base          {@code https://api.clever.com/v3.0}
     * @param contactTypes  the contact types to sync (Parent/Guardian, Emergency, Primary, ...); empty: all
     * @param relationships the relationships to sync (Parent, Grandparent, ...); empty: all
     */
    public CleverPull(ApiHttp http, URI base, int page, Set<String> contactTypes, Set<String> relationships,
            LocalDate today) {
        this.http = http;
        this.base = base;
        this.page = Math.max(1, Math.min(10_000, page));
        this.contactTypes = contactTypes;
        this.relationships = relationships;
        this.today = today;
    }

    public OneRosterRestPull.Pulled pullInto(Path folder) throws IOException {
        Map<String, Long> rows = new LinkedHashMap<>();
        try (CsvWriter orgs = open(folder, RosterFile.ORGS)) {
            long[] n = {0};
            forEach("districts", d -> {
                district = text(d, "id");
                orgs.writeRecord(row(RosterFile.ORGS, Map.of("sourcedId", district, "name", text(d, "name"),
                        "type", "district")));
                n[0]++;
            });
            if (district == null) {
                throw new ApiFailure(0, "Clever gave no district for the token.", "Check that the token is the"
                        + " district-app token of the district that shared its data with us.");
            }
            forEach("schools", s -> {
                String number = text(s, "school_number");
                orgs.writeRecord(row(RosterFile.ORGS, Map.of("sourcedId", text(s, "id"), "name", text(s, "name"),
                        "type", "school", "identifier", number.isEmpty() ? text(s, "sis_id") : number,
                        "parentSourcedId", district)));
                n[0]++;
            });
            rows.put(RosterFile.ORGS.fileName(), n[0]);
        }
        try (CsvWriter sessions = open(folder, RosterFile.ACADEMIC_SESSIONS)) {
            int year = today.getMonthValue() >= 8 ? today.getYear() + 1 : today.getYear();
            sessions.writeRecord(row(RosterFile.ACADEMIC_SESSIONS, Map.of("sourcedId", NO_TERM,
                    "title", "(no term in Clever)", "type", "term", "startDate", (year - 1) + "-08-01",
                    "endDate", year + "-07-31", "schoolYear", Integer.toString(year))));
            long[] n = {1};
            forEach("terms", t -> {
                String start = date(text(t, "start_date"));
                String end = date(text(t, "end_date"));
                String schoolYear = !end.isEmpty() ? end.substring(0, 4) : !start.isEmpty() ? start.substring(0, 4)
                        : Integer.toString(year);
                sessions.writeRecord(row(RosterFile.ACADEMIC_SESSIONS, Map.of("sourcedId", text(t, "id"),
                        "title", orEmpty(text(t, "name"), "Term"), "type", "term", "startDate", start,
                        "endDate", end, "schoolYear", schoolYear)));
                n[0]++;
            });
            rows.put(RosterFile.ACADEMIC_SESSIONS.fileName(), n[0]);
        }
        try (CsvWriter courses = open(folder, RosterFile.COURSES)) {
            courses.writeRecord(row(RosterFile.COURSES, Map.of("sourcedId", NO_COURSE, "title",
                    "(no course in Clever)", "orgSourcedId", district)));
            long[] n = {1};
            forEach("courses", c -> {
                courses.writeRecord(row(RosterFile.COURSES, Map.of("sourcedId", text(c, "id"), "title",
                        orEmpty(text(c, "name"), orEmpty(text(c, "number"), "Course")), "courseCode", text(c, "number"),
                        "orgSourcedId", district)));
                n[0]++;
            });
            rows.put(RosterFile.COURSES.fileName(), n[0]);
        }
        try (CsvWriter classes = open(folder, RosterFile.CLASSES);
                CsvWriter enrollments = open(folder, RosterFile.ENROLLMENTS)) {
            long[] n = {0, 0};
            forEach("sections", s -> {
                String id = text(s, "id");
                String subject = text(s, "subject");
                Map<String, String> c = new LinkedHashMap<>();
                c.put("sourcedId", id);
                c.put("title", orEmpty(text(s, "name"), "Section " + orEmpty(text(s, "section_number"), id)));
                c.put("grades", grade(text(s, "grade")));
                c.put("courseSourcedId", orEmpty(text(s, "course"), NO_COURSE));
                c.put("classCode", text(s, "section_number"));
                c.put("classType", subject.equals("homeroom/advisory") ? "homeroom" : "scheduled");
                c.put("schoolSourcedId", text(s, "school"));
                c.put("termSourcedIds", orEmpty(text(s, "term_id"), NO_TERM));
                c.put("subjects", subject);
                c.put("periods", text(s, "period"));
                classes.writeRecord(row(RosterFile.CLASSES, c));
                n[0]++;
                String primary = text(s, "teacher");
                List<String> teachers = new ArrayList<>(strings(s.path("teachers")));
                if (!primary.isEmpty() && !teachers.contains(primary)) {
                    teachers.add(0, primary);
                }
                for (String teacher : teachers) {
                    enrollments.writeRecord(enrollment(id + "/" + teacher, id, text(s, "school"), teacher, "teacher",
                            teacher.equals(primary) || primary.isEmpty() && teacher.equals(teachers.get(0))));
                    n[1]++;
                }
                for (String student : strings(s.path("students"))) {
                    enrollments.writeRecord(enrollment(id + "/" + student, id, text(s, "school"), student, "student",
                            false));
                    n[1]++;
                }
            });
            rows.put(RosterFile.CLASSES.fileName(), n[0]);
            rows.put(RosterFile.ENROLLMENTS.fileName(), n[1]);
        }
        try (CsvWriter users = open(folder, RosterFile.USERS)) {
            long[] n = {0};
            forEach("users", u -> {
                for (List<String> r : userRows(u)) {
                    users.writeRecord(r);
                    n[0]++;
                }
            });
            rows.put(RosterFile.USERS.fileName(), n[0]);
        }
        writeManifest(folder);
        List<String> files = new ArrayList<>(rows.keySet());
        files.add("manifest.csv");
        return new OneRosterRestPull.Pulled(rows, files);
    }

    /** The first page of Clever's schools (names with their ids), for a connection test; returns how many it gave. */
    public static long schools(ApiHttp http, URI base, int limit, Consumer<String> each) {
        ApiHttp.Answer answer = http.get(URI.create(base + "/schools?limit=" + limit), "schools");
        JsonNode data = answer.body().path("data");
        if (!data.isArray()) {
            throw new ApiFailure(answer.response().statusCode(), "Clever's answer for schools has no 'data' list.",
                    "Check that the address is Clever's API (https://api.clever.com/v3.0).");
        }
        for (JsonNode item : data) {
            JsonNode school = item.path("data");
            each.accept(orEmpty(text(school, "name"), "(no name)") + " (School ID " + text(school, "id") + ")");
        }
        return data.size();
    }

    /** The rows of one Clever user: one per role, the first under their id. */
    List<List<String>> userRows(JsonNode user) {
        String id = text(user, "id");
        JsonNode roles = user.path("roles");
        // 1.1 requires a username: the district's (on any role), else the email, else the Clever id
        String username = "";
        for (JsonNode r : roles) {
            if (username.isEmpty()) {
                username = text(r.path("credentials"), "district_username");
            }
        }
        username = orEmpty(username, orEmpty(text(user, "email"), id));
        List<List<String>> out = new ArrayList<>();
        for (String role : List.of("student", "teacher", "staff", "district_admin", "contact")) {
            JsonNode r = roles.path(role);
            if (!r.isObject()) {
                continue;
            }
            Map<String, String> u = new LinkedHashMap<>();
            u.put("sourcedId", out.isEmpty() ? id : id + "/" + role);
            u.put("enabledUser", "true");
            u.put("givenName", text(user.path("name"), "first"));
            u.put("familyName", text(user.path("name"), "last"));
            u.put("middleName", text(user.path("name"), "middle"));
            u.put("email", text(user, "email"));
            u.put("username", username);
            List<String> schools = strings(r.path("schools"));
            if (schools.isEmpty() && !text(r, "school").isEmpty()) {
                schools = List.of(text(r, "school"));
            }
            switch (role) {
                case "student" -> {
                    u.put("role", "student");
                    u.put("identifier", orEmpty(text(r, "student_number"), text(r, "sis_id")));
                    u.put("grades", grade(text(r, "grade")));
                    u.put("orgSourcedIds", String.join(",", schools));
                    u.put("userIds", ids("sis_id", text(r, "sis_id"), "state_id", text(r, "state_id")));
                }
                case "teacher" -> {
                    u.put("role", "teacher");
                    u.put("identifier", orEmpty(text(r, "teacher_number"), text(r, "sis_id")));
                    u.put("orgSourcedIds", String.join(",", schools));
                    u.put("userIds", ids("sis_id", text(r, "sis_id"), "state_id", text(r, "state_id")));
                }
                case "staff" -> {
                    u.put("role", "administrator");
                    u.put("identifier", text(r, "staff_id"));
                    u.put("orgSourcedIds", schools.isEmpty() ? district : String.join(",", schools));
                }
                case "district_admin" -> {
                    u.put("role", "administrator");
                    u.put("orgSourcedIds", district);
                }
                default -> {
                    List<String> students = new ArrayList<>();
                    String strongest = null;
                    for (JsonNode rel : r.path("student_relationships")) {
                        String type = text(rel, "type");
                        String relationship = text(rel, "relationship");
                        if (!contactTypes.isEmpty() && !contactTypes.contains(type)
                                || !relationships.isEmpty() && !relationships.contains(relationship)) {
                            continue;
                        }
                        students.add(text(rel, "student"));
                        String oneRoster = switch (relationship) {
                            case "Parent" -> "parent";
                            case "Grandparent", "Aunt/Uncle", "Sibling" -> "relative";
                            default -> "guardian";
                        };
                        if (strongest == null || oneRoster.equals("parent")
                                || oneRoster.equals("guardian") && strongest.equals("relative")) {
                            strongest = oneRoster;
                        }
                    }
                    if (students.isEmpty()) {
                        continue; // no relationship the district syncs
                    }
                    u.put("role", strongest);
                    u.put("orgSourcedIds", district);
                    u.put("agentSourcedIds", String.join(",", students));
                    String phone = text(r, "phone");
                    u.put(text(r, "phone_type").equals("Cell") ? "sms" : "phone", phone);
                    u.put("identifier", text(r, "sis_id"));
                    if (u.get("givenName").isEmpty()) {
                        // Clever keeps a contact's whole name as the last name
                        String[] parts = u.get("familyName").trim().split("\\s+", 2);
                        if (parts.length == 2) {
                            u.put("givenName", parts[0]);
                            u.put("familyName", parts[1]);
                        }
                    }
                }
            }
            out.add(row(RosterFile.USERS, u));
        }
        return out;
    }

    private List<String> enrollment(String id, String section, String school, String user, String role,
            boolean primary) {
        Map<String, String> e = new LinkedHashMap<>();
        e.put("sourcedId", id);
        e.put("classSourcedId", section);
        e.put("schoolSourcedId", school);
        e.put("userSourcedId", user);
        e.put("role", role);
        e.put("primary", role.equals("teacher") ? Boolean.toString(primary) : "");
        return row(RosterFile.ENROLLMENTS, e);
    }

    /** Every record of a Clever collection, following its next links. */
    private void forEach(String collection, Consumer<JsonNode> each) {
        URI next = URI.create(base + "/" + collection + "?limit=" + page);
        String previous = null;
        while (next != null) {
            ApiHttp.Answer answer = http.get(next, collection);
            JsonNode data = answer.body().path("data");
            if (!data.isArray()) {
                throw new ApiFailure(answer.response().statusCode(), "Clever's answer for " + collection
                        + " has no 'data' list.", "Check that the address is Clever's API (https://api.clever.com/v3.0).");
            }
            if (data.isEmpty()) {
                return;
            }
            for (JsonNode item : data) {
                JsonNode record = item.path("data");
                if (!record.isObject()) {
                    throw new ApiFailure(answer.response().statusCode(), "A record of Clever's " + collection
                            + " is not an object.", "Nothing was changed; Clever's data needs a look.");
                }
                each.accept(record);
            }
            next = null;
            for (JsonNode link : answer.body().path("links")) {
                if ("next".equals(text(link, "rel")) && !text(link, "uri").isEmpty()) {
                    String uri = text(link, "uri");
                    if (uri.equals(previous)) {
                        throw new ApiFailure(0, "Clever's next link for " + collection + " pointed at the same page.",
                                "Nothing was changed; the next pull tries again.");
                    }
                    previous = uri;
                    // links are paths on Clever's host; the limit is kept if the link dropped it
                    URI resolved = base.resolve(uri);
                    if (!java.util.Objects.equals(resolved.getHost(), base.getHost())
                            || resolved.getPort() != base.getPort()) {
                        throw new ApiFailure(0, "Clever's next link for " + collection + " points at another host ("
                                + resolved.getHost() + ").", "Nothing was changed: the token is only sent to Clever.");
                    }
                    next = resolved.getRawQuery() != null && resolved.getRawQuery().contains("limit=") ? resolved
                            : URI.create(resolved + (resolved.getRawQuery() == null ? "?" : "&") + "limit=" + page);
                }
            }
        }
    }

    private static List<String> row(RosterFile file, Map<String, String> values) {
        List<String> header = file.header(V);
        List<String> row = new ArrayList<>(header.size());
        for (String column : header) {
            row.add(values.getOrDefault(column, ""));
        }
        return row;
    }

    private static String ids(String... typesAndIds) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < typesAndIds.length; i += 2) {
            if (!typesAndIds[i + 1].isEmpty()) {
                ids.add("{" + typesAndIds[i] + ":" + typesAndIds[i + 1] + "}");
            }
        }
        return String.join(",", ids);
    }

    /** Clever's grades as the CEDS codes OneRoster 1.1 uses. */
    static String grade(String clever) {
        return switch (clever) {
            case "" -> "";
            case "InfantToddler" -> "IT";
            case "Preschool" -> "PR";
            case "PreKindergarten" -> "PK";
            case "TransitionalKindergarten" -> "TK";
            case "Kindergarten" -> "KG";
            case "PostGraduate" -> "PS";
            case "Ungraded" -> "UG";
            case "Other" -> "Other";
            default -> clever.matches("\\d{1,2}") ? String.format(Locale.ROOT, "%02d", Integer.parseInt(clever))
                    : clever;
        };
    }

    /** A date or date-time as YYYY-MM-DD (Clever sends either). */
    private static String date(String value) {
        return value.length() >= 10 ? value.substring(0, 10) : value;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : array) {
            if (n.isString() && !n.stringValue().isEmpty()) {
                out.add(n.stringValue());
            }
        }
        return out;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isString() ? v.stringValue().strip() : v.isNumber() ? v.asString() : "";
    }

    private static String orEmpty(String value, String otherwise) {
        return value.isEmpty() ? otherwise : value;
    }

    private static CsvWriter open(Path folder, RosterFile file) throws IOException {
        BufferedWriter out = Files.newBufferedWriter(folder.resolve(file.fileName()), StandardCharsets.UTF_8);
        CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF).build(out);
        csv.writeRecord(file.header(V));
        return csv;
    }

    private static void writeManifest(Path folder) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(folder.resolve("manifest.csv"), StandardCharsets.UTF_8);
                CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF).build(out)) {
            csv.writeRecord("propertyName", "value");
            csv.writeRecord("manifest.version", "1.0");
            csv.writeRecord("oneroster.version", "1.1");
            csv.writeRecord("source.systemName", "Rostersync pull from Clever");
            for (RosterFile file : RosterFile.values()) {
                if (file.existsIn(V) && file != RosterFile.ROLES) {
                    boolean written = Set.of(RosterFile.ORGS, RosterFile.ACADEMIC_SESSIONS, RosterFile.COURSES,
                            RosterFile.CLASSES, RosterFile.USERS, RosterFile.ENROLLMENTS).contains(file);
                    csv.writeRecord(file.manifestKey(), written ? "bulk" : "absent");
                }
            }
        }
    }
}
