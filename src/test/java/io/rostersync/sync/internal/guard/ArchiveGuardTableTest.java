package io.rostersync.sync.internal.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.rostersync.directory.EntityKind;
import io.rostersync.settings.SyncSettings;
import io.rostersync.settings.Threshold;
import io.rostersync.settings.ThresholdOverride;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs src/test/resources/sync/archive-guard.psv: one row a case, with its note. */
class ArchiveGuardTableTest {

    record Row(String name, int errors, List<String> incomplete, Map<EntityKind, ArchiveGuard.KindCounts> counts,
            SyncSettings settings, boolean override, String expected, String note) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Row> rows() throws IOException {
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("src/test/resources/sync/archive-guard.psv"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] c = Arrays.stream(line.split("\\|")).map(String::strip).toArray(String[]::new);
            Map<EntityKind, ArchiveGuard.KindCounts> counts = new EnumMap<>(EntityKind.class);
            for (String kv : c[3].split(",")) {
                String[] k = kv.split("=");
                String[] n = k[1].split("/");
                counts.put(EntityKind.valueOf(k[0]), new ArchiveGuard.KindCounts(Long.parseLong(n[0]),
                        Long.parseLong(n[1])));
            }
            SyncSettings settings = SyncSettings.defaults();
            if (!c[4].equals("-")) {
                for (String kv : c[4].split(",")) {
                    String[] k = kv.split("=");
                    String[] n = k[1].split("/");
                    settings = settings.withThreshold(EntityKind.valueOf(k[0]),
                            new Threshold(Double.parseDouble(n[0]), Integer.parseInt(n[1])));
                }
            }
            List<String> incomplete = c[2].equals("-") ? List.of() : List.of(c[2].split(","));
            rows.add(new Row(c[0], Integer.parseInt(c[1]), incomplete, counts, settings, c[5].equals("yes"), c[6],
                    c[7]));
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void decides(Row row) {
        Optional<ThresholdOverride> override = row.override()
                ? Optional.of(new ThresholdOverride("end of year clean-up", "admin@district", Instant.EPOCH))
                : Optional.empty();
        ArchiveGuard.Decision d = ArchiveGuard.check(row.errors(), row.incomplete(), row.counts(), row.settings(),
                override);
        assertThat(render(d)).as(row.note()).isEqualTo(row.expected());
        d.reasons().forEach(r -> assertThat(r.describe()).isNotBlank());
    }

    private static String render(ArchiveGuard.Decision d) {
        StringBuilder b = new StringBuilder(d.held() ? "HOLD" : "GO");
        for (HoldReason r : d.reasons()) {
            b.append(' ').append(r instanceof HoldReason.ReaderErrors ? "ERRORS"
                    : r instanceof HoldReason.IncompleteFile ? "INCOMPLETE"
                    : ((HoldReason.ThresholdCrossed) r).kind().name());
        }
        if (d.overrideUsed()) {
            b.append(" +OVERRIDE");
        }
        return b.toString();
    }
}
