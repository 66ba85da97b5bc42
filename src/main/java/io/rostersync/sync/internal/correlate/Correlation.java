package io.rostersync.sync.internal.correlate;

import java.util.List;

/**
 * The outcome for one source record: its situation, the directory record it is (for LINKED and
 * UNLINKED), the rule that decided, the candidates an admin chooses among (for DISPUTED), and why,
 * in words for the review list.
 */
public record Correlation(Situation situation, long localId, MatchRule rule, List<Long> candidates, String reason) {

    public static Correlation linked(long localId) {
        return new Correlation(Situation.LINKED, localId, MatchRule.SOURCE_LINK, List.of(), "linked");
    }

    public static Correlation unlinked(long localId, MatchRule rule, String reason) {
        return new Correlation(Situation.UNLINKED, localId, rule, List.of(), reason);
    }

    public static Correlation unmatched() {
        return new Correlation(Situation.UNMATCHED, 0, null, List.of(), "no directory record matches");
    }

    public static Correlation disputed(MatchRule rule, List<Long> candidates, String reason) {
        return new Correlation(Situation.DISPUTED, 0, rule, List.copyOf(candidates), reason);
    }
}
