package io.rostersync.oneroster;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A validated package, re-readable as typed, immutable records. It holds no records itself: each
 * stream reads its file again from the package (close the stream), skipping the rows validation
 * found errors in, so a district of any size streams in bounded memory.
 */
public interface RosterSnapshot {

    OneRosterVersion version();

    /** The rostering files that were read, in reading order. */
    List<FileSummary> files();

    Optional<FileSummary> file(RosterFile file);

    /** Whether the file was sent and read; a record type whose file is absent streams nothing. */
    default boolean has(RosterFile file) {
        return file(file).isPresent();
    }

    Stream<Org> orgs();

    Stream<AcademicSession> academicSessions();

    Stream<Course> courses();

    Stream<RosterClass> classes();

    Stream<User> users();

    /**
     * users.csv once, each row with the roles its own columns give: a person and their 1.0 or 1.1
     * roles from one read of the file, where {@link #users()} and {@link #roles()} read it twice.
     */
    Stream<UserRow> userRows();

    /**
     * Whether more than one users.csv row carries this email, letter case and blanks around it not
     * counting: in 1.0 and 1.1 a person with two roles (a teacher who is also a parent) is two rows
     * with one email. Known from validation, so the rows need not be read once more to find them.
     */
    boolean sharesEmail(String email);

    /** roles.csv in 1.2; in 1.0 and 1.1 the role and orgs of each users.csv row. */
    Stream<UserRole> roles();

    /** The rows of roles.csv (1.2) only: {@link #roles()} without those of the users.csv rows. */
    Stream<UserRole> roleRows();

    Stream<Enrollment> enrollments();

    /** demographics.csv, its birth dates only: nothing else of it is read. */
    Stream<BirthDate> birthDates();
}
