package io.presencegrid.drills.faults;

import io.presencegrid.clienttools.token.PresenceTokens;
import io.presencegrid.drills.Figures;
import io.presencegrid.drills.ScriptRun;
import java.time.Duration;

/**
 * The {@code node-kill} drill: status updates from 40 users through the API while grid node 1 and then node 2
 * are SIGKILLed, then both restarted. Promises: no failed request (the API rides out topology
 * changes), no acknowledged update lost, every event delivered in version order without a gap,
 * and {@code idle_verify} clean once the nodes are back.
 */
public final class NodeKillDrill {

    private static final int USERS = 40;
    private static final double UPDATES_PER_USER_PER_SECOND = 4;

    public static void main(String[] args) throws Exception {
        String apiBase = args.length > 0 ? args[0] : "http://127.0.0.1:8080";
        LocalCluster cluster = new LocalCluster();
        long[] restartMillis = new long[1];
        boolean[] rebalanced = new boolean[1];
        UpdatesUnderFault.Report report = UpdatesUnderFault.run(apiBase, PresenceTokens.fromEnvironment(), "nk-user", USERS,
                UPDATES_PER_USER_PER_SECOND, () -> {
                    Thread.sleep(10_000);
                    step("SIGKILL grid node 1", cluster.cluster("node", "kill", "1"));
                    Thread.sleep(20_000);
                    step("SIGKILL grid node 2", cluster.cluster("node", "kill", "2"));
                    Thread.sleep(20_000);
                    long restarting = System.nanoTime();
                    step("start grid node 1", cluster.cluster("node", "start", "1"));
                    step("start grid node 2", cluster.cluster("node", "start", "2"));
                    rebalanced[0] = cluster.awaitRebalanced(Duration.ofMinutes(3));
                    restartMillis[0] = (System.nanoTime() - restarting) / 1_000_000;
                    Thread.sleep(10_000);
                });
        // idle_verify compares copies, so only once every copy is OWNING again.
        String idleVerify = !cluster.awaitRebalanced(Duration.ofMinutes(1)) ? "not-run" : cluster.idleVerify();
        boolean idleVerifyClean = idleVerify.equals("clean");
        Figures figures = report.addTo(new Figures("node-kill"))
                .put("restart_and_rebalance_s", restartMillis[0] / 1000).put("rebalanced", rebalanced[0])
                .put("idle_verify", idleVerify);
        boolean passed = report.kept() && rebalanced[0] && idleVerifyClean;
        System.out.println(figures.line(passed));
        System.exit(passed ? 0 : 1);
    }

    static void step(String what, ScriptRun run) {
        System.err.printf("%tT %s: %s%n", System.currentTimeMillis(), what, run.ok() ? "done" : "FAILED (" + run.status() + ")");
        if (!run.ok()) {
            System.err.println(run.output());
            throw new IllegalStateException(what + " failed");
        }
    }
}
