package io.rostersync.sync.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.rostersync.directory.DirectoryChange;
import io.rostersync.directory.EntityKind;
import io.rostersync.directory.FieldChange;
import io.rostersync.directory.RecordState;
import io.rostersync.oneroster.RecordOrigin;
import io.rostersync.oneroster.RosterFile;
import io.rostersync.sync.RunStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The JSON report's exact shape, and how changes count. */
class RunReportJsonTest {

    private static final RecordOrigin ROW = new RecordOrigin(RosterFile.USERS, 2);

    @Test
    void countsEveryKindAndHasExactlyTheContractedShape() {
        RunCounts counts = new RunCounts();
        counts.add(new DirectoryChange.Create(EntityKind.STUDENTS, 101, "u-1", Map.of("given_name", "A"), ROW));
        counts.add(new DirectoryChange.Create(EntityKind.STUDENTS, 102, "u-2", Map.of("given_name", "B"), ROW));
        counts.add(new DirectoryChange.Update(EntityKind.STAFF, 4, "u-4", List.of(new FieldChange("email", null, "x@y")),
                ROW));
        counts.add(new DirectoryChange.Archive(EntityKind.CLASSROOMS, 9, RecordState.ACTIVE, null, "left the feed"));
        counts.add(new DirectoryChange.Restore(EntityKind.GUARDIANS, 5, RecordState.ARCHIVED, null, ROW));
        counts.add(new DirectoryChange.MemberAdded(9, 101, "student", false, null, ROW));
        counts.add(new DirectoryChange.MemberAdded(9, 4, "teacher", true, false, ROW));
        counts.add(new DirectoryChange.MemberRemoved(9, 4, "aide", false, null));
        counts.add(new DirectoryChange.MarkPendingRemoval(EntityKind.STUDENTS, 3, java.time.Instant.EPOCH));
        counts.add(new DirectoryChange.GuardianLinkAdded(5, 101, "parent", null, ROW));
        counts.unchanged(EntityKind.STUDENTS, 10);
        String json = RunReportJson.render(12, RunStatus.APPLIED_WITH_WARNINGS, counts,
                Map.of(EntityKind.STUDENTS, new RunReportJson.Totals(11, 1)), List.of(Map.of("code", "FIELD_REQUIRED")));
        JsonNode root = JsonMapper.builder().build().readTree(json);
        assertThat(root.propertyNames()).containsExactly("run", "status", "changes", "counts", "directory", "problems");
        assertThat(root.get("run").asLong()).isEqualTo(12);
        assertThat(root.get("status").asString()).isEqualTo("applied_with_warnings");
        assertThat(root.get("changes").asLong()).isEqualTo(8);
        assertThat(root.get("counts").propertyNames()).containsExactly("students", "guardians", "staff", "classrooms",
                "enrollments", "schools");
        assertThat(root.get("counts").get("students").propertyNames()).containsExactly("created", "updated",
                "archived", "restored", "unchanged");
        assertThat(root.get("counts").get("students").get("created").asLong()).isEqualTo(2);
        assertThat(root.get("counts").get("students").get("unchanged").asLong()).isEqualTo(10);
        assertThat(root.get("counts").get("enrollments").get("created").asLong()).isEqualTo(1);
        assertThat(root.get("counts").get("enrollments").get("updated").asLong())
                .as("a primary flag that changed is an update of the enrollment").isEqualTo(1);
        assertThat(root.get("counts").get("enrollments").get("archived").asLong()).isEqualTo(1);
        assertThat(root.get("counts").get("guardians").get("created").asLong())
                .as("a guardian link is not a guardian").isZero();
        assertThat(root.get("counts").get("guardians").get("restored").asLong()).isEqualTo(1);
        assertThat(root.get("counts").get("staff").get("updated").asLong()).isEqualTo(1);
        assertThat(root.get("counts").get("classrooms").get("archived").asLong()).isEqualTo(1);
        assertThat(root.get("counts").get("students").get("archived").asLong())
                .as("a pending removal is not archived yet").isZero();
        assertThat(root.get("directory").propertyNames()).containsExactly("students", "guardians", "staff",
                "classrooms");
        assertThat(root.get("directory").get("students").get("active").asLong()).isEqualTo(11);
        assertThat(root.get("problems").get(0).get("code").asString()).isEqualTo("FIELD_REQUIRED");
    }

    @Test
    void aSecondSyncOfTheSameFilesReportsNoChange() {
        RunCounts counts = new RunCounts();
        counts.unchanged(EntityKind.STUDENTS, 1_000);
        counts.unchanged(EntityKind.ENROLLMENTS, 7_000);
        assertThat(counts.changes()).isZero();
    }
}
