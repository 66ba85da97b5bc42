package io.rostersync.cli;

import io.rostersync.oneroster.FileSummary;
import io.rostersync.oneroster.Problem;
import io.rostersync.oneroster.ValidationReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The machine-readable report of {@code validate --format json}; its shape is a contract. */
final class ValidationJson {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private ValidationJson() {
    }

    static String render(ValidationReport report) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("version", report.version() == null ? null : report.version().label());
        List<Map<String, Object>> files = new ArrayList<>();
        for (FileSummary f : report.files()) {
            Map<String, Object> file = new LinkedHashMap<>();
            file.put("name", f.file().fileName());
            file.put("mode", f.mode().label());
            file.put("rows", f.rows());
            files.add(file);
        }
        root.put("files", files);
        root.put("errors", report.errors());
        root.put("warnings", report.warnings());
        List<Map<String, Object>> problems = new ArrayList<>();
        for (Problem p : report.problems()) {
            problems.add(p.fields());
        }
        root.put("problems", problems);
        return JSON.writeValueAsString(root);
    }
}
