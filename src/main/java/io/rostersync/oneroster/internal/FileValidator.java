package io.rostersync.oneroster.internal;

import com.carrotsearch.hppc.IntArrayList;
import com.carrotsearch.hppc.IntHashSet;
import com.carrotsearch.hppc.LongArrayList;
import com.carrotsearch.hppc.LongHashSet;
import com.carrotsearch.hppc.LongIntHashMap;
import com.carrotsearch.hppc.LongLongHashMap;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.rostersync.oneroster.FileMode;
import io.rostersync.oneroster.ProblemCode;
import io.rostersync.oneroster.RosterFile;
import io.rostersync.oneroster.Severity;
import io.rostersync.oneroster.internal.spec.Column;
import io.rostersync.oneroster.internal.spec.ColumnType;
import io.rostersync.oneroster.internal.spec.Requirement;
import io.rostersync.oneroster.internal.spec.Vocabulary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks every row of one file as it streams by: shape, each value against its column's type, the
 * file's own ids, and references into files read before it. References inside the same file
 * (parents, agents) are checked once the file is done; details of the rare failures of the
 * hash-based checks are gathered by reading the affected rows again.
 */
final class FileValidator {

    private final RosterFile file;
    private final String name;
    private final HeaderMatch header;
    private final FileMode mode;
    private final ProblemCollector problems;
    private final Registry registry;
    private final List<Column> columns;
    private final int[] index;
    private final int sourcedIdIndex;
    /** This file's ids, when other files refer to them (see Registry); else null. */
    private final LongLongHashMap ids;
    /** This file's ids when nobody refers to them: sorted at the end to find repeats. */
    private final LongArrayList ownIds;
    /** Per row: the table slot each reference resolved to, for the payload checks (-1 when not resolved). */
    private final int[] slots;
    private final IntHashSet rejected = new IntHashSet();
    private final LongHashSet duplicateCandidates = new LongHashSet();
    private final LongArrayList sameFileRefs = new LongArrayList();
    private final IntArrayList sameFileRefLines = new IntArrayList();
    private final LongArrayList primaryOrgPairs = new LongArrayList();
    private final IntArrayList primaryOrgLines = new IntArrayList();
    private final LongLongHashMap parentOf = new LongLongHashMap();
    private final LongIntHashMap lineOf = new LongIntHashMap();
    private final Map<String, Long> unsentReferences = new TreeMap<>();
    private final long[] filledMetadata;
    /** Per column of the spec, how many rows fill it, for the {@link ColumnType#PERSONAL} ones. */
    private final long[] filledPersonal;
    /** Per row: the hash of each id column's value (0 when blank or invalid), so no id is hashed twice. */
    private final long[] hashes;
    // spec column of each field the cross-file checks use, -1 when this file has no such field
    private final int typeColumn;
    private final int roleTypeColumn;
    private final int schoolColumn;
    private final int classColumn;
    private final int userColumn;
    private final int orgColumn;
    private final int primaryOrgColumn;
    private final int beginColumn;
    // the id tables this file's checks read, looked up once
    private final LongLongHashMap orgs;
    private final LongLongHashMap classes;
    private final LongLongHashMap users;
    private final int endColumn;
    /** users.csv: the email column, and the emails seen so far and those seen more than once. */
    private final int emailIndex;
    private final LongHashSet emails;
    private final LongHashSet sharedEmails;
    private long secretValues;
    private long rows;

    // the row being checked
    private int line;
    private String rowId;
    private boolean rowBad;
    private boolean rowStatusReported;
    private boolean rowLeaving;
    private boolean checkReplacementChars;

    FileValidator(RosterFile file, HeaderMatch header, FileMode mode, ProblemCollector problems, Registry registry,
            int expectedRows) {
        this.file = file;
        this.name = file.fileName();
        this.header = header;
        this.mode = mode;
        this.problems = problems;
        this.registry = registry;
        this.columns = header.spec().columns();
        this.index = new int[columns.size()];
        for (int c = 0; c < index.length; c++) {
            index[c] = header.indexOfColumn(c);
        }
        this.sourcedIdIndex = header.index("sourcedId");
        this.ids = registry.register(file, mode, expectedRows);
        this.ownIds = ids == null ? new LongArrayList(Math.max(16, expectedRows)) : null;
        this.filledMetadata = new long[header.metadataColumns().size()];
        this.filledPersonal = new long[columns.size()];
        this.hashes = new long[columns.size()];
        this.slots = new int[columns.size()];
        var spec = header.spec();
        this.typeColumn = spec.indexOfField("type");
        this.roleTypeColumn = spec.indexOfField("roleType");
        this.schoolColumn = spec.indexOfField("schoolSourcedId");
        this.classColumn = spec.indexOfField("classSourcedId");
        this.userColumn = spec.indexOfField("userSourcedId");
        this.orgColumn = spec.indexOfField("orgSourcedId");
        this.primaryOrgColumn = spec.indexOfField("primaryOrgSourcedId");
        this.beginColumn = spec.indexOfField("startDate") >= 0 ? spec.indexOfField("startDate")
                : spec.indexOfField("beginDate");
        this.endColumn = spec.indexOfField("endDate");
        this.orgs = registry.table(RosterFile.ORGS);
        this.classes = registry.table(RosterFile.CLASSES);
        this.users = registry.table(RosterFile.USERS);
        this.emailIndex = file == RosterFile.USERS ? header.index("email") : -1;
        this.emails = emailIndex >= 0 ? new LongHashSet(expectedRows) : null;
        this.sharedEmails = emailIndex >= 0 ? new LongHashSet() : null;
    }

    /** users.csv: the emails that more than one row carries, as {@link Values#emailKey} hashes; else null. */
    LongHashSet sharedEmails() {
        return sharedEmails;
    }

    void checkReplacementCharacters() {
        checkReplacementChars = true;
    }

    long rows() {
        return rows;
    }

    IntHashSet rejected() {
        return rejected;
    }

    LongArrayList pendingPrimaryOrgPairs() {
        return primaryOrgPairs;
    }

    IntArrayList pendingPrimaryOrgLines() {
        return primaryOrgLines;
    }

    void row(CsvRecord record) {
        rows++;
        line = (int) record.getStartingLineNumber();
        rowBad = false;
        rowStatusReported = false;
        rowLeaving = false;
        rowId = sourcedIdIndex >= 0 && sourcedIdIndex < record.getFieldCount()
                ? Values.trim(record.getField(sourcedIdIndex)) : null;
        if (checkReplacementChars) {
            checkEncoding(record);
        }
        int cells = record.getFieldCount();
        if (cells > header.width() || cells < header.minimumWidth()) {
            int off = cells - header.width();
            report(ProblemCode.CSV_ROW_WIDTH, null, "The row has " + cells + " cells, " + Math.abs(off)
                    + (off > 0 ? " more" : " fewer") + " than the header's " + header.width() + ".", null);
            // keep its id known, so that a stray comma does not cascade into broken references
            long hash = rowId == null ? 0 : Values.guidHash(rowId);
            if (hash != 0) {
                addId(hash, 0);
                registry.markUnused(file, hash);
            }
            rejected.add(line);
            return;
        }
        String role = null;
        long idHash = 0;
        java.util.Arrays.fill(hashes, 0);
        java.util.Arrays.fill(slots, -1);
        for (int c = 0; c < index.length; c++) {
            int i = index[c];
            if (i < 0) {
                continue;
            }
            Column col = columns.get(c);
            String value = i < cells ? record.getField(i) : "";
            if (value.isEmpty()) {
                blank(col);
                continue;
            }
            if (col.type() == ColumnType.SECRET) {
                // never looked at, never quoted in a report: only counted, to tell the district
                secretValues++;
                continue;
            }
            if (col.type() == ColumnType.PERSONAL) {
                filledPersonal[c]++;
                continue;
            }
            if (col.type() == ColumnType.BIRTH_DATE) {
                birthDate(col, value); // before the checks that quote a value: a birth date is never quoted
                continue;
            }
            if (Values.hasOuterWhitespace(value)) {
                report(ProblemCode.FIELD_WHITESPACE, col.name(), "'" + value + "' has spaces around it.", null);
                value = Values.trim(value);
                if (value.isEmpty()) {
                    blank(col);
                    continue;
                }
            }
            switch (col.type()) {
                case GUID -> idHash = guid(col, value);
                case GUID_REF -> {
                    hashes[c] = reference(col, value);
                    slots[c] = lastSlot;
                }
                case GUID_REF_LIST -> referenceList(col, value);
                case STRING -> text(col, value);
                case STRING_LIST -> lineBreak(col, value);
                case ENUM -> {
                    String term = term(col, value);
                    if (col.field().equals("role")) {
                        role = term;
                    }
                }
                case STATUS -> status(col, value);
                case DATE -> date(col, value);
                case DATETIME -> dateTime(col, value);
                case YEAR -> {
                    if (!Values.isYear(value)) {
                        report(ProblemCode.FIELD_YEAR_INVALID, col.name(), "'" + value + "' is not a year.", null);
                    }
                }
                case BOOLEAN -> bool(col, value);
                case USER_IDS -> {
                    if (!header.readsAs10(c)) {
                        userIds(col, value); // 1.0's userId is one plain id
                    }
                }
                case GRADES -> grades(col, value, header.readsAs10(c));
                case BIRTH_DATE -> birthDate(col, value);
                case SECRET, PERSONAL, FLOAT -> {
                    // no rostering column is a float
                }
            }
        }
        for (int m = 0; m < filledMetadata.length; m++) {
            int column = header.metadataColumns().get(m);
            if (column < cells && !record.getField(column).isEmpty()) {
                filledMetadata[m]++;
            }
        }
        long payload = semantics(record, idHash, role);
        if (idHash != 0) {
            addId(idHash, payload);
            if (rowLeaving) {
                registry.markLeaving(file, idHash);
            }
        }
        if (rowBad) {
            rejected.add(line);
            if (idHash != 0) {
                registry.markUnused(file, idHash);
            }
        }
    }

    private void addId(long hash, long payload) {
        if (ids == null) {
            ownIds.add(hash);
        } else if (!ids.putIfAbsent(hash, payload)) {
            duplicateCandidates.add(hash);
        }
    }

    private void checkEncoding(CsvRecord record) {
        for (int i = 0; i < record.getFieldCount(); i++) {
            if (record.getField(i).indexOf('\uFFFD') >= 0) {
                String column = i < header.width() ? columnName(i) : null;
                boolean secret = column != null && column.equals("password");
                report(ProblemCode.ENCODING_INVALID_UTF8, column, "Column " + (i + 1)
                        + " holds bytes that are not UTF-8" + (secret ? "." : " (shown as \uFFFD): '"
                                + record.getField(i) + "'."), null);
                return;
            }
        }
    }

    private String columnName(int csvIndex) {
        for (int c = 0; c < index.length; c++) {
            if (index[c] == csvIndex) {
                return columns.get(c).name();
            }
        }
        return null;
    }

    private void blank(Column col) {
        if (col.requirement() == Requirement.REQUIRED) {
            report(ProblemCode.FIELD_REQUIRED, col.name(), col.name() + " is blank.", null);
        } else if (col.requirement() == Requirement.DELTA_ONLY && mode == FileMode.DELTA) {
            report(ProblemCode.DELTA_FIELD_MISSING, col.name(), col.name() + " is blank in a delta row.", null);
        }
    }

    private long guid(Column col, String value) {
        long hash = Values.guidHash(value);
        if (hash == 0) {
            checkGuid(col, value);
        }
        return hash;
    }

    private boolean checkGuid(Column col, String value) {
        if (Values.isGuid(value)) {
            return true;
        }
        if (Values.isScientificNotation(value)) {
            report(ProblemCode.EXCEL_SCIENTIFIC_NOTATION, col.name(), "'" + value
                    + "' is an identifier in Excel's scientific notation; its digits are lost.", null);
        } else if (value.indexOf(';') >= 0 || value.indexOf('|') >= 0) {
            report(ProblemCode.FIELD_LIST_SEPARATOR, col.name(), "'" + value + "' separates items with ; or |.", null);
        } else {
            report(ProblemCode.FIELD_GUID_INVALID, col.name(), "'" + value + "' is not a valid sourcedId"
                    + (value.length() > 255 ? " (longer than 255 characters)." : "."), guidHint(value));
        }
        return false;
    }

    private static String guidHint(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!Values.isGuid(String.valueOf(c))) {
                return "Character " + (i + 1) + " ('" + (c == ' ' ? "space" : String.valueOf(c))
                        + "') is not allowed; use only letters, digits and . - _ / @.";
            }
        }
        return null;
    }

    /** Checks one reference and returns its hash, or 0 when it is not a valid id. */
    private long reference(Column col, String value) {
        lastSlot = -1;
        long hash = Values.guidHash(value);
        if (hash == 0) {
            checkGuid(col, value);
            return 0;
        }
        if (col.target() == file) {
            lastSlot = -1;
            pendSameFile(hash);
            if (col.field().equals("parentSourcedId") && rowId != null) {
                parentOf.put(Values.idHash(rowId), hash);
            }
            return hash;
        }
        resolve(col, value, hash);
        return hash;
    }

    /** The slot the last resolved reference was found at, or -1. */
    private int lastSlot;

    private void resolve(Column col, String value, long hash) {
        RosterFile target = col.target();
        lastSlot = -1;
        if (!registry.sent(target)) {
            if (mode == FileMode.DELTA) {
                return; // a delta row may refer to any record sent before; the sync resolves it
            }
            unsentReferences.merge(col.name() + " → " + target.name(), 1L, Long::sum);
        } else if ((lastSlot = registry.find(target, hash)) < 0) {
            if (mode == FileMode.DELTA || registry.mode(target) == FileMode.DELTA) {
                report(ProblemCode.REFERENCE_NOT_IN_DELTA, col.name(), "'" + value + "' is not in "
                        + target.fileName() + " of this package.", null);
            } else if (col.requirement() != Requirement.REQUIRED) {
                report(ProblemCode.LINK_NOT_FOUND, col.name(), "'" + value + "' is not in " + target.fileName()
                        + "; the link was ignored.", "Add the record to " + target.fileName() + ", or leave "
                                + col.name() + " blank.");
            } else {
                report(ProblemCode.REFERENCE_NOT_FOUND, col.name(), "'" + value + "' is not in " + target.fileName()
                        + ".", null);
            }
        } else if (registry.unused(target, hash)) {
            if (col.requirement() == Requirement.REQUIRED) {
                report(ProblemCode.REFERENCE_TO_UNUSED_ROW, col.name(), "'" + value + "' is in " + target.fileName()
                        + ", but its row was not used because of an error there.", null);
            } else {
                report(ProblemCode.LINK_NOT_FOUND, col.name(), "'" + value + "' is in " + target.fileName()
                        + ", but its row was not used; the link was ignored.", "Fix that row in "
                                + target.fileName() + ".");
            }
        } else if (!rowLeaving && col.requirement() == Requirement.REQUIRED && registry.leaving(target, hash)) {
            report(ProblemCode.REFERENCE_TO_LEAVING_RECORD, col.name(), "'" + value + "' is marked tobedeleted in "
                    + target.fileName() + "; this row will leave with it.", null);
        }
    }

    private void pendSameFile(long hash) {
        sameFileRefs.add(hash);
        sameFileRefLines.add(line);
    }

    private void referenceList(Column col, String value) {
        if (value.indexOf(';') >= 0 || value.indexOf('|') >= 0) {
            report(ProblemCode.FIELD_LIST_SEPARATOR, col.name(), "'" + value + "' separates items with ; or |.",
                    null);
            return;
        }
        List<String> items = Values.list(value);
        if (value.indexOf(',') >= 0) {
            listShape(col, value, items);
        }
        for (String item : items) {
            long hash = Values.guidHash(item);
            if (hash == 0) {
                checkGuid(col, item);
                continue;
            }
            if (col.target() == file) {
                pendSameFile(hash);
            } else {
                resolve(col, item, hash);
            }
        }
    }

    private void listShape(Column col, String value, List<String> items) {
        int commas = 0;
        boolean spaced = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',') {
                commas++;
            } else if (c == ' ') {
                spaced = true;
            }
        }
        if (spaced) {
            report(ProblemCode.FIELD_WHITESPACE, col.name(), "The list '" + value + "' has spaces around items.",
                    null);
        }
        if (items.size() < commas + 1) {
            report(ProblemCode.FIELD_LIST_DUPLICATE, col.name(), "The list '" + value
                    + "' repeats an item or has an empty one.", null);
        }
    }

    private void text(Column col, String value) {
        if (value.length() > 255) {
            report(ProblemCode.FIELD_TOO_LONG, col.name(), col.name() + " has " + value.length() + " characters.",
                    null);
        }
        lineBreak(col, value);
    }

    private void lineBreak(Column col, String value) {
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            report(ProblemCode.CSV_LINE_BREAK_IN_FIELD, col.name(), col.name() + " holds a line break.", null);
        }
    }

    private String term(Column col, String value) {
        Vocabulary vocabulary = col.vocabulary();
        if (vocabulary.contains(value)) {
            return value;
        }
        if (vocabulary.extensible() && Vocabulary.isExtension(value)) {
            return value;
        }
        String folded = vocabulary.caseFolded(value);
        if (folded != null) {
            report(ProblemCode.FIELD_ENUM_CASE, col.name(), "'" + value + "' was read as '" + folded + "'.",
                    "Write " + folded + ", in this case; values are case-sensitive.");
            return folded;
        }
        report(ProblemCode.FIELD_ENUM_INVALID, col.name(), "'" + value + "' is not a term of " + col.name() + ".",
                "Use one of: " + String.join(", ", vocabulary.tokens())
                        + (vocabulary.extensible() ? ", or ext:yourTerm." : "."));
        return null;
    }

    private void status(Column col, String value) {
        if (mode != FileMode.DELTA) {
            if (Values.meansLeaving(value)) {
                rowStatusReported = true;
                rowLeaving = true;
                report(ProblemCode.BULK_ROW_TOBEDELETED, col.name(), "A bulk row says status '" + value
                        + "'; the record was read as leaving.", null);
            } else {
                bulkStatus(col, value);
            }
            return;
        }
        rowLeaving = Values.meansLeaving(value);
        if (value.equals("inactive")) {
            report(ProblemCode.STATUS_INACTIVE, col.name(), "status inactive was read as tobedeleted.", null);
            return;
        }
        term(col, value);
    }

    private void bulkStatus(Column col, String value) {
        if (!rowStatusReported) {
            rowStatusReported = true;
            report(ProblemCode.BULK_STATUS_PRESENT, col.name(), "A bulk row fills " + col.name() + " with '" + value
                    + "'; it was ignored and the record read as active.", null);
        }
    }

    /** A birth date, never quoted (it is a child's): a date, or the keyed hash a kept copy holds; spaces around it do not count. */
    private void birthDate(Column col, String value) {
        String trimmed = Values.trim(value);
        if (!trimmed.isEmpty() && !Values.isDate(trimmed) && !io.rostersync.oneroster.BirthDates.isKeyed(trimmed)) {
            report(ProblemCode.BIRTH_DATE_INVALID, col.name(), "The birth date is not a date YYYY-MM-DD; it was"
                    + " not used.", null);
        }
    }

    private void date(Column col, String value) {
        if (Values.isDate(value)) {
            return;
        }
        if (Values.isExcelDate(value)) {
            report(ProblemCode.EXCEL_DATE_FORMAT, col.name(), "'" + value + "' is a date as Excel shows it.", null);
        } else {
            report(ProblemCode.FIELD_DATE_INVALID, col.name(), "'" + value + "' is not a date YYYY-MM-DD.", null);
        }
    }

    private void dateTime(Column col, String value) {
        if (mode != FileMode.DELTA) {
            bulkStatus(col, value);
            return;
        }
        switch (Values.dateTimeForm(value)) {
            case EXACT -> {
            }
            case READABLE -> report(ProblemCode.FIELD_DATETIME_FORMAT, col.name(), "'" + value
                    + "' was read as a UTC date-time.", null);
            case INVALID -> report(ProblemCode.FIELD_DATETIME_INVALID, col.name(), "'" + value
                    + "' is not a date-time.", null);
        }
    }

    private void bool(Column col, String value) {
        if (value.equals("true") || value.equals("false")) {
            return;
        }
        if (Values.bool(value) != null) {
            report(ProblemCode.EXCEL_BOOLEAN_CASE, col.name(), "'" + value + "' was read as '"
                    + value.toLowerCase(java.util.Locale.ROOT) + "'.", null);
        } else {
            report(ProblemCode.FIELD_BOOLEAN_INVALID, col.name(), "'" + value + "' is not true or false.", null);
        }
    }

    private void userIds(Column col, String value) {
        for (String item : Values.list(value)) {
            if (Values.userId(item) == null) {
                report(ProblemCode.FIELD_USER_IDS_FORMAT, col.name(), "'" + item + "' is not {type:id}; it was ignored.",
                        null);
                return;
            }
        }
    }

    private void grades(Column col, String value, boolean as10) {
        for (String item : Values.list(value)) {
            if (Vocabulary.CEDS_GRADES.contains(item)) {
                continue;
            }
            String meant = Values.grade(item);
            if (!meant.equals(item) && Vocabulary.CEDS_GRADES.contains(meant) && as10) {
                continue; // 1.0's own examples write grades without the leading zero
            }
            if (!meant.equals(item) && Vocabulary.CEDS_GRADES.contains(meant)) {
                report(ProblemCode.EXCEL_LEADING_ZERO_LOST, col.name(), "Grade '" + item + "' was read as '" + meant
                        + "'.", null);
            } else {
                report(ProblemCode.FIELD_GRADE_UNKNOWN, col.name(), "'" + item + "' is not a CEDS grade code.",
                        gradeHint(item));
            }
        }
    }

    private static String gradeHint(String item) {
        String lower = item.toLowerCase(java.util.Locale.ROOT);
        if (lower.equals("k") || lower.startsWith("kinder")) {
            return "Kindergarten is KG.";
        }
        if (lower.startsWith("pre")) {
            return "Pre-kindergarten is PK.";
        }
        return null;
    }

    /** Checks that span columns or files; returns what later files need to know of this record. */
    private long semantics(CsvRecord record, long idHash, String role) {
        switch (file) {
            case ORGS -> {
                String type = Values.trim(record.getField(index[typeColumn]));
                if (idHash != 0) {
                    lineOf.put(idHash, line);
                }
                return "school".equals(type) || Vocabulary.isExtension(type) ? 1 : 0;
            }
            case ACADEMIC_SESSIONS -> {
                dateRange(record);
                if (idHash != 0) {
                    lineOf.put(idHash, line);
                }
                return 0;
            }
            case COURSES -> {
                subjects(record);
                return 0;
            }
            case CLASSES -> {
                subjects(record);
                long school = hashes[schoolColumn];
                requireSchool(slots[schoolColumn], record);
                return school;
            }
            case USERS -> {
                return users(record, idHash, role);
            }
            case ROLES -> roles(record, role);
            case ENROLLMENTS -> enrollments(record, role);
            default -> {
            }
        }
        return 0;
    }

    private long users(CsvRecord record, long idHash, String role) {
        if (emailIndex >= 0 && emailIndex < record.getFieldCount()) {
            long email = Values.emailKey(record.getField(emailIndex));
            if (email != 0 && !emails.add(email)) {
                sharedEmails.add(email);
            }
        }
        long primaryOrg = primaryOrgColumn < 0 ? 0 : hashes[primaryOrgColumn];
        if (idHash != 0 && primaryOrg != 0) {
            primaryOrgPairs.add(Registry.pair(idHash, primaryOrg));
            primaryOrgLines.add(line);
        }
        return role == null ? 0 : Registry.roleBit(role);
    }

    private void roles(CsvRecord record, String role) {
        long user = hashes[userColumn];
        long org = hashes[orgColumn];
        if (user == 0 || org == 0) {
            return;
        }
        long pair = Registry.pair(user, org);
        registry.rolePairs.add(pair);
        if ("primary".equals(Values.trim(record.getField(index[roleTypeColumn])))
                && !registry.primaryRolePairs.add(pair)) {
            report(ProblemCode.MULTIPLE_PRIMARY_ROLES, "roleType", "User '" + field(record, "userSourcedId")
                    + "' already has a primary role in org '" + field(record, "orgSourcedId") + "'.", null);
        }
        // only a role that stands counts for the enrollment checks: not a refused row, nor one leaving
        if (role != null && !rowBad && !rowLeaving) {
            registry.addRole(user, Registry.roleBit(role));
        }
        dateRange(record);
    }

    private void enrollments(CsvRecord record, String role) {
        long school = hashes[schoolColumn];
        requireSchool(slots[schoolColumn], record);
        int classSlot = slots[classColumn];
        long classSchool = classSlot < 0 ? 0 : classes.indexGet(classSlot);
        if (school != 0 && classSchool != 0 && classSchool != school) {
            report(ProblemCode.ENROLLMENT_SCHOOL_MISMATCH, "schoolSourcedId", "The enrollment's school '"
                    + field(record, "schoolSourcedId") + "' is not the school of class '"
                    + field(record, "classSourcedId") + "'.", null);
        }
        int userSlot = slots[userColumn];
        if (role != null && userSlot >= 0) {
            int roles = (int) users.indexGet(userSlot);
            switch (Registry.fit(role, roles)) {
                case ESCALATION -> report(ProblemCode.ENROLLMENT_ROLE_ESCALATION, "role", "User '"
                        + field(record, "userSourcedId") + "' is " + Registry.describe(roles) + " but enrolled as "
                        + role + ".", null);
                case CONFLICT -> report(ProblemCode.ROLE_CONFLICT, "role", "User '" + field(record, "userSourcedId")
                        + "' is " + Registry.describe(roles) + " but enrolled as " + role + ".", null);
                case FITS -> {
                }
            }
        }
        dateRange(record);
    }

    /** The org a school reference resolved to must be a school (when orgs.csv says what it is). */
    private void requireSchool(int orgSlot, CsvRecord record) {
        if (orgSlot >= 0 && orgs.indexGet(orgSlot) != 1) {
            report(ProblemCode.REFERENCE_WRONG_TYPE, "schoolSourcedId", "Org '" + field(record, "schoolSourcedId")
                    + "' is not of type school.", null);
        }
    }

    private void subjects(CsvRecord record) {
        String subjects = field(record, "subjects");
        String codes = field(record, "subjectCodes");
        if (subjects != null && codes != null && !subjects.isEmpty() && !codes.isEmpty()
                && Values.list(subjects).size() != Values.list(codes).size()) {
            report(ProblemCode.FIELD_SUBJECTS_MISMATCH, "subjectCodes", "subjects has "
                    + Values.list(subjects).size() + " items, subjectCodes " + Values.list(codes).size() + ".", null);
        }
    }

    private void dateRange(CsvRecord record) {
        int b = beginColumn < 0 ? -1 : index[beginColumn];
        int e = endColumn < 0 ? -1 : index[endColumn];
        if (b < 0 || e < 0 || record.getField(b).isEmpty() || record.getField(e).isEmpty()) {
            return;
        }
        String start = Values.trim(record.getField(b));
        String end = Values.trim(record.getField(e));
        // both were checked as dates already; YYYY-MM-DD compares as text
        if (Values.isDate(start) && Values.isDate(end) && end.compareTo(start) < 0) {
            String endName = columns.get(endColumn).name();
            report(ProblemCode.FIELD_DATE_RANGE, endName, endName + " " + end + " is before "
                    + columns.get(beginColumn).name() + " " + start + ".", null);
        }
    }

    /** The trimmed value of a field, or null when the header lacks it. */
    private String field(CsvRecord record, String field) {
        int i = header.index(field);
        return i < 0 ? null : Values.trim(record.getField(i));
    }

    private void report(ProblemCode code, String column, String message, String hint) {
        problems.report(code, name, line, column, rowId, message, hint);
        if (problems.severityOf(code) == Severity.ERROR) {
            rowBad = true;
        }
    }

    /**
     * Ends the file: same-file references, parent cycles, duplicate ids (confirmed exactly), and
     * file-level findings. Rows found wrong here are added to the rejected lines.
     */
    void finish(Revisit revisit) {
        if (ownIds != null) {
            findRepeats();
        }
        if (!duplicateCandidates.isEmpty()) {
            confirmDuplicates(revisit);
        }
        if (!parentOf.isEmpty()) {
            findCycles();
        }
        IntHashSet dangling = new IntHashSet();
        for (int k = 0; k < sameFileRefs.size(); k++) {
            long target = sameFileRefs.get(k);
            boolean refused = rejected.contains(sameFileRefLines.get(k));
            if (!refused && (!ids.containsKey(target) || registry.unused(file, target))) {
                dangling.add(sameFileRefLines.get(k));
            }
        }
        if (!dangling.isEmpty()) {
            reportDangling(revisit, dangling);
        }
        if (secretValues > 0) {
            problems.report(ProblemCode.COLUMN_NOT_NEEDED, name, null, "password", null,
                    String.format("%,d %s the password column. Passwords were not read and are not kept.",
                            secretValues, secretValues == 1 ? "row fills" : "rows fill"),
                    "Leave the password column empty in your export: we never need passwords.");
        }
        List<String> personal = new ArrayList<>();
        long personalRows = 0;
        for (int c = 0; c < filledPersonal.length; c++) {
            if (filledPersonal[c] > 0) {
                personal.add(columns.get(c).name());
                personalRows = Math.max(personalRows, filledPersonal[c]);
            }
        }
        if (!personal.isEmpty()) {
            problems.report(ProblemCode.COLUMN_NOT_NEEDED, name, null, personal.get(0), null,
                    String.format("Up to %,d rows fill %s, which the directory does not need. %s not read and %s"
                            + " not kept.", personalRows, String.join(", ", personal),
                            personal.size() == 1 ? "It was" : "They were", personal.size() == 1 ? "is" : "are"),
                    "Leave " + (personal.size() == 1 ? "this column" : "these columns") + " out of your export: of "
                            + name + " we use the birth date only, to tell two records of one child from namesakes,"
                            + " and keep it only as a keyed hash.");
        }
        for (int m = 0; m < filledMetadata.length; m++) {
            if (filledMetadata[m] > 0) {
                int column = header.metadataColumns().get(m);
                String columnName = revisit.headerCell(column);
                problems.report(ProblemCode.COLUMN_NOT_NEEDED, name, null, columnName, null,
                        String.format("%,d %s the extension column %s. Its values were not read and are not kept.",
                                filledMetadata[m], filledMetadata[m] == 1 ? "row fills" : "rows fill", columnName),
                        "Remove the column " + columnName + " from your export: we do not need it.");
            }
        }
        unsentReferences.forEach((what, count) -> {
            int arrow = what.indexOf(" → ");
            String column = what.substring(0, arrow);
            RosterFile target = RosterFile.valueOf(what.substring(arrow + 3));
            problems.report(ProblemCode.REFERENCE_FILE_NOT_SENT, name, null, column, null,
                    String.format("%,d %s in %s %s into %s, which %s; %s not checked.", count,
                            count == 1 ? "reference" : "references", column, count == 1 ? "points" : "point",
                            target.fileName(), registry.unreadable(target) ? "could not be read" : "was not sent",
                            count == 1 ? "it was" : "they were"), null);
        });
        if (rows == 0) {
            problems.reportFile(ProblemCode.FILE_HEADER_ONLY, name, name + " has a header but no rows.");
        }
    }

    /** Sorting the ids once is far cheaper than probing a table of millions for every row. */
    private void findRepeats() {
        long[] sorted = ownIds.buffer;
        int n = ownIds.size();
        java.util.Arrays.sort(sorted, 0, n);
        for (int i = 1; i < n; i++) {
            if (sorted[i] == sorted[i - 1]) {
                duplicateCandidates.add(sorted[i]);
            }
        }
        ownIds.release();
    }

    private void confirmDuplicates(Revisit revisit) {
        Map<String, Integer> firstLine = new java.util.HashMap<>();
        revisit.rows(record -> {
            if (sourcedIdIndex >= record.getFieldCount()) {
                return;
            }
            String id = Values.trim(record.getField(sourcedIdIndex));
            if (!Values.isGuid(id) || !duplicateCandidates.contains(Values.idHash(id))) {
                return;
            }
            int at = (int) record.getStartingLineNumber();
            Integer first = firstLine.putIfAbsent(id, at);
            if (first != null) {
                problems.report(ProblemCode.DUPLICATE_SOURCED_ID, name, at, "sourcedId", id, "'" + id
                        + "' was already used on line " + first + ".", null);
                rejected.add(at);
            }
        });
    }

    private void reportDangling(Revisit revisit, IntHashSet lines) {
        // both same-file links (agents, parents) are optional: a dangling one is dropped, the row kept;
        // in a delta file it may name a record sent before
        ProblemCode code = mode == FileMode.DELTA ? ProblemCode.REFERENCE_NOT_IN_DELTA : ProblemCode.LINK_NOT_FOUND;
        String field = file == RosterFile.USERS ? "agentSourcedIds" : "parentSourcedId";
        String hint = file == RosterFile.USERS
                ? "Add the guardian to users.csv, or leave the id out (exports often leave out guardians without portal accounts)."
                : "Add the parent record, or leave parentSourcedId blank at the top of the hierarchy.";
        int col = header.index(field);
        revisit.rows(record -> {
            int at = (int) record.getStartingLineNumber();
            if (!lines.contains(at) || col < 0 || col >= record.getFieldCount()) {
                return;
            }
            String id = sourcedIdIndex < record.getFieldCount() ? Values.trim(record.getField(sourcedIdIndex)) : null;
            for (String item : Values.list(record.getField(col))) {
                long target = Values.isGuid(item) ? Values.idHash(item) : 0;
                if (target == 0) {
                    continue;
                }
                boolean missing = !ids.containsKey(target);
                if (missing) {
                    problems.report(code, name, at, field, id, "'" + item + "' is not in " + name
                            + (code == ProblemCode.LINK_NOT_FOUND ? "; the link was ignored." : " of this package."),
                            code == ProblemCode.LINK_NOT_FOUND ? hint : null);
                } else if (registry.unused(file, target)) {
                    problems.report(ProblemCode.LINK_NOT_FOUND, name, at, field, id, "'" + item + "' is in " + name
                            + ", but its row was not used; the link was ignored.", "Fix that row.");
                } else {
                    continue;
                }
                if (problems.severityOf(ProblemCode.LINK_NOT_FOUND) == Severity.ERROR && !missing
                        || problems.severityOf(code) == Severity.ERROR && missing) {
                    rejected.add(at);
                    if (id != null && Values.isGuid(id)) {
                        registry.markUnused(file, Values.idHash(id));
                    }
                }
            }
        });
    }

    private void findCycles() {
        LongHashSet done = new LongHashSet();
        for (var cursor : parentOf) {
            long start = cursor.key;
            LongHashSet path = new LongHashSet();
            long node = start;
            while (node != 0 && !done.contains(node) && path.add(node)) {
                node = parentOf.getOrDefault(node, 0);
            }
            if (node != 0 && path.contains(node) && !done.contains(node)) {
                // node is on a cycle: report every member once
                long member = node;
                do {
                    int at = lineOf.getOrDefault(member, 0);
                    problems.report(ProblemCode.PARENT_CYCLE, name, at == 0 ? null : at, "parentSourcedId", null,
                            "parentSourcedId leads back to this record.", null);
                    if (at != 0 && problems.severityOf(ProblemCode.PARENT_CYCLE) == Severity.ERROR) {
                        rejected.add(at);
                        registry.markUnused(file, member);
                    }
                    done.add(member);
                    member = parentOf.getOrDefault(member, 0);
                } while (member != node && member != 0);
            }
            done.addAll(path);
        }
    }
}
