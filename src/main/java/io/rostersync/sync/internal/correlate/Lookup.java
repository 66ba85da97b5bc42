package io.rostersync.sync.internal.correlate;

import java.util.List;

/** The directory's answer to "who has this value under this rule" (the engine asks the database). */
@FunctionalInterface
public interface Lookup {

    List<Candidate> find(MatchRule rule, String value);
}
