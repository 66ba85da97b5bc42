package io.rostersync.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.rostersync.oneroster.OneRosterVersion;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Day 1 is day 0 plus one school day of churn: leavers, arrivals, moves, schedule and name changes. */
class ChurnTest {

    private static final int N = 20_000;

    static GeneratorOptions day(int k) {
        return GeneratorOptions.of(N).withSeed(42).withDay(k);
    }

    /** Rows added, removed and changed (same sourcedId, other content) from a to b. */
    record Change(long rows, long added, long removed, long changed) {
        long total() {
            return added + removed + changed;
        }
    }

    static Map<String, Change> compare(RosterPackage a, RosterPackage b) {
        Map<String, Change> out = new HashMap<>();
        for (String file : a.tables.keySet()) {
            if (file.equals("manifest.csv")) {
                continue;
            }
            Map<String, List<String>> x = a.table(file).byId();
            Map<String, List<String>> y = b.table(file).byId();
            long added = y.keySet().stream().filter(k -> !x.containsKey(k)).count();
            long removed = x.keySet().stream().filter(k -> !y.containsKey(k)).count();
            long changed = x.entrySet().stream().filter(e -> y.containsKey(e.getKey()))
                    .filter(e -> !e.getValue().equals(y.get(e.getKey()))).count();
            out.put(file, new Change(x.size(), added, removed, changed));
        }
        return out;
    }

    @Test
    void oneDayChangesAboutTwoPercentOfTheRows() {
        RosterPackage d0 = GeneratorFixtures.read(day(0));
        RosterPackage d1 = GeneratorFixtures.read(day(1));
        Map<String, Change> changes = compare(d0, d1);
        long rows = changes.values().stream().mapToLong(Change::rows).sum();
        long total = changes.values().stream().mapToLong(Change::total).sum();
        changes.forEach((f, c) -> System.out.printf("churn day 0 -> 1: %-20s %8d rows %6d added %6d removed %6d changed (%.2f %%)%n",
                f, c.rows(), c.added(), c.removed(), c.changed(), 100.0 * c.total() / c.rows()));
        System.out.printf("churn day 0 -> 1: total %d of %d rows (%.2f %%)%n", total, rows, 100.0 * total / rows);
        assertThat(100.0 * total / rows).isBetween(1.5, 2.5);
        assertThat(changes.get("orgs.csv").total()).isZero();
        assertThat(changes.get("academicSessions.csv").total()).isZero();
        assertThat(changes.get("users.csv").total()).isPositive();
        assertThat(changes.get("enrollments.csv").total()).isPositive();
    }

    @Test
    void studentsLeaveArriveAndMove() {
        RosterPackage d0 = GeneratorFixtures.read(day(0));
        RosterPackage d1 = GeneratorFixtures.read(day(1));
        RosterPackage.Table u0 = d0.table("users.csv");
        RosterPackage.Table u1 = d1.table("users.csv");
        Map<String, List<String>> s0 = students(u0);
        Map<String, List<String>> s1 = students(u1);
        Set<String> left = new HashSet<>(s0.keySet());
        left.removeAll(s1.keySet());
        Set<String> arrived = new HashSet<>(s1.keySet());
        arrived.removeAll(s0.keySet());
        long moved = s0.keySet().stream().filter(s1::containsKey)
                .filter(id -> !u0.get(s0.get(id), "orgSourcedIds").equals(u1.get(s1.get(id), "orgSourcedIds"))).count();
        assertThat(left).as("leavers").isNotEmpty();
        assertThat(arrived).as("new students").isNotEmpty();
        assertThat(moved).as("students who changed school").isPositive();

        // New students come with guardians (both directions) and a full schedule.
        Map<String, List<String>> byId1 = u1.byId();
        Map<String, Integer> enrolled = new HashMap<>();
        RosterPackage.Table e1 = d1.table("enrollments.csv");
        e1.stream().forEach(r -> enrolled.merge(e1.get(r, "userSourcedId"), 1, Integer::sum));
        for (String id : arrived) {
            List<String> kid = s1.get(id);
            String agents = u1.get(kid, "agentSourcedIds");
            if (!agents.isEmpty()) {
                for (String g : agents.split(",")) {
                    assertThat(u1.get(byId1.get(g), "agentSourcedIds")).contains(id);
                }
            }
            assertThat(enrolled.getOrDefault(id, 0)).isBetween(6, 8);
        }
        assertThat(arrived).anyMatch(id -> !u1.get(s1.get(id), "agentSourcedIds").isEmpty());
        // Leavers' enrollments are gone.
        assertThat(e1.column("userSourcedId")).doesNotContainAnyElementsOf(left);
    }

    @Test
    void unchangedRecordsKeepTheirIdsAndExactRowText() throws IOException {
        RosterPackage d0 = GeneratorFixtures.read(day(0));
        RosterPackage d1 = GeneratorFixtures.read(day(1));
        for (String file : List.of("users.csv", "enrollments.csv", "classes.csv", "courses.csv", "orgs.csv")) {
            Map<String, String> a = d0.rawLines(file);
            Map<String, String> b = d1.rawLines(file);
            Map<String, List<String>> pa = d0.table(file).byId();
            Map<String, List<String>> pb = d1.table(file).byId();
            long same = 0;
            for (Map.Entry<String, String> e : a.entrySet()) {
                String other = b.get(e.getKey());
                if (other == null) {
                    continue;
                }
                if (pa.get(e.getKey()).equals(pb.get(e.getKey()))) {
                    assertThat(other).as("unchanged record, same bytes").isEqualTo(e.getValue());
                    same++;
                }
            }
            assertThat((double) same / a.size()).as(file).isGreaterThan(0.95);
        }
    }

    @Test
    void laterDaysBuildOnEarlierOnes() {
        // A student who left by day 1 stays away on day 2; an arrival on day 1 is still there on day 2
        // (unless it left again), with the same id.
        RosterPackage d1 = GeneratorFixtures.read(day(1));
        RosterPackage d2 = GeneratorFixtures.read(day(2));
        RosterPackage d0 = GeneratorFixtures.read(day(0));
        Set<String> s0 = students(d0.table("users.csv")).keySet();
        Set<String> s1 = students(d1.table("users.csv")).keySet();
        Set<String> s2 = students(d2.table("users.csv")).keySet();
        Set<String> left = new HashSet<>(s0);
        left.removeAll(s1);
        assertThat(s2).doesNotContainAnyElementsOf(left);
        Set<String> arrived = new HashSet<>(s1);
        arrived.removeAll(s0);
        long kept = arrived.stream().filter(s2::contains).count();
        assertThat(kept).isGreaterThanOrEqualTo(arrived.size() - 2L);
        assertThat(100.0 * compare(d1, d2).values().stream().mapToLong(Change::total).sum()
                / compare(d1, d2).values().stream().mapToLong(Change::rows).sum()).isBetween(1.5, 2.5);
    }

    @Test
    void churnAlsoWorksForOneRoster12() {
        RosterPackage d0 = GeneratorFixtures.read(GeneratorOptions.of(3000).withVersion(OneRosterVersion.V1_2).withDay(0));
        RosterPackage d1 = GeneratorFixtures.read(GeneratorOptions.of(3000).withVersion(OneRosterVersion.V1_2).withDay(3));
        Map<String, Change> changes = compare(d0, d1);
        assertThat(changes.get("roles.csv").total()).isPositive();
        assertThat(changes.get("enrollments.csv").total()).isPositive();
    }

    private static Map<String, List<String>> students(RosterPackage.Table users) {
        Map<String, List<String>> m = new HashMap<>();
        users.stream().filter(r -> users.get(r, "role").equals("student")).forEach(r -> m.put(r.get(0), r));
        return m;
    }
}
