package io.rostersync.sync.internal.report;

import io.rostersync.directory.EntityKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import io.rostersync.sync.RunStatus;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The machine-readable report of {@code sync --format json}; its shape is a contract:
 * {@code {"run", "status", "changes", "counts": {kind: {created, updated, archived, restored,
 * unchanged}}, "directory": {kind: {active, archived}}, "problems": [...]}}.
 */
public final class RunReportJson {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final List<EntityKind> DIRECTORY_KINDS = List.of(EntityKind.STUDENTS, EntityKind.GUARDIANS,
            EntityKind.STAFF, EntityKind.CLASSROOMS);

    private RunReportJson() {
    }

    /** The directory's totals after the run, per kind. */
    public record Totals(long active, long archived) {
    }

    /** The JSON of a stored run's report. */
    public static String render(io.rostersync.sync.RunReport report) {
        RunCounts counts = new RunCounts();
        report.counts().forEach((kind, c) -> counts.set(kind, new RunCounts.Counts(c.created(), c.updated(),
                c.archived(), c.restored(), c.unchanged())));
        Map<EntityKind, Totals> totals = new java.util.EnumMap<>(EntityKind.class);
        report.directory().forEach((kind, t) -> totals.put(kind, new Totals(t.active(), t.archived())));
        List<Map<String, Object>> problems = new ArrayList<>();
        for (io.rostersync.oneroster.Problem p : report.problems()) {
            problems.add(p.fields());
        }
        return render(report.run(), report.status(), counts, totals, problems);
    }

    /**
     * @param problems the reader's problems, each already in the shape of {@code validate --format json}
     */
    public static String render(long run, RunStatus status, RunCounts counts, Map<EntityKind, Totals> directory,
            List<Map<String, Object>> problems) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("run", run);
        root.put("status", status.label());
        root.put("changes", counts.changes());
        Map<String, Object> byKind = new LinkedHashMap<>();
        for (EntityKind kind : EntityKind.values()) {
            RunCounts.Counts c = counts.get(kind);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("created", c.created());
            m.put("updated", c.updated());
            m.put("archived", c.archived());
            m.put("restored", c.restored());
            m.put("unchanged", c.unchanged());
            byKind.put(kind.label(), m);
        }
        root.put("counts", byKind);
        Map<String, Object> totals = new LinkedHashMap<>();
        for (EntityKind kind : DIRECTORY_KINDS) {
            Totals t = directory.getOrDefault(kind, new Totals(0, 0));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("active", t.active());
            m.put("archived", t.archived());
            totals.put(kind.label(), m);
        }
        root.put("directory", totals);
        root.put("problems", new ArrayList<>(problems));
        return JSON.writeValueAsString(root);
    }
}
