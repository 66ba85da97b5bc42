package io.rostersync.intake.internal.api;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import io.rostersync.oneroster.OneRosterVersion;
import io.rostersync.oneroster.RosterFile;
import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Reads a district's roster from a OneRoster REST API (1.1 or 1.2; ClassLink's Roster Server,
 * PowerSchool, Infinite Campus and others) and writes it as the OneRoster CSV package of the same
 * version: orgs, academic sessions, courses, classes, users (and, in 1.2, their roles) and
 * enrollments, in bulk, each collection page by page ({@code limit}/{@code offset}, sorted by
 * sourcedId so that pages do not shift), straight into its file, so memory holds one page at a time.
 * Demographics are never asked for. A record the API marks {@code tobedeleted} is left out, as a bulk
 * file leaves out what is gone. The package then takes the way every drop takes: the reader
 * validates it as it would a district's CSV.
 *
 * <p>Asked for the changes since a time, it reads courses, classes, users and enrollments with
 * {@code filter=dateLastModified>'time'} and writes them as delta files: every record that changed, the
 * {@code tobedeleted} ones too, with its status and dateLastModified. Orgs and academic sessions, a few
 * hundred records, are read whole (bulk files): the engine then knows the district's own org and the
 * terms' titles, as in a whole pull. A server that refuses the filter (a 400, with and without
 * {@code fields}) has the whole roster read: a package part changes and part whole could take a file
 * read whole for the district's whole roster while another says nothing of who left.
 */
public final class OneRosterRestPull {


    /**
     * How far behind the provider's clock at a pull's first answer its as-of is put: a change being
     * written as the pull started (a long transaction; a clock apart between the provider's servers) is
     * read again by the next pull rather than missed.
     */
    public static final Duration OVERLAP = Duration.ofMinutes(5);

    private final ApiHttp http;
    private final URI base;
    private final OneRosterVersion version;
    private final int page;
    private final Clock clock;
    /** Whether the server refused the fields parameter: the rest of the pull asks without it. */
    private boolean fieldsRefused;
    /** The changes asked for: since this time, or (null) the whole roster. */
    private Instant changedSince;
    /** Whether the server refused the filter parameter: the rest of the pull is read whole. */
    private boolean filterRefused;
    /** Whether a collection was read as changes in this pull. */
    private boolean readAsChanges;
    /** While a collection that is always read whole (orgs, sessions) is read in a pull of changes. */
    private boolean readingWhole;
    /** Records of those collections changed since {@link #changedSince}: none, and nothing changed. */
    private long changedInWhole;
    /** The provider's clock at its first answer, for the pull's as-of and a change without a date. */
    private Instant serverNow;

    /**
     * What was read: records per file (0 for a file of changes that had none, which is left out of
     * {@code files}, absent in the manifest); the source as of when (the provider's clock at the first
     * answer, less {@link #OVERLAP}; null when unknown); and which files hold changes only.
     */
    public record Pulled(Map<String, Long> rows, List<String> files, Instant asOf, java.util.Set<String> changesOnly,
            boolean nothingChanged) {

        /** A whole roster, read from a source that has no clock of its own to go by (Clever). */
        public Pulled(Map<String, Long> rows, List<String> files) {
            this(rows, files, null, java.util.Set.of(), false);
        }

        /** Records read, in all files. */
        public long records() {
            return rows.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * @param base the API's root, e.g. {@code https://host/ims/oneroster/v1p1} or
     *             {@code .../ims/oneroster/rostering/v1p2}
     */
    public OneRosterRestPull(ApiHttp http, URI base, OneRosterVersion version, int page) {
        this(http, base, version, page, Clock.systemUTC());
    }

    /** @param clock the time of a pull whose provider does not say its own (no Date header) */
    public OneRosterRestPull(ApiHttp http, URI base, OneRosterVersion version, int page, Clock clock) {
        if (version != OneRosterVersion.V1_1 && version != OneRosterVersion.V1_2) {
            throw new IllegalArgumentException("a OneRoster REST API is 1.1 or 1.2, not " + version);
        }
        this.http = http;
        this.base = URI.create(base.toString().endsWith("/") ? base.toString() : base + "/");
        this.version = version;
        this.page = page;
        this.clock = clock;
    }

    /** Writes the package into {@code folder}; on any failure the caller deletes the folder (nothing half-read is used). */
    public Pulled pullInto(Path folder) throws IOException {
        return pullInto(folder, null);
    }

    /**
     * Writes the changes since {@code changedSince} (null: the whole roster) into {@code folder} as a
     * package; on any failure the caller deletes the folder.
     */
    public Pulled pullInto(Path folder, Instant changedSince) throws IOException {
        try {
            return read(folder, changedSince);
        } catch (FilterRefused e) {
            // read the whole roster instead, from the start: nothing read as changes is kept
            try (java.util.stream.Stream<Path> written = Files.list(folder)) {
                for (Path file : written.toList()) {
                    Files.delete(file);
                }
            }
            return read(folder, null);
        }
    }

    /** The server refused the filter after a collection was read as changes: the pull starts again, whole. */
    private static final class FilterRefused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FilterRefused() {
            super(null, null, false, false);
        }
    }

    private Pulled read(Path folder, Instant changedSince) throws IOException {
        this.changedSince = changedSince == null ? null : changedSince.truncatedTo(ChronoUnit.SECONDS);
        this.serverNow = null;
        this.filterRefused = false;
        this.fieldsRefused = false;
        this.readAsChanges = false;
        this.changedInWhole = 0;
        Instant started = clock.instant();
        Map<String, Long> rows = new LinkedHashMap<>();
        java.util.Set<String> changesOnly = new java.util.LinkedHashSet<>();
        readingWhole = true;
        collection(folder, RosterFile.ORGS, "orgs", rows, changesOnly);
        collection(folder, RosterFile.ACADEMIC_SESSIONS, "academicSessions", rows, changesOnly);
        readingWhole = false;
        collection(folder, RosterFile.COURSES, "courses", rows, changesOnly);
        collection(folder, RosterFile.CLASSES, "classes", rows, changesOnly);
        if (version == OneRosterVersion.V1_2) {
            users12(folder, rows, changesOnly);
        } else {
            collection(folder, RosterFile.USERS, "users", rows, changesOnly);
        }
        collection(folder, RosterFile.ENROLLMENTS, "enrollments", rows, changesOnly);
        // a file of changes with none is left out, marked absent: OneRoster's way of saying "no changes"
        List<String> files = new ArrayList<>();
        for (Map.Entry<String, Long> file : rows.entrySet()) {
            if (changesOnly.contains(file.getKey()) && file.getValue() == 0) {
                Files.delete(folder.resolve(file.getKey()));
            } else {
                files.add(file.getKey());
            }
        }
        writeManifest(folder, java.util.Set.copyOf(files), changesOnly);
        files.add("manifest.csv");
        Instant asOf = (serverNow == null ? started : serverNow).minus(OVERLAP);
        boolean nothingChanged = !changesOnly.isEmpty() && changedInWhole == 0
                && changesOnly.stream().allMatch(file -> rows.get(file) == 0);
        return new Pulled(rows, files, asOf, java.util.Set.copyOf(changesOnly), nothingChanged);
    }

    private void collection(Path folder, RosterFile file, String envelope, Map<String, Long> rows,
            java.util.Set<String> changesOnly) throws IOException {
        List<String> header = file.header(version);
        try (CsvWriter csv = writer(folder.resolve(file.fileName()))) {
            csv.writeRecord(header);
            long[] written = {0};
            boolean changes = forEach(envelope, RestRecords.fields(header, version == OneRosterVersion.V1_2), record -> {
                csv.writeRecord(RestRecords.row(header, record, changeStamp()));
                written[0]++;
                if (readingWhole && changedSince != null && changedSince(record)) {
                    changedInWhole++;
                }
            });
            rows.put(file.fileName(), written[0]);
            if (changes) {
                changesOnly.add(file.fileName());
                readAsChanges = true;
            }
        }
    }

    /** While the filter is in use: the date a change without one is written with (the provider's now); else null. */
    private String changeStamp() {
        return filtering() ? (serverNow == null ? clock.instant() : serverNow).toString() : null;
    }

    private boolean filtering() {
        return changedSince != null && !filterRefused && !readingWhole;
    }

    /** Whether a record read whole changed since the pull's start (a date it does not say, or cannot: yes). */
    private boolean changedSince(JsonNode record) {
        try {
            return Instant.parse(record.path("dateLastModified").asString("")).isAfter(changedSince);
        } catch (java.time.format.DateTimeParseException e) {
            return true;
        }
    }

    /** 1.2: users.csv, and roles.csv from each user's roles (a role has no sourcedId of its own over REST). */
    private void users12(Path folder, Map<String, Long> rows, java.util.Set<String> changesOnly) throws IOException {
        List<String> userHeader = RosterFile.USERS.header(version);
        List<String> roleHeader = RosterFile.ROLES.header(version);
        try (CsvWriter users = writer(folder.resolve(RosterFile.USERS.fileName()));
                CsvWriter roles = writer(folder.resolve(RosterFile.ROLES.fileName()))) {
            users.writeRecord(userHeader);
            roles.writeRecord(roleHeader);
            long[] written = {0, 0};
            boolean changes = forEach("users", RestRecords.fields(userHeader, true, "roles"), user -> {
                String stamp = changeStamp();
                users.writeRecord(RestRecords.row(userHeader, user, stamp));
                written[0]++;
                // a changed user comes with all their roles: the delta's roles are the user's whole set
                for (List<String> role : RestRecords.roles(roleHeader, user, stamp)) {
                    roles.writeRecord(role);
                    written[1]++;
                }
            });
            rows.put(RosterFile.USERS.fileName(), written[0]);
            rows.put(RosterFile.ROLES.fileName(), written[1]);
            if (changes) {
                changesOnly.add(RosterFile.USERS.fileName());
                changesOnly.add(RosterFile.ROLES.fileName());
                readAsChanges = true;
            }
        }
    }

    /**
     * Every record of a collection, page after page: the changes since {@link #changedSince} while the
     * filter is in use (the deleted ones with them), else every record but the deleted ones; only
     * {@code fields} asked for. A 400 on the first page is taken as a parameter the server does not
     * take: first {@code fields}, then the filter (the collection and the rest of the pull read whole,
     * with {@code fields} asked again), which are then not sent again. Returns whether the collection
     * was read as changes.
     */
    private boolean forEach(String envelope, String fields, java.util.function.Consumer<JsonNode> each) {
        long offset = 0;
        String previousFirst = null;
        while (true) {
            URI uri = base.resolve(envelope + "?limit=" + page + "&offset=" + offset + "&sort=sourcedId&orderBy=asc"
                    + (filtering() ? "&filter=" + encode("dateLastModified>'" + changedSince + "'") : "")
                    + (fieldsRefused ? "" : "&fields=" + encode(fields)));
            ApiHttp.Answer answer;
            try {
                answer = http.get(uri, envelope);
            } catch (ApiFailure e) {
                if (e.status() != 400 || offset > 0) {
                    throw e;
                }
                if (!fieldsRefused) {
                    // fields is optional in the binding: a server that does not take it is read whole
                    fieldsRefused = true;
                } else if (filtering()) {
                    // so is filter: the changes cannot be asked for, so everything is read
                    if (readAsChanges) {
                        throw new FilterRefused();
                    }
                    filterRefused = true;
                    fieldsRefused = false;
                } else {
                    throw e;
                }
                continue;
            }
            if (serverNow == null) {
                serverNow = answer.date().orElse(null);
            }
            JsonNode items = answer.body().path(envelope);
            if (!items.isArray()) {
                throw new ApiFailure(answer.response().statusCode(), "The server's answer for " + envelope
                        + " (offset " + offset + ") is not a OneRoster page: it has no '" + envelope + "' list.",
                        "Check that the address is the OneRoster API's root (it ends in /ims/oneroster/v1p1, or"
                                + " /ims/oneroster/rostering/v1p2); nothing was changed.");
            }
            if (items.isEmpty()) {
                long total = answer.number("X-Total-Count");
                if (total > offset) {
                    throw new ApiFailure(answer.response().statusCode(), "The server gave no " + envelope + " at offset "
                            + offset + ", though it says it has " + total + ".", "Nothing was changed; the next pull"
                                    + " reads it again. If it keeps happening, the provider's paging needs a look.");
                }
                return filtering();
            }
            String first = items.get(0).path("sourcedId").asString("");
            if (offset > 0 && first.equals(previousFirst)) {
                throw new ApiFailure(answer.response().statusCode(), "The server gave the same page of " + envelope
                        + " for offset " + offset + " as for the one before: it does not page by offset.",
                        "Ask the provider about limit and offset paging; nothing was changed.");
            }
            previousFirst = first;
            for (JsonNode item : items) {
                if (!item.isObject()) {
                    throw new ApiFailure(answer.response().statusCode(), "A record of " + envelope + " (offset "
                            + offset + ") is not a JSON object.", "Nothing was changed; the provider's data needs a look.");
                }
                if (filtering() || !RestRecords.deleted(item)) {
                    each.accept(item);
                } else if (readingWhole && changedSince != null && changedSince(item)) {
                    changedInWhole++; // an org or session gone since: a change, though not written
                }
            }
            offset += items.size();
            // a short page is not the end: a server may cap its pages below what was asked for (100, 500);
            // the end is X-Total-Count reached, or, without it, an empty page
            long total = answer.number("X-Total-Count");
            if (total >= 0 && offset >= total) {
                return filtering();
            }
        }
    }

    /**
     * The first page of the API's schools (names, with their School IDs), for a connection test;
     * returns how many the API says it has in all (X-Total-Count), or how many it gave.
     */
    public static long schools(ApiHttp http, URI base, int limit, java.util.function.Consumer<String> each) {
        URI root = URI.create(base.toString().endsWith("/") ? base.toString() : base + "/");
        ApiHttp.Answer answer = http.get(root.resolve("schools?limit=" + limit + "&offset=0"), "schools");
        JsonNode orgs = answer.body().path("orgs");
        if (!orgs.isArray()) {
            throw new ApiFailure(answer.response().statusCode(), "The server's answer for schools is not a OneRoster"
                    + " page: it has no 'orgs' list.", "Check that the address is the OneRoster API's root (it ends in"
                            + " /ims/oneroster/v1p1, or /ims/oneroster/rostering/v1p2).");
        }
        for (JsonNode org : orgs) {
            each.accept(org.path("name").asString("(no name)") + " (School ID " + org.path("sourcedId").asString("")
                    + ")");
        }
        long total = answer.number("X-Total-Count");
        return total >= 0 ? total : orgs.size();
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private void writeManifest(Path folder, java.util.Set<String> written, java.util.Set<String> changesOnly)
            throws IOException {
        try (CsvWriter csv = writer(folder.resolve("manifest.csv"))) {
            csv.writeRecord("propertyName", "value");
            csv.writeRecord("manifest.version", "1.0");
            csv.writeRecord("oneroster.version", version == OneRosterVersion.V1_2 ? "1.2" : "1.1");
            csv.writeRecord("source.systemName", "Rostersync pull from " + base.getHost());
            for (RosterFile file : RosterFile.values()) {
                boolean declared = file.existsIn(version) && (file != RosterFile.ROLES || version == OneRosterVersion.V1_2);
                if (declared) {
                    csv.writeRecord(file.manifestKey(), !written.contains(file.fileName()) ? "absent"
                            : changesOnly.contains(file.fileName()) ? "delta" : "bulk");
                }
            }
        }
    }

    private static CsvWriter writer(Path file) throws IOException {
        BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        try {
            return CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF).build(out);
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
    }
}
