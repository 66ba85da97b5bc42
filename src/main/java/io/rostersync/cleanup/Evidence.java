package io.rostersync.cleanup;

/** Why two student records may be one child, or why not: each shown with a pair, and weighed in its confidence. */
public enum Evidence {
    SAME_STUDENT_NUMBER("the same student number", true),
    DIFFERENT_STUDENT_NUMBER("different student numbers", false),
    SAME_EMAIL("the same email", true),
    SAME_NAME("the same name", true),
    NAME_SPELLED_DIFFERENTLY("the same name but for accents, case, hyphens or spaces", true),
    NICKNAME("the same family name, and a nickname or short form of the given name", true),
    NAMES_SWAPPED("given and family names swapped", true),
    FAMILY_NAME_PART("one family name is part of the other (a second family name left out)", true),
    NAME_TYPO("names one typing slip apart", true),
    SAME_GRADE("the same grade", true),
    NEIGHBOURING_GRADE("grades one year apart", false),
    DIFFERENT_GRADE("different grades", false),
    SAME_SCHOOL("the same school", true),
    SAME_BIRTH_DATE("the same birth date", true),
    DIFFERENT_BIRTH_DATE("different birth dates", false),
    SHARED_GUARDIAN_CONTACT("a guardian's email or phone in common", true),
    RARE_NAME("no other student of the district has this name in this grade", true),
    NAME_ONLY_ELSEWHERE("at another school, with nothing but the name and grade in common", false),
    BOTH_SYNCED("both are the sync's: the SIS holds two records", false),
    ANOTHER_RECORD_FITS("another record fits as well or better", false);

    private final String words;
    private final boolean forMerging;

    Evidence(String words, boolean forMerging) {
        this.words = words;
        this.forMerging = forMerging;
    }

    /** In words, for an admin. */
    public String words() {
        return words;
    }

    /** Whether it speaks for the two being one child (else against, or a warning). */
    public boolean forMerging() {
        return forMerging;
    }
}
