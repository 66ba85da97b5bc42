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

/** The same district as another source sends it: every user and class under a new id, everything else as it was. */
class SourceSwitchTest {

    @TempDir
    Path work;

    @Test
    void everyUserAndClassIsRenamedWhereverThePackageNamesThem() throws Exception {
        Path zip = RosterGenerator.generate(GeneratorOptions.of(60).withSeed(5), work.resolve("d.zip")).output();
        Path switched = work.resolve("switched.zip");
        SourceSwitch.renameUsersAndClasses(zip, switched);
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
        assertThat(is).extracting(User::sourcedId).as("sorted by id, as a REST pull writes them").isSorted();
        java.util.Map<String, User> renamed = is.stream().collect(Collectors.toMap(User::sourcedId, u -> u));
        for (User old : was) {
            User now = renamed.get("n-" + old.sourcedId());
            assertThat(now).as(old.sourcedId()).isNotNull();
            assertThat(now.agentSourcedIds()).isEqualTo(old.agentSourcedIds().stream().map(id -> "n-" + id).toList());
            assertThat(now.givenName()).isEqualTo(old.givenName());
            assertThat(now.identifier()).isEqualTo(old.identifier());
        }
        Set<String> users = is.stream().map(User::sourcedId).collect(Collectors.toSet());
        Set<String> classes;
        try (var all = after.classes()) {
            classes = all.map(io.rostersync.oneroster.RosterClass::sourcedId).collect(Collectors.toSet());
        }
        try (var all = before.classes()) {
            assertThat(classes).as("every class under a new id").isEqualTo(all.map(k -> "n-" + k.sourcedId())
                    .collect(Collectors.toSet()));
        }
        try (var enrollments = after.enrollments()) {
            assertThat(enrollments.toList()).isNotEmpty().allMatch(e -> users.contains(e.userSourcedId())
                    && classes.contains(e.classSourcedId()));
        }
    }
}
