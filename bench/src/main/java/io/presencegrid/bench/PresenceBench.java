package io.presencegrid.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every measurement of the benchmark in one run against a running local cluster, a Markdown table of
 * the results, and as the last line the figures a script compares across runs ({@link Figures}).
 * {@code scripts/bench.sh} starts the cluster and calls this; see docs/capacity.md for what each
 * figure means.
 */
public final class PresenceBench {

    private static final int THREADS = 32;

    private final BenchOptions options;
    private final ApiClient api;
    private final BenchClientNode grid;
    private final CpuMeter serversAndClient;
    private final CpuMeter serversAndApi;
    private final ApiNodeProbe apiNode;
    private final List<ResultTable.Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private PresenceBench(BenchOptions options, ApiClient api, BenchClientNode grid) {
        this.options = options;
        this.api = api;
        this.grid = grid;
        Map<String, Long> servers = new LinkedHashMap<>();
        for (int i = 0; i < options.serverPids().size(); i++) {
            servers.put("node-" + i, options.serverPids().get(i));
        }
        CpuMeter serverCpu = new CpuMeter(servers, ProcessCpu.clockTicksPerSecond());
        this.serversAndClient = serverCpu.with("client", ProcessHandle.current().pid());
        this.serversAndApi = serverCpu.with("API", options.apiPid());
        this.apiNode = new ApiNodeProbe(api, options.apiPid());
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.parse(args, System.getenv("PRESENCE_JWT_SECRET"));
        ApiClient api = new ApiClient(options.baseUrl(), options.secret());
        PresenceBench bench;
        Figures figures;
        try (BenchClientNode grid = BenchClientNode.join(options.discovery())) {
            bench = new PresenceBench(options, api, grid);
            figures = bench.run();
        }
        // After the client node has closed: Ignite logs its stop to stdout, and the figures line
        // must be the last one there.
        System.out.println();
        System.out.print(ResultTable.markdown(bench.rows, bench.notes));
        System.out.println();
        System.out.println(figures.line());
        // The JDK HTTP client's selector threads are not daemons.
        System.exit(0);
    }

    /**
     * The order is for the JIT and for isolation: the fair ceiling warms itself up and brackets the HTTP
     * phases, so a grid still settling shows as a gap between its two runs; the device sockets come
     * last, because ending thousands of sessions at once would disturb anything after them.
     */
    private Figures run() throws Exception {
        System.out.println("fair ceiling, before the HTTP phases");
        PutLoop.Measured ceilingBefore = fairCeiling();
        System.out.println("status updates over HTTP (90% heartbeats, 10% changes)");
        long walBefore = GridStorage.walWrittenBytes(grid.ignite());
        UpdateLoad.Result updates = new UpdateLoad(api, options.pick(5_000, 2_000))
                .run(THREADS, options.pick(30, 20), options.pick(30, 15), serversAndApi);
        double walPerUpdate = (GridStorage.walWrittenBytes(grid.ignite()) - walBefore) / (double) updates.sent();
        System.out.println("heartbeats over HTTP");
        HeartbeatLoad.Result heartbeats = new HeartbeatLoad(api, options.pick(5_000, 2_000))
                .run(THREADS, options.pick(10, 5), options.pick(30, 10), serversAndApi);
        System.out.println("fair ceiling, after the HTTP phases");
        CeilingRuns ceiling = new CeilingRuns(ceilingBefore, fairCeiling());
        if (ceiling.drifted()) {
            System.out.println(ceiling.warning());
            notes.add("**" + ceiling.warning() + ".**");
        }
        System.out.println("the design's own tax: puts into a copy of DEVICE_SESSION's configuration");
        PutLoop.Measured tax = SessionCachePuts.measure(grid.ignite(), Duration.ofSeconds(5), Duration.ofSeconds(options.pick(30, 10)),
                THREADS, serversAndClient);
        ResultRows.ceiling(rows, ceiling, options.pick(30, 10), tax);
        ResultRows.updates(rows, updates, walPerUpdate, ceiling);
        ResultRows.heartbeats(rows, heartbeats, options.pick(5_000, 2_000), ceiling);

        System.out.println("notification latency through the WebSocket fan-out");
        double notifyRate = options.pick(100, 50);
        NotifyLatency.Result notify = new NotifyLatency(api, 1_000, 20, 1_000).run(notifyRate, options.pick(30, 15));
        ResultRows.notify(rows, notify, notifyRate);

        System.out.println("idle sockets on one API node");
        SocketCapacity.Result sockets = new SocketCapacity(api, apiNode).run(options.sockets());
        ResultRows.idleSockets(rows, sockets);

        System.out.println("grid memory per user");
        int memoryUsers = options.pick(1_000_000, 100_000);
        GridMemoryPerUser.Result memory = GridMemoryPerUser.measure(grid.ignite(), memoryUsers);
        ResultRows.memory(rows, memory, memoryUsers);

        System.out.println("offline detection");
        OfflineDetection.Result offline = new OfflineDetection(api, options.pick(200, 100), options.ttlSeconds()).run(options.pick(10, 5));
        ResultRows.offline(rows, offline);

        System.out.println("device sockets at scale");
        DeviceSocketHold.Result devices = new DeviceSocketHold(api, apiNode, options.ttlSeconds()).run(options.deviceSockets(), serversAndApi);
        ResultRows.deviceSockets(rows, devices, options.openFileLimit());

        return new Figures(updates.maxPerSecond(), Latencies.of(updates.halfRate().latencies()).p99(),
                Latencies.of(notify.latencies()).p99(), ceiling.putsPerSecond(), updates.cpu().totalMicrosPerOperation(),
                ceiling.cpuMicrosPerPut(), heartbeats.perSecond(), devices.held(), memory.bytesPerUserCopy());
    }

    private PutLoop.Measured fairCeiling() {
        return FairPutCeiling.measure(grid.ignite(), Duration.ofSeconds(options.pick(30, 10)), Duration.ofSeconds(options.pick(30, 10)),
                THREADS, serversAndClient);
    }
}
