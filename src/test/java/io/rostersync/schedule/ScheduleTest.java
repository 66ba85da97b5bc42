package io.rostersync.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** When a drop is synced under each kind of schedule: the cases of {@code schedule/not-before.tsv}. */
class ScheduleTest {

    record Case(Schedule schedule, Instant receivedAt, Instant expected, String why) {

        @Override
        public String toString() {
            return why;
        }
    }

    static Stream<Case> cases() throws Exception {
        List<Case> cases = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                ScheduleTest.class.getResourceAsStream("/schedule/not-before.tsv"), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] c = line.split("\t");
                Schedule schedule = new Schedule(true, Schedule.Mode.valueOf(c[0].toUpperCase(Locale.ROOT)),
                        LocalTime.parse(c[1]), ZoneId.of(c[2]), c[3].equals("-") ? null : LocalDate.parse(c[3]));
                cases.add(new Case(schedule, Instant.parse(c[4]), Instant.parse(c[5]), c[6]));
            }
        }
        assertThat(cases).hasSizeGreaterThan(10);
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aDropIsSyncedWhenItsDistrictsScheduleSays(Case c) {
        assertThat(c.schedule().notBefore(c.receivedAt())).isEqualTo(c.expected());
    }

    @Test
    void aDistrictIsPausedUntilTheStartOfItsPausesLastDayInItsZone() {
        Schedule paused = new Schedule(true, Schedule.Mode.ON_ARRIVAL, LocalTime.of(2, 0),
                ZoneId.of("America/New_York"), LocalDate.of(2027, 8, 15));
        assertThat(paused.pausedAt(Instant.parse("2027-08-15T03:59:59Z"))).isTrue();
        assertThat(paused.pausedAt(Instant.parse("2027-08-15T04:00:00Z"))).isFalse();
        assertThat(Schedule.NEW_DISTRICT.pausedAt(Instant.parse("2027-08-15T04:00:00Z"))).isFalse();
    }
}
