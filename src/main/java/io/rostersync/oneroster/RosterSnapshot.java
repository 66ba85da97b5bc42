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

    /** roles.csv in 1.2; in 1.0 and 1.1 the role and orgs of each users.csv row. */
    Stream<UserRole> roles();

    Stream<Enrollment> enrollments();
}
