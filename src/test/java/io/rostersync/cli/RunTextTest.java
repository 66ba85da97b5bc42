package io.rostersync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.rostersync.sync.RunReport;
import io.rostersync.sync.RunStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The first line of a run's text report names what the run was. */
class RunTextTest {

    private static String firstLine(String kind, String source) {
        RunReport report = new RunReport(4, kind, RunStatus.APPLIED, source, Instant.EPOCH, Instant.EPOCH, Map.of(),
                Map.of(), List.of(), 0, List.of(), 0, null, null, null);
        StringWriter text = new StringWriter();
        RunText.render(report, new PrintWriter(text));
        return text.toString().lines().findFirst().orElseThrow();
    }

    @Test
    void aSyncNamesItsFileAndAnUndoTheRunItUndid() {
        assertThat(firstLine("sync", "d1.zip")).isEqualTo("Run 4 (sync of d1.zip): applied");
        assertThat(firstLine("undo", "undo of run 2")).isEqualTo("Run 4 (undo of run 2): applied");
    }
}
