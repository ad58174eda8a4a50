package io.presencegrid.drills.partition;

import io.presencegrid.drills.IdleVerify;
import io.presencegrid.drills.ScriptRun;
import io.presencegrid.drills.Figures;
import io.presencegrid.topology.ServerNodeSettings;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.apache.ignite.Ignition;
import org.apache.ignite.client.IgniteClient;
import org.apache.ignite.configuration.ClientConfiguration;

/**
 * The {@code partition} drill: grid node 2 is cut off from nodes 0 and 1 (its bridge port goes down, see
 * scripts/netns-grid.sh) while one thin client writes presence through the majority and another
 * through node 2 alone. Promises: the majority evicts node 2 and keeps acknowledging writes; node 2
 * acknowledges nothing the majority lacks (no split brain); node 2, restarted once the network is
 * healed, rejoins and {@code idle_verify} finds no conflicts.
 *
 * <p>With Ignite's defaults node 2 does not stop: it declares both others failed and, holding a copy
 * of every partition (two backups), serves writes alone. The servers' minority guard
 * (io.presencegrid.topology.MinorityHalt, docs/reliability.md) halts it before it acts on the second
 * failure; the figures line names the write quorum and recovery time the grid ran with.
 *
 * <p>Usage: {@code PartitionDrill MAJORITY_THIN_ADDRESSES MINORITY_THIN_ADDRESS}, run by
 * scripts/drill.sh partition in the root namespace, which reaches every node over its client link.
 */
public final class PartitionDrill {

    private static final int CUT_NODE = 2;
    private static final long WARM_UP_MILLIS = 8_000;
    /** How long the majority keeps writing once node 2 is out, before the network heals. */
    private static final long SERVING_AFTER_EVICTION_MILLIS = 10_000;
    private static final long EVICTION_BOUND_MILLIS = 60_000;
    private static final long REJOIN_BOUND_MILLIS = 180_000;

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: PartitionDrill MAJORITY_THIN_ADDRESSES MINORITY_THIN_ADDRESS");
            System.exit(2);
        }
        NamespacedGrid grid = new NamespacedGrid();
        Figures figures = new Figures("partition");
        boolean passed;
        // The majority client waits out the eviction (writes stall until node 2 is out); the
        // minority one gives up after 5 s, so the drill sees how each write on that side ended.
        try (IgniteClient majority = connect(args[0], 30_000); IgniteClient minority = connect(args[1], 5_000)) {
            passed = run(grid, new MajorityView(majority),
                    new PresenceWriter("majority", majority, users("pt-majority-", 20), 50),
                    new PresenceWriter("minority", minority, users("pt-minority-", 10), 100), figures);
        }
        System.out.println(figures.line(passed));
        System.exit(passed ? 0 : 1);
    }

    private static boolean run(NamespacedGrid grid, MajorityView view, PresenceWriter majority, PresenceWriter minority,
                               Figures figures) throws InterruptedException {
        require(await(() -> view.servers() == 3, 60_000) >= 0, "the grid does not show 3 servers");
        Thread majorityThread = start(majority);
        Thread minorityThread = start(minority);
        Thread.sleep(WARM_UP_MILLIS);

        long cut = System.nanoTime();
        step("cut node 2 off", grid.netns("cut", String.valueOf(CUT_NODE)));
        long evictedMillis = await(() -> view.servers() == 2, EVICTION_BOUND_MILLIS);
        long evicted = System.nanoTime();
        long exitedMillis = sinceCut(cut, await(() -> grid.nodeProcess(CUT_NODE).isEmpty(), EVICTION_BOUND_MILLIS + 30_000));
        Thread.sleep(SERVING_AFTER_EVICTION_MILLIS);

        long heal = System.nanoTime();
        step("heal node 2's link", grid.netns("heal", String.valueOf(CUT_NODE)));
        // Two Ignite clusters never merge: a node 2 that carried on alone must be restarted to
        // rejoin, as an operator would (graceful stop, start).
        boolean stillRunning = grid.nodeProcess(CUT_NODE).isPresent();
        if (stillRunning) {
            step("stop node 2, which carried on alone", grid.netns("stop", String.valueOf(CUT_NODE)));
        }
        step("restart node 2", grid.netns("start", String.valueOf(CUT_NODE)));
        long rejoinMillis = await(() -> view.servers() == 3 && view.copiesNotOwning() == 0, REJOIN_BOUND_MILLIS);
        Thread.sleep(3_000);
        majority.stop();
        minority.stop();
        majorityThread.join(60_000);
        minorityThread.join(60_000);

        List<String> majorityLost = view.lost(majority.acknowledged());
        List<String> minorityLost = view.lost(minority.acknowledged());
        String idleVerify = IdleVerify.verdict(() -> grid.control(0, "--cache", "idle_verify"));
        String fate = minorityFate(grid.nodeLog(CUT_NODE), exitedMillis);
        long majorityAfterEviction = majority.acknowledgedBetween(evicted, heal);
        long minorityAfterEviction = minority.acknowledgedBetween(evicted, heal);
        // Read as the nodes read them, defaults included: the figures name the guards the grid ran with.
        ServerNodeSettings guards = ServerNodeSettings.fromEnvironment(CUT_NODE, System.getenv());
        figures.put("write_quorum", guards.writeQuorum())
                .put("connection_recovery_ms", guards.connectionRecoveryMillis())
                .put("evicted_after_s", seconds(evictedMillis))
                .put("minority_node", fate).put("minority_exit_after_s", seconds(exitedMillis))
                .put("majority_acked_during_cut", majority.acknowledgedBetween(cut, heal))
                .put("majority_acked_after_eviction", majorityAfterEviction)
                .put("majority_failed", majority.failed()).put("majority_slowest_ms", majority.slowestMillis())
                .put("minority_attempted_during_cut", minority.attemptedBetween(cut, heal))
                .put("minority_acked_during_cut", minority.acknowledgedBetween(cut, heal))
                .put("acked_lost", majorityLost.size() + minorityLost.size())
                .put("rejoin_s", seconds(rejoinMillis)).put("idle_verify", idleVerify);
        if (!majorityLost.isEmpty() || !minorityLost.isEmpty()) {
            System.err.println("acknowledged and lost: majority " + majorityLost + ", minority " + minorityLost);
        }
        return evictedMillis >= 0 && majorityAfterEviction > 0 && minorityAfterEviction == 0
                && majorityLost.isEmpty() && minorityLost.isEmpty() && rejoinMillis >= 0 && idleVerify.equals("clean");
    }

    private static IgniteClient connect(String addresses, int timeoutMillis) {
        // Only the given nodes: with discovery or partition awareness the client would learn node 2's
        // address and reach it over its client link, and the majority's writes would go to the minority.
        return Ignition.startClient(new ClientConfiguration().setAddresses(addresses.split(","))
                .setTimeout(timeoutMillis).setClusterDiscoveryEnabled(false).setPartitionAwarenessEnabled(false));
    }

    private static List<String> users(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + i).toList();
    }

    private static Thread start(PresenceWriter writer) {
        Thread thread = new Thread(writer, writer.side() + "-writer");
        thread.start();
        return thread;
    }

    /** Milliseconds until the condition held (polled every 200 ms), or -1 when it did not within the bound. */
    private static long await(BooleanSupplier condition, long boundMillis) throws InterruptedException {
        long started = System.nanoTime();
        while (!condition.getAsBoolean()) {
            if ((System.nanoTime() - started) / 1_000_000 > boundMillis) {
                return -1;
            }
            Thread.sleep(200);
        }
        return (System.nanoTime() - started) / 1_000_000;
    }

    /** Milliseconds from the cut to now, for a wait that succeeded; -1 stays -1. */
    private static long sinceCut(long cut, long awaited) {
        return awaited < 0 ? -1 : (System.nanoTime() - cut) / 1_000_000;
    }

    /** How node 2 ended its isolation, from its own log: the reason Ignite gave, or still running. */
    static String minorityFate(String log, long exitedMillis) {
        if (exitedMillis < 0) {
            return "still-running";
        }
        if (log.contains("Local node is in a minority of the baseline")) {
            return log.contains("JVM will be halted") ? "minority-halted" : "minority-stopped";
        }
        if (log.contains("Segmenting local node") || log.contains("Local node SEGMENTED")) {
            return log.contains("JVM will be halted") ? "segmented-halted" : "segmented-stopped";
        }
        return "exited-other";
    }

    private static String seconds(long millis) {
        return millis < 0 ? "never" : String.format(Locale.ROOT, "%.1f", millis / 1000.0);
    }

    private static void step(String what, ScriptRun run) {
        System.err.printf("%tT %s: %s%n", System.currentTimeMillis(), what, run.ok() ? "done" : "FAILED (" + run.status() + ")");
        if (!run.ok()) {
            System.err.println(run.output());
            throw new IllegalStateException(what + " failed");
        }
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalStateException(problem);
        }
    }
}
