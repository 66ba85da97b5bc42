package io.rostersync.oneroster.internal;

import de.siegmar.fastcsv.reader.CsvRecord;
import io.rostersync.oneroster.FileMode;
import io.rostersync.oneroster.FileSummary;
import io.rostersync.oneroster.OneRosterVersion;
import io.rostersync.oneroster.ProblemCode;
import io.rostersync.oneroster.ReadOptions;
import io.rostersync.oneroster.ReadResult;
import io.rostersync.oneroster.RosterFile;
import io.rostersync.oneroster.ValidationReport;
import io.rostersync.oneroster.internal.csv.CsvSource;
import io.rostersync.oneroster.internal.csv.PipelinedSource;
import io.rostersync.oneroster.internal.csv.RecordSource;
import io.rostersync.oneroster.internal.source.FolderSource;
import io.rostersync.oneroster.internal.source.LimitExceededException;
import io.rostersync.oneroster.internal.source.PackageEntry;
import io.rostersync.oneroster.internal.source.PackageSource;
import io.rostersync.oneroster.internal.source.ZipSource;
import io.rostersync.oneroster.internal.spec.FileSpec;
import io.rostersync.oneroster.internal.spec.FileSpecs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Reads a package in the binding's dependency order (orgs, sessions, courses, classes, users,
 * roles, enrollments), so that every cross-file reference points into a file already read.
 */
public final class PackageReader {

    /** Files larger than this are parsed on a second thread while the first checks them. */
    private static final long PIPELINE_BYTES = 4L * 1024 * 1024;

    /** A large file's records, parsed on a second thread while the caller works on them; a small file's as they are. */
    static RecordSource pipelinedIfLarge(CsvSource csv, PackageEntry entry) {
        return entry.declaredSize() > PIPELINE_BYTES ? PipelinedSource.of(csv) : csv;
    }

    private static final List<RosterFile> REQUIRED = List.of(RosterFile.USERS, RosterFile.CLASSES,
            RosterFile.ENROLLMENTS);

    private final Path path;
    private final ReadOptions options;
    private final ProblemCollector problems;
    private final Registry registry = new Registry();
    private final Map<RosterFile, FileRead> reads = new EnumMap<>(RosterFile.class);
    private PackageSource source;
    /** users.csv's validator, whose primary orgs are checked once roles.csv is read (1.2). */
    private FileValidator pendingPrimaryOrgs;
    private PackageLayout layout;
    private Manifest manifest;
    private OneRosterVersion version;

    private PackageReader(Path path, ReadOptions options) {
        this.path = path;
        this.options = options;
        this.problems = new ProblemCollector(options.strict(), options.detailsPerCode());
    }

    public static ReadResult read(Path path, ReadOptions options) {
        PackageReader reader = new PackageReader(path, options);
        boolean readable = reader.run();
        List<FileSummary> summaries = new ArrayList<>();
        reader.reads.values().forEach(r -> summaries.add(new FileSummary(r.file(), r.entry().path(), r.mode(),
                r.header().spec().version(), r.rows(), r.rejectedLines().size(), r.complete(), r.sha256())));
        ValidationReport report = new ValidationReport(reader.version, readable, List.copyOf(summaries),
                reader.problems.errors(), reader.problems.warnings(), reader.problems.counts(),
                reader.problems.orderedDetails());
        return new ReadResult(new PackageSnapshot(path, options, reader.version, reader.reads, summaries), report);
    }

    private boolean run() {
        try {
            source = open();
            if (source == null) {
                return false;
            }
            layout = PackageLayout.of(source.entries(), source instanceof FolderSource, problems);
            layout.dropDuplicates();
            if (layout.csvCount == 0) {
                problems.report(ProblemCode.PACKAGE_EMPTY, source.describe() + " holds no CSV file.");
                return true;
            }
            if (layout.manifest != null) {
                try (CsvSource csv = openCsv(layout.manifest)) {
                    manifest = Manifest.read(csv, problems);
                }
                version = manifest.version;
            }
            if (version == null) {
                version = detectVersion();
                if (version == null) {
                    if (manifest == null) {
                        problems.report(ProblemCode.VERSION_UNDETECTED,
                                "No file's header matched OneRoster 1.0, 1.1 or 1.2.");
                    }
                    return true;
                }
                if (manifest == null) {
                    problems.report(ProblemCode.MANIFEST_MISSING, "There is no manifest.csv; the headers say OneRoster "
                            + version + ", and every file was read as bulk.");
                }
            }
            checkFileSet();
            for (RosterFile file : RosterFile.values()) {
                if (file.needed() && layout.files.containsKey(file) && file.existsIn(version)
                        || file == RosterFile.ROLES && layout.files.containsKey(file) && usersAre12()) {
                    readFile(file, layout.files.get(file));
                }
            }
            checkPrimaryOrgs();
            return true;
        } catch (RuntimeException | IOException e) {
            String incident = UUID.randomUUID().toString().substring(0, 8);
            System.getLogger(PackageReader.class.getName()).log(System.Logger.Level.ERROR,
                    "Incident " + incident + " while reading " + path, e);
            problems.report(ProblemCode.INTERNAL_ERROR, "Reading stopped unexpectedly (incident " + incident + ").");
            return true;
        } finally {
            closeSource();
        }
    }

    private PackageSource open() throws IOException {
        if (Files.isDirectory(path)) {
            return new FolderSource(path, options.maxTotalBytes());
        }
        if (Files.isRegularFile(path) && Files.isReadable(path)) {
            if (!looksLikeZip(path)) {
                problems.report(ProblemCode.PACKAGE_UNREADABLE, path.getFileName()
                        + " is neither a folder nor a ZIP file.");
                return null;
            }
            return ZipSource.open(path, options, problems);
        }
        problems.report(ProblemCode.PACKAGE_UNREADABLE, path + " does not exist or cannot be read.");
        return null;
    }

    private static boolean looksLikeZip(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 'P' && magic[1] == 'K'
                    || path.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".zip");
        }
    }

    private void closeSource() {
        if (source != null) {
            try {
                source.close();
            } catch (IOException ignored) {
                // the package was only read
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private CsvSource openCsv(PackageEntry entry) throws IOException {
        return CsvSource.open(source.open(entry), options.maxRecordChars());
    }

    /** Without a usable manifest: the version whose headers fit the files best. */
    private OneRosterVersion detectVersion() throws IOException {
        Map<OneRosterVersion, Integer> scores = new EnumMap<>(OneRosterVersion.class);
        for (var e : layout.files.entrySet()) {
            List<String> header = headerOf(e.getValue());
            if (header == null) {
                continue;
            }
            for (OneRosterVersion v : OneRosterVersion.values()) {
                List<FileSpec> specs = FileSpecs.specs(e.getKey(), v);
                if (!specs.isEmpty()) {
                    HeaderMatch m = HeaderMatch.best(specs, header);
                    scores.merge(v, m.score() - (m.fatal() ? 1000 : 0), Integer::sum);
                }
            }
        }
        OneRosterVersion best = null;
        int bestScore = 0;
        for (OneRosterVersion v : List.of(OneRosterVersion.V1_1, OneRosterVersion.V1_2, OneRosterVersion.V1_0)) {
            int s = scores.getOrDefault(v, Integer.MIN_VALUE);
            if (s > bestScore) {
                best = v;
                bestScore = s;
            }
        }
        return best;
    }

    private List<String> headerOf(PackageEntry entry) throws IOException {
        try (CsvSource csv = openCsv(entry)) {
            CsvRecord r = csv.next();
            return r == null ? null : r.getFields();
        }
    }

    private void checkFileSet() {
        for (var e : layout.files.entrySet()) {
            RosterFile file = e.getKey();
            if (!file.existsIn(version) && !(file == RosterFile.ROLES && usersAre12())) {
                problems.reportFile(ProblemCode.FILE_NOT_IN_VERSION, file.fileName(), file.fileName()
                        + " is not part of OneRoster " + version + "; it was ignored.");
            } else if (!file.needed()) {
                problems.reportFile(ProblemCode.FILE_NOT_NEEDED, file.fileName(), file.fileName()
                        + " is not needed for the directory sync; it was not read.");
            } else if (manifest != null && !manifest.declares(file)) {
                problems.reportFile(ProblemCode.MANIFEST_FILE_NOT_LISTED, file.fileName(), file.fileName()
                        + " has no " + file.manifestKey() + " row in manifest.csv; it was read as bulk.");
            } else if (manifest != null && manifest.modes.get(file) == FileMode.ABSENT) {
                problems.report(ProblemCode.MANIFEST_FILE_DECLARED_ABSENT, "manifest.csv", manifest.lines.get(file),
                        "value", null, file.manifestKey() + " is absent, but the package holds " + file.fileName()
                                + "; it was read.", null);
            }
        }
        if (manifest != null) {
            for (RosterFile file : RosterFile.values()) {
                if (!file.existsIn(version) || layout.files.containsKey(file)) {
                    continue;
                }
                FileMode declared = manifest.modes.get(file);
                if (declared == FileMode.BULK || declared == FileMode.DELTA) {
                    problems.report(ProblemCode.MANIFEST_FILE_MISSING, "manifest.csv", manifest.lines.get(file),
                            "value", null, file.manifestKey() + " is " + declared + ", but the package has no "
                                    + file.fileName() + ".", null);
                } else if (!manifest.declares(file)) {
                    problems.reportFile(ProblemCode.MANIFEST_FILE_ROW_MISSING, "manifest.csv", "manifest.csv has no "
                            + file.manifestKey() + " row; " + file.fileName() + " counts as absent.");
                }
            }
        }
        for (RosterFile file : REQUIRED) {
            boolean declaredAbsent = manifest != null && manifest.modes.get(file) == FileMode.ABSENT;
            boolean declaredMissing = manifest != null
                    && (manifest.modes.get(file) == FileMode.BULK || manifest.modes.get(file) == FileMode.DELTA);
            if (!layout.files.containsKey(file) && !declaredAbsent && !declaredMissing) {
                problems.reportFile(ProblemCode.FILE_REQUIRED_MISSING, file.fileName(), "The package has no "
                        + file.fileName() + ".");
            }
        }
    }

    private boolean usersAre12() {
        return version == OneRosterVersion.V1_2;
    }

    private FileMode modeOf(RosterFile file) {
        if (manifest == null) {
            return FileMode.BULK;
        }
        FileMode declared = manifest.modes.get(file);
        return declared == FileMode.DELTA ? FileMode.DELTA : FileMode.BULK;
    }

    private void readFile(RosterFile file, PackageEntry entry) throws IOException {
        String name = file.fileName();
        FileMode mode = modeOf(file);
        FileValidator validator;
        HeaderMatch header;
        boolean complete;
        MessageDigest digest = sha256();
        try (RecordSource csv = pipelinedIfLarge(CsvSource.open(new DigestInputStream(source.open(entry), digest),
                options.maxRecordChars()), entry)) {
            CsvRecord first = csv.next();
            if (csv.failure() == CsvSource.Failure.UTF16) {
                problems.reportFile(ProblemCode.ENCODING_UTF16, name, name + " is UTF-16 text.");
                registry.markUnreadable(file);
                return;
            }
            if (first == null) {
                if (csv.failure() == CsvSource.Failure.NONE || csv.failure() == CsvSource.Failure.EMPTY) {
                    problems.reportFile(ProblemCode.FILE_EMPTY, name, name + " is empty.");
                } else {
                    reportFailure(csv, name, 1);
                }
                registry.markUnreadable(file);
                return;
            }
            if (csv.hadBom()) {
                problems.reportFile(ProblemCode.ENCODING_BOM, name, name + " starts with a byte order mark.");
            }
            header = chooseHeader(file, first.getFields());
            for (HeaderMatch.Finding f : header.findings()) {
                problems.report(f.code(), name, 1, f.column(), null, f.message(), f.hint());
            }
            if (header.fatal()) {
                registry.markUnreadable(file);
                return;
            }
            int expected = (int) Math.min(50_000_000L, Math.max(16, entry.declaredSize() / 150));
            validator = new FileValidator(file, header, mode, problems, registry, expected);
            boolean checkingEncoding = false;
            for (CsvRecord r = csv.next(); r != null; r = csv.next()) {
                if (!checkingEncoding && csv.sawInvalidUtf8()) {
                    checkingEncoding = true;
                    validator.checkReplacementCharacters();
                }
                validator.row(r);
            }
            complete = csv.failure() == CsvSource.Failure.NONE;
            if (!complete) {
                reportFailure(csv, name, (int) (csv.failureLine() > 0 ? csv.failureLine() : csv.lastLine() + 1));
            }
        }
        validator.finish(new EntryRevisit(entry));
        reads.put(file, new FileRead(file, entry, header, mode, validator.rows(), validator.rejected(), complete,
                HexFormat.of().formatHex(digest.digest()), validator.sharedEmails()));
        if (file == RosterFile.USERS) {
            pendingPrimaryOrgs = validator;
        }
    }

    /**
     * The manifest's version first. Another version's header is taken only when the manifest's
     * cannot read the file at all, or when the other fits exactly (a 1.0 file in a 1.1 package):
     * a near fit of both is read as the manifest says, so no column of that version is lost.
     */
    private HeaderMatch chooseHeader(RosterFile file, List<String> cells) {
        HeaderMatch declared = HeaderMatch.best(FileSpecs.specs(file, version), cells);
        if (declared != null && declared.exact()) {
            return declared;
        }
        HeaderMatch other = null;
        for (OneRosterVersion v : OneRosterVersion.values()) {
            if (v == version || FileSpecs.specs(file, v).isEmpty()) {
                continue;
            }
            HeaderMatch candidate = HeaderMatch.best(FileSpecs.specs(file, v), cells);
            if (!candidate.fatal() && (other == null || candidate.score() > other.score())) {
                other = candidate;
            }
        }
        boolean switchVersion = other != null && (declared == null || declared.fatal()
                || other.exact() && other.score() > declared.score());
        if (!switchVersion) {
            return declared == null ? other : declared;
        }
        if (declared != null) {
            problems.report(ProblemCode.VERSION_MISMATCH, file.fileName(), 1, null, null, file.fileName()
                    + " has the header of OneRoster " + other.spec().version() + ", not " + version
                    + "; it was read as " + other.spec().version() + ".", null);
        }
        return other;
    }

    private void reportFailure(RecordSource csv, String name, int line) {
        switch (csv.failure()) {
            case RECORD_TOO_LONG -> problems.report(ProblemCode.CSV_RECORD_TOO_LONG, name, line, null, null,
                    "A record is longer than " + options.maxRecordChars() + " characters; reading stopped.", null);
            case UNCLOSED_QUOTE -> problems.report(ProblemCode.CSV_UNCLOSED_QUOTE, name, line, null, null,
                    "A quoted value starting near line " + line + " is never closed.", null);
            case LIMIT -> {
                LimitExceededException limit = (LimitExceededException) csv.failureCause();
                problems.report(limit.code(), name, null, null, null, limit.getMessage(), null);
            }
            case IO -> problems.report(ProblemCode.ZIP_UNREADABLE, name, null, null, null, name
                    + " could not be read to its end: " + csv.failureCause().getMessage(), null);
            default -> {
            }
        }
    }

    /** users.primaryOrgSourcedId must name an org the user has a role in (1.2). */
    private void checkPrimaryOrgs() {
        FileValidator users = pendingPrimaryOrgs;
        if (users == null || !reads.containsKey(RosterFile.ROLES) || users.pendingPrimaryOrgPairs().isEmpty()) {
            return;
        }
        com.carrotsearch.hppc.IntHashSet lines = new com.carrotsearch.hppc.IntHashSet();
        for (int k = 0; k < users.pendingPrimaryOrgPairs().size(); k++) {
            if (!registry.rolePairs.contains(users.pendingPrimaryOrgPairs().get(k))) {
                lines.add(users.pendingPrimaryOrgLines().get(k));
            }
        }
        if (lines.isEmpty()) {
            return;
        }
        FileRead read = reads.get(RosterFile.USERS);
        int idCol = read.header().index("sourcedId");
        int orgCol = read.header().index("primaryOrgSourcedId");
        try {
            new EntryRevisit(read.entry()).rows(r -> {
                int at = (int) r.getStartingLineNumber();
                if (lines.contains(at) && r.getFieldCount() > Math.max(idCol, orgCol)) {
                    problems.report(ProblemCode.PRIMARY_ORG_WITHOUT_ROLE, "users.csv", at, "primaryOrgSourcedId",
                            Values.trim(r.getField(idCol)), "roles.csv gives this user no role in '"
                                    + Values.trim(r.getField(orgCol)) + "'.", null);
                }
            });
        } catch (java.io.UncheckedIOException e) {
            problems.reportFile(ProblemCode.INTERNAL_ERROR, "users.csv", "Could not read users.csv again.");
        }
    }

    /** Reads one entry again, skipping its header. */
    private final class EntryRevisit implements Revisit {
        private final PackageEntry entry;
        private List<String> cells;

        EntryRevisit(PackageEntry entry) {
            this.entry = entry;
        }

        @Override
        public void rows(Consumer<CsvRecord> consumer) {
            try (CsvSource csv = openCsv(entry)) {
                CsvRecord first = csv.next();
                if (first == null) {
                    return;
                }
                cells = first.getFields();
                for (CsvRecord r = csv.next(); r != null; r = csv.next()) {
                    consumer.accept(r);
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public String headerCell(int index) {
            if (cells == null) {
                try (CsvSource csv = openCsv(entry)) {
                    CsvRecord first = csv.next();
                    cells = first == null ? List.of() : first.getFields();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            return index < cells.size() ? HeaderMatch.stripInvisible(cells.get(index)) : "";
        }
    }
}
