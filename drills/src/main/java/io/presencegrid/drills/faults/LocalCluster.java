package io.presencegrid.drills.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The local cluster scripts/drill.sh started for this drill, driven through the operators' own
 * scripts (cluster.sh, control.sh, sqlline.sh) from the repo root, under the inherited PRESENCE_HOME:
 * the drill does to the cluster exactly what an operator would.
 */
final class LocalCluster {

    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(5);

    /** What a script printed (stdout and stderr together) and how it ended. */
    record Run(int status, String output) {
        boolean ok() {
            return status == 0;
        }
    }

    Run cluster(String... args) {
        return script("scripts/cluster.sh", args);
    }

    Run control(String... args) {
        return script("scripts/control.sh", args);
    }

    Run sql(String statement) {
        return script("scripts/sqlline.sh", "-e", statement);
    }

    /** Waits until no partition copy is MOVING, RENTING or LOST (SYS.PARTITION_STATES), or the deadline. */
    boolean awaitRebalanced(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Run count = sql("SELECT COUNT(*) FROM SYS.PARTITION_STATES WHERE STATE IN ('MOVING', 'RENTING', 'LOST')");
            if (count.ok() && count.output().lines().anyMatch(line -> line.matches("\\| *0 *\\|"))) {
                return true;
            }
            Thread.sleep(2_000);
        }
        return false;
    }

    /**
     * {@code control.sh --cache idle_verify}: true when it reports no conflicts. Its output is
     * echoed to stderr for the record.
     */
    boolean idleVerifyClean() {
        Run verify = control("--cache", "idle_verify");
        System.err.println(verify.output());
        return verify.ok() && verify.output().contains("no conflicts have been found");
    }

    private Run script(String script, String... args) {
        List<String> command = new ArrayList<>(List.of(script));
        command.addAll(List.of(args));
        try {
            Path log = Files.createTempFile("drill-script", ".log");
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
                if (!process.waitFor(SCRIPT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    return new Run(124, String.join(" ", command) + ": timed out after " + SCRIPT_TIMEOUT);
                }
                return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            return new Run(127, String.join(" ", command) + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Run(130, String.join(" ", command) + ": interrupted");
        }
    }
}
