package io.rostersync.web.console;

import io.rostersync.sync.Reviews;
import java.util.List;

/**
 * A sync's question on the reviews page: the question, and its candidates as the page shows them
 * (a person or a classroom each: id, name, and what tells them apart).
 */
public record QuestionView(Reviews.Question question, List<Candidate> candidates) {

    public QuestionView {
        candidates = List.copyOf(candidates);
    }

    /** A directory record the source record could be. */
    public record Candidate(long id, String name, String detail, boolean managed, String href) {
    }

    public String kind() {
        return question.kind().label();
    }

    /** The candidate the answer chose, or null (none, or "create a new one"). */
    public Candidate chosen() {
        if (question.answer() == null || question.answer().linkTo() == null) {
            return null;
        }
        return candidates.stream().filter(c -> c.id() == question.answer().linkTo()).findFirst().orElse(null);
    }
}
