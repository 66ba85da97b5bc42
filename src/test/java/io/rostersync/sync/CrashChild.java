package io.rostersync.sync;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The process that {@link SyncCrashIT} and {@link UndoCrashIT} kill: it runs one sync or one undo
 * against the database it is given and tells its parent, on stdout, which stage it has reached.
 *
 * <pre>
 * CrashChild JDBC_URL USER PASSWORD|- sync DISTRICT PACKAGE  ON_APPLY [GATE_STAGE]
 * CrashChild JDBC_URL USER PASSWORD|- undo DISTRICT RUN_ID   ON_APPLY
 * </pre>
 *
 * On the stage "apply" it prints {@value #APPLY} and then either sleeps until it is killed
 * ({@code ON_APPLY} = {@code sleep}) or goes on with the run ({@code continue}). With a
 * {@code GATE_STAGE}, it prints {@code REACHED <stage>} when the run reaches that stage and waits
 * for a line on stdin before it goes on, so that the parent can prepare the database first. It
 * prints {@value #FINISHED} if the run ends, which a test that kills it never expects.
 */
public final class CrashChild {

    static final String APPLY = "STAGE apply";
    static final String FINISHED = "FINISHED";

    private CrashChild() {
    }

    public static void main(String[] args) throws Exception {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(args[0]);
        dataSource.setUser(args[1]);
        if (!args[2].equals("-")) {
            dataSource.setPassword(args[2]);
        }
        String operation = args[3];
        String district = args[4];
        boolean sleepOnApply = switch (args[6]) {
            case "sleep" -> true;
            case "continue" -> false;
            default -> throw new IllegalArgumentException("ON_APPLY is sleep or continue: " + args[6]);
        };
        String gate = args.length > 7 ? args[7] : null;
        BufferedReader parent = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        Consumer<String> stage = name -> {
            if (name.equals(gate)) {
                say("REACHED " + name);
                try {
                    parent.readLine();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            if (name.equals("apply")) {
                say(APPLY);
                if (sleepOnApply) {
                    try {
                        Thread.sleep(Long.MAX_VALUE);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                }
            }
        };
        Syncs syncs = new Syncs(dataSource, io.rostersync.TestSecrets.BOX);
        RunReport report = switch (operation) {
            case "sync" -> syncs.sync(Syncs.Request.of(district, Path.of(args[5])).withStage(stage));
            case "undo" -> syncs.undo(district, Long.parseLong(args[5]), stage);
            default -> throw new IllegalArgumentException("the operation is sync or undo: " + operation);
        };
        say(FINISHED + " run " + report.run() + " " + report.status().label());
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
