package io.rostersync.sync.internal.correlate;

/** How a source record was found in the directory, strongest first. */
public enum MatchRule {
    SOURCE_LINK,
    /** A school by the School IDs an admin gave it. */
    SCHOOL_ID,
    /** A person who carries the record's sourcedId as an SIS id (from an earlier source). */
    SOURCED_ID,
    /** A person by student number (the district says whether that is the sourcedId or identifier). */
    STUDENT_NUMBER,
    EMAIL,
    /**
     * A guardian under a new id: the guardian of the same name of a student they name, whose own record is
     * no longer sent (a switch between CSV and an API); never a rule a district chooses.
     */
    GUARDIAN_OF_STUDENT,
    /**
     * A classroom under a new id: that of a class no longer sent, at the same school, with the same title,
     * terms, teachers and students (a switch between CSV and an API); never a rule a district chooses.
     */
    SAME_CLASS,
    /** An admin said which directory record it is (a review's answer). */
    ADMIN,
    /** A school or classroom by its name (and, for classrooms, school): only ever a suggestion. */
    NAME
}
