package io.rostersync.oneroster;

/**
 * One finding about a package, as data: what (code, severity), where (file, 1-based line with the
 * header as line 1, column, record), and what to do (message, hint). A whole-file or whole-package
 * finding has no line; a package-level finding has no file.
 */
public record Problem(ProblemCode code, Severity severity, String file, Integer line, String column,
        String sourcedId, String message, String hint) {

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
