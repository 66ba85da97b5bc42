package io.rostersync.oneroster.internal.spec;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The closed token sets of the binding; {@code ext:} terms extend the ones that allow it. */
public enum Vocabulary {
    STATUS(false, "active", "tobedeleted"),
    ORG_TYPE(true, "department", "school", "district", "local", "state", "national"),
    SESSION_TYPE(true, "gradingPeriod", "semester", "schoolYear", "term"),
    CLASS_TYPE(true, "homeroom", "scheduled"),
    ENROLLMENT_ROLE(true, "administrator", "proctor", "student", "teacher"),
    USER_ROLE_1_1(true, "administrator", "aide", "guardian", "parent", "proctor", "relative", "student", "teacher"),
    ROLE_1_2(true, "aide", "counselor", "districtAdministrator", "guardian", "parent", "principal", "proctor",
            "relative", "siteAdministrator", "student", "systemAdministrator", "teacher"),
    ROLE_TYPE(false, "primary", "secondary"),
    SEX(true, "male", "female", "unspecified", "other");

    /** CEDS Entry Grade Level codes, the grade vocabulary of 1.1 and of US practice. */
    public static final Set<String> CEDS_GRADES = Set.of("IT", "PR", "PK", "TK", "KG", "01", "02", "03", "04", "05",
            "06", "07", "08", "09", "10", "11", "12", "13", "PS", "UG", "Other");

    private final boolean extensible;
    private final List<String> tokens;
    private final String[] tokenArray;

    Vocabulary(boolean extensible, String... tokens) {
        this.extensible = extensible;
        this.tokens = List.of(tokens);
        this.tokenArray = tokens.clone();
    }

    public boolean extensible() {
        return extensible;
    }

    public List<String> tokens() {
        return tokens;
    }

    public boolean contains(String value) {
        for (String t : tokenArray) { // an array: this runs for every row of every file
            if (t.equals(value)) {
                return true;
            }
        }
        return false;
    }

    /** The token this value would be if its case were right, or null. */
    public String caseFolded(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        for (String t : tokens) {
            if (t.toLowerCase(Locale.ROOT).equals(lower)) {
                return t;
            }
        }
        return null;
    }

    public static boolean isExtension(String value) {
        return value.startsWith("ext:") && value.length() > 4;
    }
}
