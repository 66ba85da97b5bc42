package io.rostersync.oneroster.internal;

import de.siegmar.fastcsv.reader.CsvRecord;
import io.rostersync.oneroster.AcademicSession;
import io.rostersync.oneroster.Course;
import io.rostersync.oneroster.BirthDate;
import io.rostersync.oneroster.Enrollment;
import io.rostersync.oneroster.FileSummary;
import io.rostersync.oneroster.OneRosterVersion;
import io.rostersync.oneroster.Org;
import io.rostersync.oneroster.ReadOptions;
import io.rostersync.oneroster.RosterClass;
import io.rostersync.oneroster.RosterFile;
import io.rostersync.oneroster.RosterSnapshot;
import io.rostersync.oneroster.User;
import io.rostersync.oneroster.UserRole;
import io.rostersync.oneroster.UserRow;
import io.rostersync.oneroster.internal.csv.CsvSource;
import io.rostersync.oneroster.internal.csv.RecordSource;
import io.rostersync.oneroster.internal.source.FolderSource;
import io.rostersync.oneroster.internal.source.PackageSource;
import io.rostersync.oneroster.internal.source.ZipSource;
import io.rostersync.oneroster.internal.spec.Vocabulary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** The snapshot over a package on disk: every stream reads its file again and maps usable rows. */
final class PackageSnapshot implements RosterSnapshot {

    private final Path path;
    private final ReadOptions options;
    private final OneRosterVersion version;
    private final Map<RosterFile, FileRead> reads;
    private final List<FileSummary> files;

    PackageSnapshot(Path path, ReadOptions options, OneRosterVersion version, Map<RosterFile, FileRead> reads,
            List<FileSummary> files) {
        this.path = path;
        this.options = options;
        this.version = version;
        this.reads = new EnumMap<>(RosterFile.class);
        this.reads.putAll(reads);
        this.files = List.copyOf(files);
    }

    @Override
    public OneRosterVersion version() {
        return version;
    }

    @Override
    public List<FileSummary> files() {
        return files;
    }

    @Override
    public Optional<FileSummary> file(RosterFile file) {
        return files.stream().filter(f -> f.file() == file).findFirst();
    }

    @Override
    public Stream<Org> orgs() {
        return stream(RosterFile.ORGS, v -> {
            int id = v.column("sourcedId"), st = v.column("status"), dlm = v.column("dateLastModified");
            int name = v.column("name"), type = v.column("type"), ident = v.column("identifier");
            int parent = v.column("parentSourcedId");
            return () -> new Org(v.text(id), v.status(st), v.dateTime(dlm), v.text(name),
                    v.term(type, Vocabulary.ORG_TYPE), v.text(ident), v.text(parent), v.origin());
        });
    }

    @Override
    public Stream<AcademicSession> academicSessions() {
        return stream(RosterFile.ACADEMIC_SESSIONS, v -> {
            int id = v.column("sourcedId"), st = v.column("status"), dlm = v.column("dateLastModified");
            int title = v.column("title"), type = v.column("type"), start = v.column("startDate");
            int end = v.column("endDate"), parent = v.column("parentSourcedId"), year = v.column("schoolYear");
            return () -> new AcademicSession(v.text(id), v.status(st), v.dateTime(dlm), v.text(title),
                    v.term(type, Vocabulary.SESSION_TYPE), v.date(start), v.date(end), v.text(parent), v.text(year),
                    v.origin());
        });
    }

    @Override
    public Stream<Course> courses() {
        return stream(RosterFile.COURSES, v -> {
            int id = v.column("sourcedId"), st = v.column("status"), dlm = v.column("dateLastModified");
            int year = v.column("schoolYearSourcedId"), title = v.column("title"), code = v.column("courseCode");
            int grades = v.column("grades"), org = v.column("orgSourcedId"), subjects = v.column("subjects");
            int codes = v.column("subjectCodes");
            return () -> new Course(v.text(id), v.status(st), v.dateTime(dlm), v.text(year), v.text(title),
                    v.text(code), v.grades(grades), v.text(org), v.list(subjects), v.list(codes), v.origin());
        });
    }

    @Override
    public Stream<RosterClass> classes() {
        return stream(RosterFile.CLASSES, v -> {
            int id = v.column("sourcedId"), st = v.column("status"), dlm = v.column("dateLastModified");
            int title = v.column("title"), grades = v.column("grades"), course = v.column("courseSourcedId");
            int code = v.column("classCode"), type = v.column("classType"), location = v.column("location");
            int school = v.column("schoolSourcedId"), terms = v.column("termSourcedIds");
            int subjects = v.column("subjects"), codes = v.column("subjectCodes"), periods = v.column("periods");
            return () -> new RosterClass(v.text(id), v.status(st), v.dateTime(dlm), v.text(title), v.grades(grades),
                    v.text(course), v.text(code), v.term(type, Vocabulary.CLASS_TYPE), v.text(location),
                    v.text(school), v.list(terms), v.list(subjects), v.list(codes), v.list(periods), v.origin());
        });
    }

    @Override
    public Stream<User> users() {
        return stream(RosterFile.USERS, PackageSnapshot::userMaker);
    }

    private static Maker<User> userMaker(RowView v) {
        int id = v.column("sourcedId"), st = v.column("status"), dlm = v.column("dateLastModified");
        int enabled = v.column("enabledUser"), username = v.column("username"), userIds = v.column("userIds");
        int given = v.column("givenName"), family = v.column("familyName"), middle = v.column("middleName");
        int pGiven = v.column("preferredGivenName"), pMiddle = v.column("preferredMiddleName");
        int pFamily = v.column("preferredFamilyName"), ident = v.column("identifier"), email = v.column("email");
        int sms = v.column("sms"), phone = v.column("phone"), agents = v.column("agentSourcedIds");
        int grades = v.column("grades"), master = v.column("userMasterIdentifier");
        int primaryOrg = v.column("primaryOrgSourcedId"), pronouns = v.column("pronouns");
        return () -> new User(v.text(id), v.status(st), v.dateTime(dlm), !Boolean.FALSE.equals(v.bool(enabled)),
                v.text(username), v.userIds(userIds), v.text(given), v.text(family), v.text(middle),
                v.text(pGiven), v.text(pMiddle), v.text(pFamily), v.text(ident), v.text(email), v.text(sms),
                v.text(phone), v.list(agents), v.grades(grades), v.text(master), v.text(primaryOrg),
                v.text(pronouns), v.origin());
    }

    @Override
    public Stream<UserRow> userRows() {
        FileRead read = reads.get(RosterFile.USERS);
        if (read == null) {
            return Stream.empty();
        }
        RowView view = new RowView(read);
        Maker<User> user = userMaker(view);
        Maker<List<UserRole>> roles = rowRoles(view);
        return rows(RosterFile.USERS, view).map(v -> new UserRow(user.make(), roles.make()));
    }

    @Override
    public boolean sharesEmail(String email) {
        FileRead read = reads.get(RosterFile.USERS);
        long key = Values.emailKey(email);
        return read != null && key != 0 && read.sharedEmails() != null && read.sharedEmails().contains(key);
    }

    @Override
    public Stream<UserRole> roles() {
        FileRead users = reads.get(RosterFile.USERS);
        Stream<UserRole> fromUsers = users != null && users.header().index("role") >= 0
                ? legacyRoles() : Stream.empty();
        return Stream.concat(fromUsers, roleRows());
    }

    @Override
    public Stream<UserRole> roleRows() {
        return stream(RosterFile.ROLES, v -> {
            int id = v.column("sourcedId"), st = v.column("status"), dlm = v.column("dateLastModified");
            int user = v.column("userSourcedId"), type = v.column("roleType"), role = v.column("role");
            int begin = v.column("beginDate"), end = v.column("endDate"), org = v.column("orgSourcedId");
            return () -> new UserRole(v.text(id), v.status(st), v.dateTime(dlm), v.text(user),
                    v.term(type, Vocabulary.ROLE_TYPE), v.term(role, Vocabulary.ROLE_1_2), v.date(begin), v.date(end),
                    v.text(org), v.origin());
        });
    }

    private Stream<UserRole> legacyRoles() {
        RowView view = new RowView(reads.get(RosterFile.USERS));
        Maker<List<UserRole>> roles = rowRoles(view);
        return rows(RosterFile.USERS, view).flatMap(v -> roles.make().stream());
    }

    /** The 1.0 and 1.1 roles of a users.csv row: one primary role per org of orgSourcedIds; none without a role column. */
    private static Maker<List<UserRole>> rowRoles(RowView v) {
        int id = v.column("sourcedId"), st = v.column("status"), dlm = v.column("dateLastModified");
        int role = v.column("role"), orgs = v.column("orgSourcedIds");
        if (role < 0) {
            return List::of;
        }
        return () -> {
            List<String> orgIds = v.list(orgs);
            List<UserRole> out = new ArrayList<>(orgIds.size());
            for (String org : orgIds) {
                out.add(new UserRole(null, v.status(st), v.dateTime(dlm), v.text(id), "primary",
                        v.term(role, Vocabulary.USER_ROLE_1_1), null, null, org, v.origin()));
            }
            return out;
        };
    }

    @Override
    public Stream<Enrollment> enrollments() {
        return stream(RosterFile.ENROLLMENTS, v -> {
            int id = v.column("sourcedId"), st = v.column("status"), dlm = v.column("dateLastModified");
            int clazz = v.column("classSourcedId"), school = v.column("schoolSourcedId");
            int user = v.column("userSourcedId"), role = v.column("role"), primary = v.column("primary");
            int begin = v.column("beginDate"), end = v.column("endDate");
            return () -> new Enrollment(v.text(id), v.status(st), v.dateTime(dlm), v.text(clazz), v.text(school),
                    v.text(user), v.term(role, Vocabulary.ENROLLMENT_ROLE), v.bool(primary), v.date(begin),
                    v.date(end), v.origin());
        });
    }

    @Override
    public Stream<BirthDate> birthDates() {
        return stream(RosterFile.DEMOGRAPHICS, v -> {
            int id = v.column("sourcedId"), st = v.column("status"), birth = v.column("birthDate");
            return () -> new BirthDate(v.text(id), v.status(st), v.text(birth));
        });
    }

    /** A record maker bound to one file's columns, reading the current row of its view. */
    private interface Maker<T> {
        T make();
    }

    private <T> Stream<T> stream(RosterFile file, Function<RowView, Maker<T>> binder) {
        FileRead read = reads.get(file);
        if (read == null) {
            return Stream.empty();
        }
        RowView view = new RowView(read);
        Maker<T> maker = binder.apply(view);
        return rows(file, view).map(v -> maker.make());
    }

    /** The usable rows of a file, one view moved along them (do not keep a view across rows). */
    private Stream<RowView> rows(RosterFile file, RowView view) {
        FileRead read = reads.get(file);
        if (read == null) {
            return Stream.empty();
        }
        PackageSource source = openSource();
        RecordSource csv;
        try {
            csv = PackageReader.pipelinedIfLarge(CsvSource.open(source.open(read.entry()), options.maxRecordChars()),
                    read.entry());
        } catch (IOException e) {
            closeQuietly(source);
            throw new UncheckedIOException(e);
        }
        csv.next();
        Iterator<RowView> it = new Iterator<>() {
            private CsvRecord next = advance();

            private CsvRecord advance() {
                for (CsvRecord r = csv.next(); r != null; r = csv.next()) {
                    if (read.usable((int) r.getStartingLineNumber())) {
                        return r;
                    }
                }
                return null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public RowView next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                view.at(next);
                next = advance();
                return view;
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL),
                false).onClose(() -> {
                    try {
                        csv.close();
                    } catch (IOException ignored) {
                        // read only
                    }
                    closeQuietly(source);
                });
    }

    private PackageSource openSource() {
        try {
            if (Files.isDirectory(path)) {
                return new FolderSource(path, options.maxTotalBytes());
            }
            ZipSource zip = ZipSource.open(path, options, new ProblemCollector(false, 0));
            if (zip == null) {
                throw new UncheckedIOException(new IOException(path + " can no longer be read"));
            }
            return zip;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void closeQuietly(PackageSource source) {
        try {
            source.close();
        } catch (IOException ignored) {
            // read only
        }
    }
}
