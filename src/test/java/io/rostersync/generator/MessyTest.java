package io.rostersync.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.rostersync.oneroster.OneRosterVersion;
import io.rostersync.oneroster.ProblemCode;
import io.rostersync.oneroster.RosterFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** --messy: every listed problem is really in the file at the listed line, and nothing else is wrong. */
class MessyTest {

    private static final int N = 2000;

    private static final Set<String> ROW_CODES = Set.of("EXCEL_BOOLEAN_CASE", "FIELD_ENUM_CASE",
            "EXCEL_LEADING_ZERO_LOST", "CSV_ROW_WIDTH", "FIELD_REQUIRED", "DUPLICATE_SOURCED_ID", "REFERENCE_NOT_FOUND",
            "FIELD_GUID_INVALID", "BULK_STATUS_PRESENT", "ENCODING_INVALID_UTF8", "FIELD_USER_IDS_FORMAT",
            "FIELD_WHITESPACE", "EXCEL_DATE_FORMAT", "FIELD_DATE_INVALID", "CSV_LINE_BREAK_IN_FIELD", "ENROLLMENT_ROLE_ESCALATION",
            "ENROLLMENT_SCHOOL_MISMATCH", "EXCEL_NUMBER_COERCED");
    /** Whole-file findings: the BOM once; columns not needed twice (users' passwords, demographics beyond the birth date). */
    private static final Set<String> FILE_CODES = Set.of("ENCODING_BOM", "COLUMN_NOT_NEEDED");

    record Expected(String file, Integer line, String code) {
    }

    static List<Expected> expected(Path json) throws IOException {
        JsonNode root = JsonMapper.builder().build().readTree(Files.readString(json));
        List<Expected> list = new ArrayList<>();
        for (JsonNode p : root.get("problems")) {
            JsonNode line = p.get("line");
            list.add(new Expected(p.get("file").asString(), line.isNull() ? null : line.asInt(), p.get("code").asString()));
        }
        return list;
    }

    /** Physical lines (split at LF, CR dropped), as raw bytes decoded as Latin-1 so that any byte survives. */
    static List<String> lines(Path file) throws IOException {
        String all = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        List<String> lines = new ArrayList<>();
        for (String l : all.split("\n", -1)) {
            lines.add(l.endsWith("\r") ? l.substring(0, l.length() - 1) : l);
        }
        return lines;
    }

    static List<String> fields(String line) {
        return de.siegmar.fastcsv.reader.CsvReader.builder().ofSingleCsvRecord(line).getFields();
    }

    @ParameterizedTest
    @EnumSource(value = OneRosterVersion.class, names = {"V1_1", "V1_2"})
    void everyExpectedProblemIsWhereItIsSaid(OneRosterVersion v, @TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("district");
        GenerationResult result = RosterGenerator.generate(GeneratorOptions.of(N).withVersion(v).withMessy(true), out);
        Path json = tmp.resolve("district.expected-problems.json");
        assertThat(result.expectedProblems()).isEqualTo(json.toAbsolutePath());
        assertThat(json).exists();
        List<Expected> problems = expected(json);

        // Every code of the brief, a few times each (whole-file findings once), and all are ProblemCode names.
        Map<String, Long> counts = problems.stream().collect(Collectors.groupingBy(Expected::code, Collectors.counting()));
        assertThat(counts.keySet()).containsExactlyInAnyOrderElementsOf(union(ROW_CODES, FILE_CODES));
        for (String code : counts.keySet()) {
            assertThat(ProblemCode.valueOf(code)).isNotNull();
            if (code.equals("COLUMN_NOT_NEEDED")) {
                assertThat(counts.get(code)).as(code).isEqualTo(2);
            } else if (FILE_CODES.contains(code) || code.equals("EXCEL_NUMBER_COERCED")) {
                assertThat(counts.get(code)).as(code).isEqualTo(1);
            } else {
                assertThat(counts.get(code)).as(code).isBetween(2L, 5L);
            }
        }
        assertThat(problems).filteredOn(p -> FILE_CODES.contains(p.code())).allMatch(p -> p.line() == null);
        assertThat(problems).filteredOn(p -> ROW_CODES.contains(p.code())).allMatch(p -> p.line() != null);

        Map<String, List<String>> lines = new HashMap<>();
        for (String f : List.of("manifest.csv", "users.csv", "classes.csv", "enrollments.csv")) {
            lines.put(f, lines(out.resolve(f)));
        }
        RosterPackage pkg = RosterPackage.read(out);
        Set<String> classIds = new HashSet<>(pkg.table("classes.csv").column("sourcedId"));
        Map<String, List<String>> classes = pkg.table("classes.csv").byId();
        Map<String, Set<String>> roles = StructureTest.roles(pkg, v);
        List<String> enrollmentHeader = RosterFile.ENROLLMENTS.header(v);
        List<String> userHeader = RosterFile.USERS.header(v);
        List<String> classHeader = RosterFile.CLASSES.header(v);

        for (Expected p : problems) {
            if (p.line() == null) {
                switch (p.code()) {
                    case "ENCODING_BOM" -> {
                        assertThat(p.file()).isEqualTo("users.csv");
                        byte[] head = Arrays3.head(out.resolve("users.csv"));
                        assertThat(head).containsExactly(0xEF, 0xBB, 0xBF);
                    }
                    case "COLUMN_NOT_NEEDED" -> {
                        assertThat(p.file()).isIn("users.csv", "demographics.csv");
                        if (p.file().equals("users.csv")) {
                            assertThat(pkg.table("users.csv").column("password")).anyMatch(s -> !s.isEmpty());
                        } else {
                            assertThat(pkg.table("demographics.csv").header).isEqualTo(RosterFile.DEMOGRAPHICS.header(v));
                            assertThat(pkg.table("demographics.csv").column("sex")).anyMatch(s -> !s.isEmpty());
                        }
                    }
                    default -> throw new AssertionError("not a whole-file finding: " + p.code());
                }
                continue;
            }
            String line = lines.get(p.file()).get(p.line() - 1);
            String what = p.code() + " at " + p.file() + ":" + p.line() + " = " + line;
            switch (p.code()) {
                case "EXCEL_NUMBER_COERCED" -> assertThat(line).as(what).isEqualTo("manifest.version,1");
                case "EXCEL_BOOLEAN_CASE" -> assertThat(fields(line).get(userHeader.indexOf("enabledUser"))).as(what)
                        .isEqualTo("TRUE");
                case "EXCEL_LEADING_ZERO_LOST" -> assertThat(fields(line).get(userHeader.indexOf("grades"))).as(what)
                        .matches("[1-9]");
                case "FIELD_REQUIRED" -> assertThat(fields(line).get(userHeader.indexOf("givenName"))).as(what).isEmpty();
                case "ENCODING_INVALID_UTF8" -> assertThat(line).as(what).contains("Ren\u00e9e")
                        .doesNotContain("Ren\u00c3\u00a9e");
                case "FIELD_USER_IDS_FORMAT" -> assertThat(fields(line).get(userHeader.indexOf("userIds"))).as(what)
                        .isEqualTo("{State Student Number: }");
                case "FIELD_WHITESPACE" -> assertThat(fields(line).get(userHeader.indexOf("email"))).as(what)
                        .endsWith(" ").doesNotStartWith(" ");
                case "FIELD_ENUM_CASE" -> assertThat(fields(line).get(classHeader.indexOf("classType"))).as(what)
                        .isEqualTo("Scheduled");
                case "BULK_STATUS_PRESENT" -> assertThat(fields(line)).as(what).element(1).isEqualTo("active");
                case "CSV_LINE_BREAK_IN_FIELD" -> {
                    assertThat(line).as(what).endsWith(",\"Room 12");
                    assertThat(lines.get(p.file()).get(p.line())).startsWith("Annex\",");
                }
                case "CSV_ROW_WIDTH" -> assertThat(fields(line)).as(what).hasSize(enrollmentHeader.size() + 1);
                case "DUPLICATE_SOURCED_ID" -> assertThat(lines.get(p.file()).get(p.line() - 2)).as(what).isEqualTo(line);
                case "REFERENCE_NOT_FOUND" -> assertThat(classIds).as(what)
                        .doesNotContain(fields(line).get(enrollmentHeader.indexOf("classSourcedId")));
                case "FIELD_GUID_INVALID" -> assertThat(fields(line).get(0)).as(what).contains(" ");
                case "EXCEL_DATE_FORMAT" -> assertThat(fields(line).get(enrollmentHeader.indexOf("beginDate")))
                        .as(what).matches("\\d{1,2}/\\d{1,2}/\\d{4}");
                case "FIELD_DATE_INVALID" -> assertThat(fields(line).get(enrollmentHeader.indexOf("endDate"))).as(what)
                        .isEqualTo("2027-02-30");
                case "ENROLLMENT_ROLE_ESCALATION" -> {
                    List<String> f = fields(line);
                    assertThat(f.get(enrollmentHeader.indexOf("role"))).as(what).isEqualTo("teacher");
                    assertThat(roles.get(f.get(enrollmentHeader.indexOf("userSourcedId")))).as(what)
                            .containsExactly("student");
                }
                case "ENROLLMENT_SCHOOL_MISMATCH" -> {
                    List<String> f = fields(line);
                    List<String> cls = classes.get(f.get(enrollmentHeader.indexOf("classSourcedId")));
                    String classSchool = cls.get(classHeader.indexOf("schoolSourcedId"));
                    assertThat(f.get(enrollmentHeader.indexOf("schoolSourcedId"))).as(what).isNotEqualTo(classSchool);
                    assertThat(pkg.table("orgs.csv").byId().get(f.get(enrollmentHeader.indexOf("schoolSourcedId"))))
                            .as(what).contains("school");
                }
                default -> throw new AssertionError("unexpected code " + p.code());
            }
        }
        assertCleanElsewhere(problems, lines, v);
        // The manifest declares demographics.csv, which is written with the version's header.
        assertThat(lines.get("manifest.csv")).contains("file.demographics,bulk");
    }

    /** Outside the listed lines, the tell-tale signs of the defects do not appear. */
    private static void assertCleanElsewhere(List<Expected> problems, Map<String, List<String>> lines,
            OneRosterVersion v) {
        Set<String> listed = problems.stream().filter(p -> p.line() != null).map(p -> p.file() + ":" + p.line())
                .collect(Collectors.toSet());
        for (Map.Entry<String, List<String>> e : lines.entrySet()) {
            List<String> ls = e.getValue();
            for (int i = 1; i < ls.size(); i++) {
                String key = e.getKey() + ":" + (i + 1);
                String l = ls.get(i);
                if (listed.contains(key) || l.isEmpty() || l.startsWith("Annex\"")) {
                    continue;
                }
                assertThat(l).as(key).doesNotContain("TRUE").doesNotContain("Scheduled").doesNotContain("\"Room 12")
                        .doesNotContain("2027-02-30").doesNotContain("State Student Number").doesNotContain(" ,")
                        .doesNotContain(",active,");
                assertThat(validUtf8(l)).as(key).isTrue();
                assertThat(fields(l)).as(key).hasSize(width(e.getKey(), v));
                if (e.getKey().equals("enrollments.csv")) {
                    assertThat(l).as(key).doesNotContainPattern("\\d+/\\d+/\\d{4}");
                    assertThat(fields(l).get(0)).as(key).doesNotContain(" ");
                    assertThat(l).as(key).isNotEqualTo(ls.get(i - 1));
                }
            }
        }
        assertThat(v).isNotNull();
    }

    private static int width(String file, OneRosterVersion v) {
        return file.equals("manifest.csv") ? 2 : RosterFile.fromFileName(file).orElseThrow().header(v).size();
    }

    private static boolean validUtf8(String latin1) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(latin1.getBytes(StandardCharsets.ISO_8859_1)));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> s = new HashSet<>(a);
        s.addAll(b);
        return s;
    }

    /** Small byte helper. */
    static final class Arrays3 {
        static byte[] head(Path file) throws IOException {
            try (var in = Files.newInputStream(file)) {
                return in.readNBytes(3);
            }
        }
    }
}
