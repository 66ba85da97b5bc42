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
 */
public final class OneRosterRestPull {


    private final ApiHttp http;
    private final URI base;
    private final OneRosterVersion version;
    private final int page;
    /** Whether the server refused the fields parameter: the rest of the pull asks without it. */
    private boolean fieldsRefused;

    /** What was read: records written per file. */
    public record Pulled(Map<String, Long> rows, List<String> files) {
    }

    /**
     * @param base the API's root, e.g. {@code https://host/ims/oneroster/v1p1} or
     *             {@code .../ims/oneroster/rostering/v1p2}
     */
    public OneRosterRestPull(ApiHttp http, URI base, OneRosterVersion version, int page) {
        if (version != OneRosterVersion.V1_1 && version != OneRosterVersion.V1_2) {
            throw new IllegalArgumentException("a OneRoster REST API is 1.1 or 1.2, not " + version);
        }
        this.http = http;
        this.base = URI.create(base.toString().endsWith("/") ? base.toString() : base + "/");
        this.version = version;
        this.page = page;
    }

    /** Writes the package into {@code folder}; on any failure the caller deletes the folder (nothing half-read is used). */
    public Pulled pullInto(Path folder) throws IOException {
        Map<String, Long> rows = new LinkedHashMap<>();
        collection(folder, RosterFile.ORGS, "orgs", rows);
        collection(folder, RosterFile.ACADEMIC_SESSIONS, "academicSessions", rows);
        collection(folder, RosterFile.COURSES, "courses", rows);
        collection(folder, RosterFile.CLASSES, "classes", rows);
        if (version == OneRosterVersion.V1_2) {
            users12(folder, rows);
        } else {
            collection(folder, RosterFile.USERS, "users", rows);
        }
        collection(folder, RosterFile.ENROLLMENTS, "enrollments", rows);
        writeManifest(folder, rows.keySet());
        List<String> files = new ArrayList<>(rows.keySet());
        files.add("manifest.csv");
        return new Pulled(rows, files);
    }

    private void collection(Path folder, RosterFile file, String envelope, Map<String, Long> rows) throws IOException {
        List<String> header = file.header(version);
        try (CsvWriter csv = writer(folder.resolve(file.fileName()))) {
            csv.writeRecord(header);
            long[] written = {0};
            forEach(envelope, RestRecords.fields(header, version == OneRosterVersion.V1_2), record -> {
                csv.writeRecord(RestRecords.row(header, record));
                written[0]++;
            });
            rows.put(file.fileName(), written[0]);
        }
    }

    /** 1.2: users.csv, and roles.csv from each user's roles (a role has no sourcedId of its own over REST). */
    private void users12(Path folder, Map<String, Long> rows) throws IOException {
        List<String> userHeader = RosterFile.USERS.header(version);
        List<String> roleHeader = RosterFile.ROLES.header(version);
        try (CsvWriter users = writer(folder.resolve(RosterFile.USERS.fileName()));
                CsvWriter roles = writer(folder.resolve(RosterFile.ROLES.fileName()))) {
            users.writeRecord(userHeader);
            roles.writeRecord(roleHeader);
            long[] written = {0, 0};
            forEach("users", RestRecords.fields(userHeader, true, "roles"), user -> {
                users.writeRecord(RestRecords.row(userHeader, user));
                written[0]++;
                for (List<String> role : RestRecords.roles(roleHeader, user)) {
                    roles.writeRecord(role);
                    written[1]++;
                }
            });
            rows.put(RosterFile.USERS.fileName(), written[0]);
            rows.put(RosterFile.ROLES.fileName(), written[1]);
        }
    }

    /**
     * Every record of a collection, page after page, the deleted ones left out; only {@code fields} asked
     * for, unless the server refuses the parameter (a 400 on the first page), which is then not sent again.
     */
    private void forEach(String envelope, String fields, java.util.function.Consumer<JsonNode> each) {
        long offset = 0;
        String previousFirst = null;
        while (true) {
            URI uri = base.resolve(envelope + "?limit=" + page + "&offset=" + offset + "&sort=sourcedId&orderBy=asc"
                    + (fieldsRefused ? "" : "&fields=" + java.net.URLEncoder.encode(fields,
                            java.nio.charset.StandardCharsets.UTF_8)));
            ApiHttp.Answer answer;
            try {
                answer = http.get(uri, envelope);
            } catch (ApiFailure e) {
                if (e.status() != 400 || fieldsRefused || offset > 0) {
                    throw e;
                }
                // fields is optional in the binding: a server that does not take it is read whole
                fieldsRefused = true;
                continue;
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
                return;
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
                if (!"tobedeleted".equalsIgnoreCase(item.path("status").asString(""))) {
                    each.accept(item);
                }
            }
            offset += items.size();
            // a short page is not the end: a server may cap its pages below what was asked for (100, 500);
            // the end is X-Total-Count reached, or, without it, an empty page
            long total = answer.number("X-Total-Count");
            if (total >= 0 && offset >= total) {
                return;
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

    private void writeManifest(Path folder, java.util.Set<String> written) throws IOException {
        try (CsvWriter csv = writer(folder.resolve("manifest.csv"))) {
            csv.writeRecord("propertyName", "value");
            csv.writeRecord("manifest.version", "1.0");
            csv.writeRecord("oneroster.version", version == OneRosterVersion.V1_2 ? "1.2" : "1.1");
            csv.writeRecord("source.systemName", "Rostersync pull from " + base.getHost());
            for (RosterFile file : RosterFile.values()) {
                boolean declared = file.existsIn(version) && (file != RosterFile.ROLES || version == OneRosterVersion.V1_2);
                if (declared) {
                    csv.writeRecord(file.manifestKey(), written.contains(file.fileName()) ? "bulk" : "absent");
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
