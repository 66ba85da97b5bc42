package io.rostersync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.rostersync.generator.GeneratorOptions;
import io.rostersync.generator.RosterGenerator;
import io.rostersync.oneroster.OneRosterReader;
import io.rostersync.oneroster.RosterSnapshot;
import io.rostersync.oneroster.User;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same district as another source sends it: every user under a new id, everything else as it was. */
class SourceSwitchTest {

    @TempDir
    Path work;

    @Test
    void everyUserIsRenamedWhereverThePackageNamesThem() throws Exception {
        Path zip = RosterGenerator.generate(GeneratorOptions.of(60).withSeed(5), work.resolve("d.zip")).output();
        Path switched = work.resolve("switched.zip");
        SourceSwitch.renameUsers(zip, switched);
        RosterSnapshot before = OneRosterReader.read(zip).snapshot();
        RosterSnapshot after = OneRosterReader.read(switched).snapshot();
        List<User> was;
        try (var users = before.users()) {
            was = users.toList();
        }
        List<User> is;
        try (var users = after.users()) {
            is = users.toList();
        }
        assertThat(is).hasSameSizeAs(was).isNotEmpty();
        for (int i = 0; i < was.size(); i++) {
            assertThat(is.get(i).sourcedId()).isEqualTo("n-" + was.get(i).sourcedId());
            assertThat(is.get(i).agentSourcedIds()).isEqualTo(was.get(i).agentSourcedIds().stream()
                    .map(id -> "n-" + id).toList());
            assertThat(is.get(i).givenName()).isEqualTo(was.get(i).givenName());
            assertThat(is.get(i).identifier()).isEqualTo(was.get(i).identifier());
        }
        Set<String> users = is.stream().map(User::sourcedId).collect(Collectors.toSet());
        try (var enrollments = after.enrollments()) {
            assertThat(enrollments.toList()).isNotEmpty().allMatch(e -> users.contains(e.userSourcedId()));
        }
        try (var classes = after.classes()) {
            assertThat(classes.count()).as("classes as they were").isPositive();
        }
    }
}
