package io.presencegrid.drills.faults;

import io.presencegrid.drills.IdleVerify;
import io.presencegrid.drills.ScriptRun;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The local cluster scripts/drill.sh started for this drill, driven through the operators' own
 * scripts (cluster.sh, control.sh, sqlline.sh) from the repo root, under the inherited PRESENCE_HOME:
 * the drill does to the cluster exactly what an operator would.
 */
final class LocalCluster {

    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(5);

    ScriptRun cluster(String... args) {
        return script("scripts/cluster.sh", args);
    }

    ScriptRun control(String... args) {
        return script("scripts/control.sh", args);
    }

    ScriptRun sql(String statement) {
        return script("scripts/sqlline.sh", "-e", statement);
    }

    /** Waits until no partition copy is MOVING, RENTING or LOST (SYS.PARTITION_STATES), or the deadline. */
    boolean awaitRebalanced(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            ScriptRun count = sql("SELECT COUNT(*) FROM SYS.PARTITION_STATES WHERE STATE IN ('MOVING', 'RENTING', 'LOST')");
            if (count.ok() && count.output().lines().anyMatch(line -> line.matches("\\| *0 *\\|"))) {
                return true;
            }
            Thread.sleep(2_000);
        }
        return false;
    }

    /** {@code clean}, {@code CONFLICTS} or {@code failed}: see {@link IdleVerify}. */
    String idleVerify() throws InterruptedException {
        return IdleVerify.verdict(() -> control("--cache", "idle_verify"));
    }

    private ScriptRun script(String script, String... args) {
        List<String> command = new ArrayList<>(List.of(script));
        command.addAll(List.of(args));
        return ScriptRun.of(command, SCRIPT_TIMEOUT);
    }
}
