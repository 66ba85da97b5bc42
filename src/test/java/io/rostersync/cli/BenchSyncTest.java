package io.rostersync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rostersync.generator.GenerationResult;
import io.rostersync.generator.GeneratorOptions;
import io.rostersync.generator.RosterGenerator;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parts of {@code bench sync} that are logic rather than measurement. */
class BenchSyncTest {

    @Test
    void readsThePeakResidentSetFromProcStatus() {
        List<String> status = List.of("Name:\tjava", "VmPeak:\t 9001234 kB", "VmHWM:\t  345678 kB",
                "VmRSS:\t  300000 kB");
        assertThat(BenchChildCommand.vmHwmKb(status)).isEqualTo(345_678);
        assertThat(BenchChildCommand.vmHwmKb(List.of("Name:\tjava"))).isEqualTo(-1);
        assertThatThrownBy(() -> BenchChildCommand.vmHwmKb(List.of("VmHWM:\t 12 MB")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theResultLineSurvivesTheEmbeddedServersLogLines() {
        Map<String, String> result = new LinkedHashMap<>();
        result.put("wallMs", "1234");
        result.put("stage.reading", "56");
        result.put("status", "applied_with_warnings");
        List<String> lines = List.of("17:00:01 INFO starting postmaster", BenchSyncChild.format(result),
                "17:00:09 INFO shut down postmaster");
        assertThat(BenchSyncChild.parse(lines)).containsExactlyEntriesOf(result);
        assertThatThrownBy(() -> BenchSyncChild.parse(List.of("no result here")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BenchSyncChild.format(Map.of("error", "two words")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void copyFieldsAreEscapedForTheTextFormat() throws Exception {
        StringWriter out = new StringWriter();
        BenchSyncChild.writeField(out, null);
        out.write('|');
        BenchSyncChild.writeField(out, "a\\b\tc\nd\re");
        out.write('|');
        BenchSyncChild.writeField(out, "Zoë O'Brien, \"Jr\"");
        assertThat(out.toString()).isEqualTo("\\N|a\\\\b\\tc\\nd\\re|Zoë O'Brien, \"Jr\"");
    }

    @Test
    void countingAReusedPackageGivesTheGeneratorsRowCounts(@TempDir Path tmp) throws Exception {
        Path zip = tmp.resolve("d.zip");
        GenerationResult generated = RosterGenerator.generate(GeneratorOptions.of(300).withDay(1), zip);
        assertThat(BenchSyncCommand.countRows(zip)).containsExactlyEntriesOf(generated.rows());
    }

    @Test
    void aRunIsWrongWhenAStepFailedOrTheReSyncChangedSomething() {
        BenchSyncCommand.Step first = step("applied_with_warnings", 100, null);
        BenchSyncCommand.Step again = step("no-change re-sync", "applied", 0, null);
        BenchSyncCommand.Step churn = step("applied", 12, null);
        assertThat(BenchSyncCommand.problems(List.of(first, again, churn))).isEmpty();
        assertThat(BenchSyncCommand.problems(List.of(first, step("no-change re-sync", "applied", 3, null), churn)))
                .containsExactly("no-change re-sync changed 3 records");
        assertThat(BenchSyncCommand.problems(List.of(first, again, step("held", 12, null))))
                .containsExactly("step was held, not applied");
        assertThat(BenchSyncCommand.problems(List.of(step(null, 0, "exit status 3"), again, churn)))
                .containsExactly("step failed: exit status 3");
    }

    private static BenchSyncCommand.Step step(String status, long changes, String failure) {
        return step("step", status, changes, failure);
    }

    private static BenchSyncCommand.Step step(String name, String status, long changes, String failure) {
        Map<String, String> figures = failure != null ? Map.of() : Map.of("status", status, "changes",
                Long.toString(changes));
        return new BenchSyncCommand.Step(name, Path.of("d.zip"), 10, figures, 1.0, 0, failure);
    }
}
