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

    @Test
    void planningIsASetDifferenceThatLeavesHandMadeLinks() {
        RecordOrigin row = new RecordOrigin(RosterFile.USERS, 4);
        List<GuardianLinks.Wanted> wanted = List.of(new GuardianLinks.Wanted("u-p1", "u-s1", "parent", row),
                new GuardianLinks.Wanted("u-p2", "u-s1", "guardian", row));
        List<GuardianLinks.Current> current = List.of(
                new GuardianLinks.Current(10, 20, "u-p1", "u-s1", "parent", true),
                new GuardianLinks.Current(11, 20, "u-p2", "u-s1", "relative", true),
                new GuardianLinks.Current(12, 20, "u-p3", "u-s1", "parent", true),
                new GuardianLinks.Current(13, 20, null, "u-s1", "relative", false));
        List<DirectoryChange> changes = new ArrayList<>();
        GuardianLinks.plan(wanted, current, changes);
        assertThat(changes).containsExactly(new DirectoryChange.GuardianLinkAdded("u-p2", "u-s1", "guardian", row),
                new DirectoryChange.GuardianLinkRemoved(12, 20));
    }
}
