package io.rostersync.generator;

/**
 * A defect the generator injected with {@code --messy}: the file, the 1-based physical line (header =
 * line 1), or null for a whole-file finding, and the {@link io.rostersync.oneroster.ProblemCode} name
 * the validator must report for it.
 */
public record ExpectedProblem(String file, Integer line, String code) {
}
