package io.rostersync.sync.internal.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Schools link only through School IDs and classrooms only through links; a same-named record is a question. */
class CorrelatorSchoolsAndClassroomsTest {

    private final Correlator correlator = new Correlator(List.of(MatchRule.STUDENT_NUMBER, MatchRule.EMAIL));

    private static Lookup names(Candidate... candidates) {
        return (rule, value) -> rule == MatchRule.NAME ? List.of(candidates) : List.of();
    }

    @Test
    void aSchoolIdLinksTheSchool() {
        Correlation c = correlator.school("org-12", "Maple Valley High", OptionalLong.of(3), names());
        assertThat(c.situation()).isEqualTo(Situation.LINKED);
        assertThat(c.localId()).isEqualTo(3);
        assertThat(c.rule()).isEqualTo(MatchRule.SCHOOL_ID);
    }

    @Test
    void aSchoolOfTheSameNameWithoutSchoolIdsIsDisputedNotLinked() {
        Correlation c = correlator.school("org-12", "Maple Valley High",
                OptionalLong.empty(), names(Candidate.named(5, "Maple Valley  high", false)));
        assertThat(c.situation()).isEqualTo(Situation.DISPUTED);
        assertThat(c.candidates()).containsExactly(5L);
        assertThat(c.reason()).contains("link it, or confirm a new one");
    }

    @Test
    void aSchoolNamedLikeOneThatIsAlreadyLinkedIsNew() {
        Correlation c = correlator.school("org-13", "Maple Valley High",
                OptionalLong.empty(), names(Candidate.named(5, "Maple Valley High", true)));
        assertThat(c.situation()).isEqualTo(Situation.UNMATCHED);
    }

    @Test
    void classroomsLinkByTheirLinksOnly() {
        assertThat(correlator.classroom("Algebra I - P1", OptionalLong.of(40), names()).situation())
                .isEqualTo(Situation.LINKED);
        assertThat(correlator.classroom("Algebra I - P1", OptionalLong.empty(), names()).situation())
                .isEqualTo(Situation.UNMATCHED);
        Correlation twoAlike = correlator.classroom("Algebra I - P1", OptionalLong.empty(),
                names(Candidate.named(41, "Algebra I - P1", false), Candidate.named(42, "algebra i p1", false)));
        assertThat(twoAlike.situation()).isEqualTo(Situation.DISPUTED);
        assertThat(twoAlike.candidates()).containsExactly(41L, 42L);
    }
}
