package io.rostersync.sync.internal.plan;

import io.rostersync.directory.DirectoryChange;
import static org.assertj.core.api.Assertions.assertThat;

import com.carrotsearch.hppc.LongObjectHashMap;
import io.rostersync.oneroster.OneRosterReader;
import io.rostersync.oneroster.RecordOrigin;
import io.rostersync.oneroster.RosterFile;
import io.rostersync.oneroster.RosterSnapshot;
import io.rostersync.settings.SyncSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuardianLinksTest {

    @TempDir
    Path dir;

    private RosterSnapshot v11(String... extraUsers) throws Exception {
        Path target = dir.resolve("v1.1");
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/oneroster/bases/v1.1"))) {
            for (Path p : files.toList()) {
                Files.copy(p, target.resolve(p.getFileName()));
            }
        }
        for (String row : extraUsers) {
            Files.writeString(target.resolve("users.csv"), row + "\n", java.nio.file.StandardOpenOption.APPEND);
        }
        return OneRosterReader.read(target).snapshot();
    }

    @Test
    void linksSentInBothDirectionsBecomeOneLinkEach() throws Exception {
        assertThat(links(v11())).extracting(GuardianLinks.Wanted::guardianSourcedId,
                GuardianLinks.Wanted::studentSourcedId, GuardianLinks.Wanted::relationship).containsExactly(
                org.assertj.core.groups.Tuple.tuple("u-p1", "u-s1", "parent"),
                org.assertj.core.groups.Tuple.tuple("u-p1", "u-s2", "parent"));
    }

    @Test
    void aTeacherWhoIsAlsoAParentIsLinkedToHerChildThroughHerParentRow() throws Exception {
        String parentRow = "u-p9,,,true,s2,parent,mrivera-parent,,María,Rivera,,,mrivera@maplevalley.example.org,,,u-s2,,";
        assertThat(links(v11(parentRow))).extracting(GuardianLinks.Wanted::guardianSourcedId,
                GuardianLinks.Wanted::studentSourcedId, GuardianLinks.Wanted::relationship)
                .contains(org.assertj.core.groups.Tuple.tuple("u-p9", "u-s2", "parent"));
    }

    private static List<GuardianLinks.Wanted> links(RosterSnapshot snapshot) {
        LongObjectHashMap<GuardianLinks.Synced> synced = new LongObjectHashMap<>();
        new DesiredPeople(SyncSettings.defaults(), org -> org.equals("s1") ? OptionalLong.of(1)
                : org.equals("s2") ? OptionalLong.of(2) : OptionalLong.empty(), "d1"::equals)
                .build(snapshot, p -> {
                    synced.put(Ids.hash(p.sourcedId()), GuardianLinks.Synced.of(p));
                    p.alsoSourcedIds().forEach(id -> synced.put(Ids.hash(id), GuardianLinks.Synced.of(p)));
                }, s -> { });
        List<GuardianLinks.Wanted> links = new ArrayList<>();
        GuardianLinks.wanted(snapshot, synced, links::add);
        return links;
    }

    private static final RecordOrigin ROW = new RecordOrigin(RosterFile.USERS, 4);

    private final List<DirectoryChange> additions = new ArrayList<>();
    private final List<DirectoryChange> removals = new ArrayList<>();

    @Test
    void planningIsASetDifferenceThatLeavesHandMadeLinks() {
        // guardians 10, 11 and 12 of student 20 are linked by the sync; 13 was linked by hand
        List<GuardianLinks.WantedLink> wanted = List.of(new GuardianLinks.WantedLink(10, 20, "parent", ROW),
                new GuardianLinks.WantedLink(11, 20, "guardian", ROW),
                new GuardianLinks.WantedLink(14, 20, "relative", ROW));
        List<GuardianLinks.CurrentLink> current = List.of(
                new GuardianLinks.CurrentLink(10, 20, "parent", true),
                new GuardianLinks.CurrentLink(11, 20, "relative", true),
                new GuardianLinks.CurrentLink(12, 20, "parent", true),
                new GuardianLinks.CurrentLink(13, 20, "relative", false));
        long unchanged = GuardianLinks.plan(wanted, current, additions::add, removals::add);
        assertThat(additions).containsExactly(
                new DirectoryChange.GuardianLinkAdded(11, 20, "guardian", "relative", ROW),
                new DirectoryChange.GuardianLinkAdded(14, 20, "relative", null, ROW));
        assertThat(removals).as("the hand-made link 13 stays")
                .containsExactly(new DirectoryChange.GuardianLinkRemoved(12, 20, "parent"));
        assertThat(unchanged).isEqualTo(1);
    }

    @Test
    void aChangedRelationshipIsAnAdditionThatKeepsTheRelationshipItHad() {
        long unchanged = GuardianLinks.plan(List.of(new GuardianLinks.WantedLink(10, 20, "guardian", ROW),
                new GuardianLinks.WantedLink(11, 20, "guardian", ROW)),
                List.of(new GuardianLinks.CurrentLink(10, 20, "parent", true),
                        new GuardianLinks.CurrentLink(11, 20, "parent", false)), additions::add, removals::add);
        assertThat(additions).as("a link someone made by hand keeps its relationship")
                .containsExactly(new DirectoryChange.GuardianLinkAdded(10, 20, "guardian", "parent", ROW));
        assertThat(removals).isEmpty();
        assertThat(unchanged).isEqualTo(1);
    }

    @Test
    void aSecondPlanOfTheSameLinksChangesNothingAndCountsThemUnchanged() {
        List<GuardianLinks.WantedLink> wanted = List.of(new GuardianLinks.WantedLink(10, 20, "parent", ROW),
                new GuardianLinks.WantedLink(10, 20, "parent", ROW),
                new GuardianLinks.WantedLink(10, 21, "parent", ROW),
                new GuardianLinks.WantedLink(13, 20, "relative", ROW));
        List<GuardianLinks.CurrentLink> current = List.of(new GuardianLinks.CurrentLink(10, 20, "parent", true),
                new GuardianLinks.CurrentLink(10, 21, "parent", true),
                new GuardianLinks.CurrentLink(13, 20, "relative", false));
        assertThat(GuardianLinks.plan(wanted, current, additions::add, removals::add))
                .as("a link sent twice is one; a hand-made link the feed has counts").isEqualTo(3);
        assertThat(additions).isEmpty();
        assertThat(removals).isEmpty();
    }
}
