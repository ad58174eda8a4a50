package io.presencegrid.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Every measurement of issue 6 in one run against a running local cluster, a Markdown table of the
 * results, and as the last line the figures a script compares across runs. {@code scripts/bench.sh}
 * starts the cluster and calls this; see docs/capacity.md for what each figure means.
 */
public final class PresenceBench {

    private PresenceBench() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.parse(args, System.getenv("PRESENCE_JWT_SECRET"));
        ApiClient api = new ApiClient(options.baseUrl(), options.secret());
        List<ResultTable.Row> rows = new ArrayList<>();

        String figures;
        try (BenchClientNode grid = BenchClientNode.join(options.discovery())) {
            figures = run(options, api, grid, rows);
        }
        // After the client node has closed: Ignite logs its stop to stdout, and the figures line
        // must be the last one there.
        System.out.println();
        System.out.print(ResultTable.markdown(rows));
        System.out.println();
        System.out.println(figures);
        // The JDK HTTP client's selector threads are not daemons.
        System.exit(0);
    }

    /** Measures everything, adding a table row per figure; returns the one-line summary. */
    private static String run(BenchOptions options, ApiClient api, BenchClientNode grid, List<ResultTable.Row> rows) throws Exception {
        // Updates before the raw ceiling: on a freshly started grid the servers' JIT needs a minute of
        // load, and measured cold the raw ceiling came out at an eighth of its warm value.
        System.out.println("status updates over HTTP (90% heartbeats, 10% changes)");
        long walBefore = GridStorage.walWrittenBytes(grid.ignite());
        UpdateLoad.Result updates = new UpdateLoad(api, options.pick(5_000, 2_000)).run(32, options.pick(30, 20), options.pick(30, 15));
        double walPerUpdate = (GridStorage.walWrittenBytes(grid.ignite()) - walBefore) / (double) updates.sent();

        System.out.println("raw ceiling: client-node puts into a DEVICE_SESSION-shaped cache");
        RawPutCeiling.Result raw = RawPutCeiling.measure(grid.ignite(), Duration.ofSeconds(5), Duration.ofSeconds(options.pick(30, 10)), 32);
        rows.add(ResultTable.row("a. raw Ignite puts, 32 threads, DEVICE_SESSION's config",
                "%.0f puts/s, p50 %.1f / p99 %.1f ms (%d failed)".formatted(raw.putsPerSecond(), raw.p50Ms(), raw.p99Ms(), raw.failures()),
                "", true));
        Latencies half = Latencies.of(updates.halfRate().latencies());
        double ratio = updates.maxPerSecond() / raw.putsPerSecond();
        rows.add(ResultTable.row("b. max sustained updates", "%.0f/s (%d failed)".formatted(updates.maxPerSecond(), updates.maxFailed()),
                "ratio to a. >= 0.5: %.2f".formatted(ratio), ratio >= 0.5));
        rows.add(ResultTable.row("b. update latency at %.0f/s".formatted(updates.maxPerSecond() / 2),
                "p50 %.1f / p99 %.1f / p99.9 %.1f ms (%d failed, %d late)".formatted(half.p50(), half.p99(), half.p999(),
                        updates.halfRate().failed(), updates.halfRate().late()),
                "p99 <= 20 ms", half.p99() <= 20 && updates.halfRate().failed() == 0));
        rows.add(ResultTable.row("b. WAL written per update, all three copies (%,d updates)".formatted(updates.sent()),
                "%.0f bytes".formatted(walPerUpdate), "", true));

        System.out.println("notification latency through the WebSocket fan-out");
        double notifyRate = options.pick(100, 50);
        NotifyLatency.Result notify = new NotifyLatency(api, 1_000, 20, 1_000).run(notifyRate, options.pick(30, 15));
        Latencies events = Latencies.of(notify.latencies());
        rows.add(ResultTable.row("c. update to event, 1,000 sockets x 20 follows, %.0f changes/s".formatted(notifyRate),
                "p50 %.1f / p99 %.1f / p99.9 %.1f ms (%d of %d events)".formatted(events.p50(), events.p99(), events.p999(),
                        notify.received(), notify.expected()),
                "p99 <= 50 ms", events.p99() <= 50 && notify.received() == notify.expected()));

        System.out.println("idle sockets on one API node");
        SocketCapacity.Result sockets = new SocketCapacity(api, options.apiPid()).run(options.sockets());
        rows.add(ResultTable.row("d. idle subscriber sockets, one API node (%,d asked for)".formatted(options.sockets()),
                "%d open (API counts %.0f), %.0f heap bytes each, opened in %.0f s".formatted(sockets.opened(),
                        sockets.apiSocketsOpen(), sockets.heapBytesPerSocket(), sockets.openSeconds()),
                "20,000", sockets.opened() >= 20_000 && sockets.apiSocketsOpen() >= 20_000));

        System.out.println("grid memory per user");
        int memoryUsers = options.pick(1_000_000, 100_000);
        GridMemoryPerUser.Result memory = GridMemoryPerUser.measure(grid.ignite(), memoryUsers);
        rows.add(ResultTable.row("e. grid memory per online user, per copy (%,d users)".formatted(memoryUsers),
                "%.0f bytes (PRESENCE %.0f + DEVICE_SESSION %.0f)".formatted(memory.bytesPerUserCopy(),
                        memory.presenceBytesPerUserCopy(), memory.sessionBytesPerUserCopy()),
                "<= 300 bytes", memory.bytesPerUserCopy() <= 300));

        System.out.println("offline detection");
        OfflineDetection.Result offline = new OfflineDetection(api, options.pick(200, 100), options.ttlSeconds()).run(options.pick(10, 5));
        Latencies detection = Latencies.of(offline.sinceHeartbeat());
        double limitMs = options.ttlSeconds() * 1000.0 + 2000;
        rows.add(ResultTable.row("f. last heartbeat to `expired` event, TTL %d s".formatted(options.ttlSeconds()),
                "p50 %.0f / p99 %.0f ms (%d never came)".formatted(detection.p50(), detection.p99(), offline.missing()),
                "p99 <= TTL + 2 s", detection.p99() <= limitMs && offline.missing() == 0));

        return "updates_per_s=%.0f update_p99_ms=%.1f notify_p99_ms=%.1f ignite_put_per_s=%.0f ratio=%.2f".formatted(
                updates.maxPerSecond(), half.p99(), events.p99(), raw.putsPerSecond(), ratio);
    }
}
