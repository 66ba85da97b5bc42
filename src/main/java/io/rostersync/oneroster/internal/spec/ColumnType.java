package io.rostersync.oneroster.internal.spec;

/** The data types of the binding's key to tables, plus the few this reader treats specially. */
public enum ColumnType {
    /** The record's own sourcedId. */
    GUID,
    /** A sourcedId of a record in {@link Column#target()}. */
    GUID_REF,
    /** A comma-separated list of sourcedIds of records in {@link Column#target()}. */
    GUID_REF_LIST,
    STRING,
    STRING_LIST,
    ENUM,
    DATE,
    DATETIME,
    YEAR,
    BOOLEAN,
    /** {@code status}: active or tobedeleted, filled in delta rows only. */
    STATUS,
    /** users.userIds: a list of {@code {type:id}}. */
    USER_IDS,
    /** Grade codes: CEDS in 1.1 and, in practice, in 1.2. */
    GRADES,
    FLOAT,
    /** A column the service must never keep (passwords). */
    SECRET,
    /**
     * A fact about a person the directory does not need (sex, race, ethnicity, place of birth):
     * never read, never kept, only counted to tell the district.
     */
    PERSONAL,
    /**
     * demographics' birth date: a date as sent, which only ever serves to tell two records of one
     * child apart from namesakes, and which is kept as a keyed hash ({@code bk1:} and 16 hex
     * digits) in place of the date.
     */
    BIRTH_DATE
}
