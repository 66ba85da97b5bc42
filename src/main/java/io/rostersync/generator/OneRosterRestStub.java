package io.rostersync.generator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.compress.archivers.zip.ZipFile;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A OneRoster 1.1 REST API serving a OneRoster CSV package (a folder or a ZIP, as the generator writes
 * it), on this machine: {@code /ims/oneroster/v1p1/{orgs, schools, academicSessions, courses, classes,
 * users, enrollments}} with {@code limit}/{@code offset} paging and {@code X-Total-Count}, each row as
 * the binding's object (references as {href, sourcedId, type}, lists as arrays, userIds as {type,
 * identifier}), behind a bearer token, only the {@code fields} asked for when asked. For trying a
 * district's roster API locally and for measuring a pull; not a provider: no sort (the package's order
 * is sourcedId order enough), and of filters only {@code dateLastModified>'time'}.
 *
 * <p>The package can be replaced by a later one ({@link #replace}), as a SIS changes: a record that
 * changed is dated then; one that is gone is kept, {@code tobedeleted} and dated then, as the binding
 * has a provider do (or, as some providers do, deleted outright). Its answers are dated (the
 * {@code Date} a pull of changes goes by) by this machine's clock, as the JDK's server dates them.
 */
public final class OneRosterRestStub implements AutoCloseable {

    public static final String ROOT = "/ims/oneroster/v1p1";
    private static final List<String> COLLECTIONS = List.of("orgs", "academicSessions", "courses", "classes", "users",
            "enrollments");
    private static final List<String> LISTS = List.of("grades", "subjects", "subjectCodes", "periods");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** When the records of the first package changed last. */
    static final Instant FIRST_DATED = Instant.parse("2026-09-14T05:00:00Z");

    /** A record as served: its cells, when it last changed, and whether it is tobedeleted. */
    private record Row(List<String> cells, Instant changed, boolean deleted) {
    }

    private final HttpServer server;
    private final Map<String, List<String>> headers = new HashMap<>();
    private volatile Map<String, List<Row>> rows = new HashMap<>();
    private final String token;
    private final AtomicLong requests = new AtomicLong();

    private OneRosterRestStub(Path pkg, int port, String token) throws IOException {
        this.token = token;
        Map<String, List<Row>> first = new HashMap<>();
        for (String name : COLLECTIONS) {
            List<Row> records = new ArrayList<>();
            for (List<String> cells : read(pkg, name)) {
                records.add(new Row(cells, FIRST_DATED, false));
            }
            first.put(name, records);
        }
        rows = withSchools(first);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.createContext(ROOT + "/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
    }

    /** Serves the package at {@code 127.0.0.1:port} (0: any free port) until closed. */
    public static OneRosterRestStub serve(Path pkg, int port, String token) throws IOException {
        return new OneRosterRestStub(pkg, port, token);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The API's root, for a roster API's settings. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port() + ROOT;
    }

    /**
     * Serves {@code pkg} from now on, as the SIS's roster at {@code at}: records new or changed are dated
     * {@code at}, the others keep their date; a record no longer there is kept as {@code tobedeleted}
     * (dated {@code at}), or, when {@code softDeletes} is false, gone without a trace.
     */
    public void replace(Path pkg, Instant at, boolean softDeletes) throws IOException {
        Map<String, List<Row>> next = new HashMap<>();
        for (String name : COLLECTIONS) {
            Map<String, Row> before = new java.util.LinkedHashMap<>();
            for (Row row : rows.get(name)) {
                before.put(row.cells().get(0), row);
            }
            List<Row> records = new ArrayList<>();
            for (List<String> cells : read(pkg, name)) {
                Row old = before.remove(cells.get(0));
                records.add(old != null && !old.deleted() && old.cells().equals(cells) ? old
                        : new Row(cells, at, false));
            }
            if (softDeletes) {
                for (Row gone : before.values()) {
                    records.add(gone.deleted() ? gone : new Row(gone.cells(), at, true));
                }
            }
            next.put(name, records);
        }
        rows = withSchools(next);
    }

    /** The orgs that are schools, as the schools collection. */
    private Map<String, List<Row>> withSchools(Map<String, List<Row>> collections) {
        List<Row> schools = new ArrayList<>();
        int type = headers.get("orgs").indexOf("type");
        for (Row org : collections.get("orgs")) {
            if (type >= 0 && type < org.cells().size() && org.cells().get(type).equals("school")) {
                schools.add(org);
            }
        }
        headers.put("schools", headers.get("orgs"));
        collections.put("schools", schools);
        return collections;
    }

    /** How many requests it answered. */
    public long requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    private List<List<String>> read(Path pkg, String name) throws IOException {
        String file = name + ".csv";
        List<List<String>> records = new ArrayList<>();
        boolean header = true;
        try (InputStream in = open(pkg, file); CsvReader<CsvRecord> reader = CsvReader.builder()
                .ofCsvRecord(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (CsvRecord r : reader) {
                if (header) {
                    headers.putIfAbsent(name, r.getFields());
                    header = false;
                } else {
                    records.add(r.getFields());
                }
            }
        }
        headers.putIfAbsent(name, List.of());
        return records;
    }

    private static InputStream open(Path pkg, String file) throws IOException {
        if (Files.isDirectory(pkg)) {
            return Files.newInputStream(pkg.resolve(file));
        }
        ZipFile zip = ZipFile.builder().setPath(pkg).get();
        var entry = zip.getEntry(file);
        if (entry == null) {
            zip.close();
            throw new IOException(pkg + " has no " + file);
        }
        InputStream in = zip.getInputStream(entry);
        return new java.io.FilterInputStream(in) {
            @Override
            public void close() throws IOException {
                super.close();
                zip.close();
            }
        };
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            String collection = exchange.getRequestURI().getPath().substring(ROOT.length() + 1);
            if (!("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                send(exchange, 401, "{\"statusInfoSet\":[{\"imsx_codeMajor\":\"failure\",\"imsx_severity\":\"error\","
                        + "\"imsx_description\":\"Unknown token.\"}]}", -1);
                return;
            }
            List<Row> all = rows.get(collection);
            if (all == null) {
                send(exchange, 404, "{\"statusInfoSet\":[{\"imsx_codeMajor\":\"failure\",\"imsx_severity\":\"error\","
                        + "\"imsx_description\":\"No such collection.\"}]}", -1);
                return;
            }
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            if (query.containsKey("filter")) {
                java.util.regex.Matcher since = java.util.regex.Pattern
                        .compile("dateLastModified\\s*>\\s*'([^']+)'").matcher(query.get("filter").trim());
                Instant after;
                try {
                    after = since.matches() ? Instant.parse(since.group(1)) : null;
                } catch (java.time.format.DateTimeParseException e) {
                    after = null;
                }
                if (after == null) {
                    send(exchange, 400, "{\"statusInfoSet\":[{\"imsx_codeMajor\":\"failure\",\"imsx_severity\":"
                            + "\"error\",\"imsx_CodeMinor\":{\"imsx_codeMinorField\":[{\"imsx_codeMinorFieldName\":"
                            + "\"TargetEndSystemID\",\"imsx_codeMinorFieldValue\":\"invalid_filter_field\"}]},"
                            + "\"imsx_description\":\"Only dateLastModified>'time' is served here.\"}]}", -1);
                    return;
                }
                Instant from = after;
                all = all.stream().filter(row -> row.changed().isAfter(from)).toList();
            }
            int limit = Math.max(1, Math.min(10_000, parse(query.get("limit"), 100)));
            int offset = Math.max(0, parse(query.get("offset"), 0));
            String envelope = collection.equals("schools") ? "orgs" : collection;
            ObjectNode page = JSON.createObjectNode();
            ArrayNode items = page.putArray(envelope);
            List<String> header = headers.get(collection);
            java.util.Set<String> fields = query.get("fields") == null ? null
                    : java.util.Arrays.stream(query.get("fields").split(",")).map(String::trim)
                            .collect(java.util.stream.Collectors.toSet());
            for (int i = offset; i < Math.min(all.size(), offset + limit); i++) {
                Row row = all.get(i);
                ObjectNode item = object(header, row.cells());
                item.put("status", row.deleted() ? "tobedeleted" : "active");
                item.put("dateLastModified", row.changed().toString());
                if (fields != null) {
                    item.retain(fields); // the binding's projection: only the fields asked for
                }
                items.add(item);
            }
            send(exchange, 200, JSON.writeValueAsString(page), all.size());
        }
    }

    private static void send(HttpExchange exchange, int status, String body, long total) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (total >= 0) {
            exchange.getResponseHeaders().set("X-Total-Count", Long.toString(total));
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** A CSV row as the REST binding's object. */
    static ObjectNode object(List<String> header, List<String> cells) {
        ObjectNode o = JSON.createObjectNode();
        o.put("status", "active");
        o.put("dateLastModified", FIRST_DATED.toString());
        for (int i = 0; i < header.size(); i++) {
            String column = header.get(i);
            String value = i < cells.size() ? cells.get(i) : "";
            if (column.equals("status") || column.equals("dateLastModified") || column.equals("password")) {
                continue;
            }
            if (column.endsWith("SourcedIds")) {
                ArrayNode refs = o.putArray(column.substring(0, column.length() - "SourcedIds".length()) + "s");
                for (String id : split(value)) {
                    refs.addObject().put("href", ROOT + "/ref/" + id).put("sourcedId", id).put("type", "ref");
                }
            } else if (column.endsWith("SourcedId") && !column.equals("sourcedId")) {
                if (!value.isEmpty()) {
                    o.putObject(column.substring(0, column.length() - "SourcedId".length()))
                            .put("href", ROOT + "/ref/" + value).put("sourcedId", value).put("type", "ref");
                }
            } else if (column.equals("userIds")) {
                ArrayNode ids = o.putArray("userIds");
                for (String id : split(value)) {
                    String inner = id.startsWith("{") && id.endsWith("}") ? id.substring(1, id.length() - 1) : id;
                    int colon = inner.indexOf(':');
                    ids.addObject().put("type", colon < 0 ? "" : inner.substring(0, colon))
                            .put("identifier", inner.substring(colon + 1));
                }
            } else if (LISTS.contains(column)) {
                ArrayNode list = o.putArray(column);
                split(value).forEach(list::add);
            } else {
                o.put(column, value);
            }
        }
        return o;
    }

    private static List<String> split(String value) {
        return value.isEmpty() ? List.of() : List.of(value.split(","));
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return q;
    }

    private static int parse(String s, int otherwise) {
        try {
            return s == null ? otherwise : Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }
}
