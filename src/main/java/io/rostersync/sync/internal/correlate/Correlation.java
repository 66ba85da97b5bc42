package io.rostersync.sync.internal.correlate;

import java.util.List;

/**
 * The outcome for one source record: its situation, the directory record it is (for LINKED and
 * UNLINKED), the rule that decided, the candidates an admin chooses among (for DISPUTED), and why,
 * in words for the review list.
 */
public record Correlation(Situation situation, long localId, MatchRule rule, List<Long> candidates, String reason,
        boolean movesLink) {

    public Correlation(Situation situation, long localId, MatchRule rule, List<Long> candidates, String reason) {
        this(situation, localId, rule, candidates, reason, false);
    }

    /**
     * Unlinked, and the person's link to a record no longer sent moves to this one: the old link is taken
     * away, so that the old id, if the SIS ever gives it to someone else, is not this person.
     */
    public static Correlation relinked(long localId, MatchRule rule, String reason) {
        return new Correlation(Situation.UNLINKED, localId, rule, List.of(), reason, true);
    }

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
