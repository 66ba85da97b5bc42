package io.rostersync.oneroster;

/**
 * One finding about a package, as data: what (code, severity), where (file, 1-based line with the
 * header as line 1, column, record), and what to do (message, hint). A whole-file or whole-package
 * finding has no line; a package-level finding has no file.
 */
public record Problem(ProblemCode code, Severity severity, String file, Integer line, String column,
        String sourcedId, String message, String hint) {

    /** The problem's fields as reports print them in JSON, in their contracted order. */
    public java.util.Map<String, Object> fields() {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("code", code.name());
        m.put("severity", severity.label());
        m.put("file", file);
        m.put("line", line);
        m.put("column", column);
        m.put("sourcedId", sourcedId);
        m.put("message", message);
        m.put("hint", hint);
        return m;
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
