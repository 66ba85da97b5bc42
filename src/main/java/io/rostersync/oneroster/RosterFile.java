package io.rostersync.oneroster;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Every file a OneRoster CSV package may hold. Only the rostering files are read; the rest are
 * recognised so that an admin is told they are not needed rather than that they are unknown.
 */
public enum RosterFile {
    // In reading order: each file's references point only at files read before it.
    ORGS("orgs", true),
    ACADEMIC_SESSIONS("academicSessions", true),
    COURSES("courses", true),
    CLASSES("classes", true),
    USERS("users", true),
    ROLES("roles", true),
    ENROLLMENTS("enrollments", true),
    DEMOGRAPHICS("demographics", true),
    USER_PROFILES("userProfiles", false),
    CATEGORIES("categories", false),
    CLASS_RESOURCES("classResources", false),
    COURSE_RESOURCES("courseResources", false),
    LINE_ITEMS("lineItems", false),
    RESOURCES("resources", false),
    RESULTS("results", false),
    USER_RESOURCES("userResources", false),
    SCORE_SCALES("scoreScales", false),
    LINE_ITEM_SCORE_SCALES("lineItemScoreScales", false),
    RESULT_SCORE_SCALES("resultScoreScales", false),
    LINE_ITEM_LEARNING_OBJECTIVE_IDS("lineItemLearningObjectiveIds", false),
    RESULT_LEARNING_OBJECTIVE_IDS("resultLearningObjectiveIds", false);

    private final String stem;
    private final boolean needed;

    RosterFile(String stem, boolean needed) {
        this.stem = stem;
        this.needed = needed;
    }

    /** The file name in a package, e.g. {@code academicSessions.csv}. */
    public String fileName() {
        return stem + ".csv";
    }

    /** The manifest property that declares this file, e.g. {@code file.academicSessions}. */
    public String manifestKey() {
        return "file." + stem;
    }

    /** Whether the directory sync needs this file; the others are oversharing. */
    public boolean needed() {
        return needed;
    }

    /** Whether this file is defined by the given version of the binding. */
    public boolean existsIn(OneRosterVersion version) {
        return switch (this) {
            case ORGS, ACADEMIC_SESSIONS, COURSES, CLASSES, USERS, ENROLLMENTS, DEMOGRAPHICS -> true;
            case CATEGORIES, CLASS_RESOURCES, COURSE_RESOURCES, LINE_ITEMS, RESOURCES, RESULTS ->
                    version != OneRosterVersion.V1_0;
            default -> version == OneRosterVersion.V1_2;
        };
    }

    /**
     * The exact header this file has in the given version, for writers. Readers accept the
     * variants a version allows (for example 1.2 users.csv with or without resourceSourcedIds).
     */
    public List<String> header(OneRosterVersion version) {
        return io.rostersync.oneroster.internal.spec.FileSpecs.canonicalHeader(this, version);
    }

    public static Optional<RosterFile> fromFileName(String name) {
        for (RosterFile f : values()) {
            if (f.fileName().equals(name)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** Matches a file name ignoring case, for {@code Users.csv} or {@code USERPROFILES.CSV}. */
    public static Optional<RosterFile> fromFileNameIgnoringCase(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (RosterFile f : values()) {
            if (f.fileName().toLowerCase(Locale.ROOT).equals(lower)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    public static Optional<RosterFile> fromManifestKey(String key) {
        for (RosterFile f : values()) {
            if (f.manifestKey().equals(key)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
