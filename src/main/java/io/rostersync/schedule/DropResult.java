package io.rostersync.schedule;

import io.rostersync.directory.EntityKind;
import io.rostersync.intake.Intakes;
import io.rostersync.intake.SftpPoller;
import io.rostersync.oneroster.Problem;
import io.rostersync.sync.RunReport;
import io.rostersync.sync.RunStatus;
import java.util.List;
import java.util.Locale;

/**
 * The short result of a drop that the district's own automation reads from {@code out/} on its SFTP
 * site: one {@code key: value} per line, the outcome first, then the run's counts and its first
 * problems with file, line and what to do.
 */
record DropResult(String name, String body) {

    private static final int PROBLEMS_SHOWN = 20;

    static DropResult of(Intakes.Intake drop, RunReport run) {
        String outcome = switch (run.status()) {
            case APPLIED -> "ok";
            case APPLIED_WITH_WARNINGS -> "warnings";
            case PREVIEW -> "previewed";
            case HELD -> "held";
            default -> "failed";
        };
        StringBuilder text = head(drop, outcome);
        text.append("run: ").append(run.run()).append(" (").append(run.status().label()).append(")\n");
        if (run.status() == RunStatus.PREVIEW) {
            text.append("note: the district's sync is not enabled yet; nothing was changed\n");
        }
        for (String reason : run.holdReasons()) {
            text.append("held: ").append(reason).append('\n');
        }
        if (run.error() != null) {
            text.append("error: the run failed; its report in Rostersync says why\n");
        }
        for (EntityKind kind : EntityKind.values()) {
            RunReport.Counts c = run.counts(kind);
            if (c.changes() + c.unchanged() > 0) {
                text.append(kind.name().toLowerCase(Locale.ROOT)).append(": ").append(c.created()).append(" created, ")
                        .append(c.updated()).append(" updated, ").append(c.archived()).append(" archived, ")
                        .append(c.restored()).append(" restored, ").append(c.unchanged()).append(" unchanged\n");
            }
        }
        List<Problem> problems = run.problems();
        long errors = problems.stream().filter(Problem::isError).count();
        text.append("errors: ").append(errors).append("\nwarnings: ").append(problems.size() - errors).append('\n');
        problems.stream().limit(PROBLEMS_SHOWN).forEach(p -> text.append("problem: ")
                .append(p.severity().name().toLowerCase(Locale.ROOT)).append(' ').append(p.code()).append(' ')
                .append(p.file() == null ? "" : p.file() + (p.line() == null ? "" : ":" + p.line())).append(" ")
                .append(p.message()).append(p.hint() == null ? "" : " (" + p.hint() + ")").append('\n'));
        if (problems.size() > PROBLEMS_SHOWN) {
            text.append("more: ").append(problems.size() - PROBLEMS_SHOWN)
                    .append(" more problems in the run's report\n");
        }
        return new DropResult(SftpPoller.resultName(drop, outcome), text.toString());
    }

    static DropResult failed(Intakes.Intake drop, String why) {
        return new DropResult(SftpPoller.resultName(drop, "failed"), head(drop, "failed").append("error: ").append(why)
                .append('\n').toString());
    }

    private static StringBuilder head(Intakes.Intake drop, String outcome) {
        return new StringBuilder("outcome: ").append(outcome).append("\ndrop: ").append(drop.id())
                .append("\nreceived: ").append(drop.receivedAt()).append("\nfiles: ")
                .append(String.join(", ", drop.files())).append("\nsha256: ").append(drop.sha256()).append('\n');
    }
}
