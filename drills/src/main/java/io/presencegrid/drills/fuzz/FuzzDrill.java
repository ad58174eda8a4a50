package io.presencegrid.drills.fuzz;

import io.presencegrid.clienttools.api.ApiAnswer;
import io.presencegrid.clienttools.api.ApiClient;
import io.presencegrid.clienttools.token.PresenceTokens;
import io.presencegrid.drills.Figures;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The {@code fuzz} drill ({@code scripts/drill.sh fuzz}): seeded random hostile requests and frames against one API node, with
 * a socket flood and slow-loris connections running alongside. Promises: never a 5xx, every 4xx a
 * problem+json, the status a case expects when it expects one, WebSockets closed with the right code,
 * the API healthy afterwards with as many grid servers as before, and its live heap never above
 * {@link #HEAP_BOUND} of its limit. The seed is printed; the same seed replays the same cases.
 */
public final class FuzzDrill {

    /**
     * The most of the long-lived heap that may survive a collection: beyond it the live data itself has
     * grown toward the limit (HeapWatch).
     */
    static final double HEAP_BOUND = 0.9;

    private FuzzDrill() {
    }

    /**
     * @param cases   total cases: HTTP, socket frames, flood handshakes and slow-loris connections
     * @param threads HTTP senders
     */
    public record Options(long cases, long seed, int threads, long dribbleMillis, long stallBoundMillis) {

        int floodSockets() {
            return (int) Math.min(2_000, cases / 50);
        }

        int slowLoris() {
            return (int) Math.min(100, Math.max(5, cases / 1_000));
        }

        long socketFrames() {
            return cases * 3 / 100;
        }

        long httpCases() {
            return cases - floodSockets() - slowLoris() - socketFrames();
        }
    }

    public static Report run(String apiBase, PresenceTokens tokens, Options options) throws Exception {
        long started = System.nanoTime();
        ApiClient http = new ApiClient(apiBase);
        // Health details and metrics are for operators: the drill watches the API as one.
        String operator = tokens.admin("fuzz-operator");
        int serversBefore = servers(http, operator);
        FuzzTally tally = new FuzzTally();
        String prefix = "fz" + Long.toString(System.currentTimeMillis() % 1_000_000, 36) + "-";
        FuzzUsers users = new FuzzUsers(tokens, prefix, 2_000);
        HostileRequests requests = new HostileRequests(options.seed(), users);
        long slowestLorisClose;
        int floodHeld;
        int floodRefused;
        int floodOverCap;
        long floodSnapshotMillis;
        ExecutorService background = Executors.newFixedThreadPool(3);
        try (HeapWatch heap = new HeapWatch(apiBase, operator).start();
             SocketFlood flood = new SocketFlood(apiBase, tokens.user(prefix + "flood"), tally)) {
            CompletableFuture<Void> flooding = CompletableFuture.runAsync(() -> uncheck(() -> flood.run(options.floodSockets())), background);
            CompletableFuture<Long> loris = CompletableFuture.supplyAsync(() -> uncheck(() -> new SlowLoris(apiBase, tally)
                    .run(options.slowLoris(), options.dribbleMillis(), options.stallBoundMillis())), background);
            CompletableFuture<Void> frames = CompletableFuture.runAsync(() -> new SocketFuzzer(apiBase, requests, users, tally)
                    .run(options.httpCases(), options.socketFrames()), background);
            new HttpFuzzer(apiBase, requests, tally).run(0, options.httpCases(), options.threads());
            frames.join();
            slowestLorisClose = loris.join();
            flooding.join();
            floodHeld = flood.held();
            floodRefused = flood.refused();
            floodOverCap = flood.overCap();
            floodSnapshotMillis = flood.slowestSnapshotMillis();
            heap.close();
            ApiAnswer health = http.get("/actuator/health", null);
            int serversAfter = servers(http, operator);
            return new Report(options.seed(), tally.cases.sum(), tally.status2xx.sum(), tally.status4xx.sum(),
                    tally.status429.sum(), tally.status5xx.sum(), tally.notProblem.sum(), tally.unexpected.sum(),
                    tally.transport.sum(), tally.socketCases.sum(), tally.socketWrong.sum(), floodHeld, floodRefused, floodOverCap, floodSnapshotMillis,
                    slowestLorisClose, heap.maxUsedBytes(), heap.limitBytes(), heap.maxLiveShare(), health.status(), serversBefore, serversAfter,
                    tally.failures(), tally.keptFailures(), (System.nanoTime() - started) / 1_000_000_000L);
        } finally {
            background.shutdownNow();
        }
    }

    /** The grid's server count in /actuator/health's details (an operator's token shows them), -1 if it cannot be read. */
    static int servers(ApiClient http, String operatorToken) throws Exception {
        tools.jackson.databind.JsonNode servers = http.get("/actuator/health", operatorToken).json().findValue("servers");
        return servers == null ? -1 : servers.asInt(-1);
    }

    public static void main(String[] args) throws Exception {
        String apiBase = args.length > 0 ? args[0] : "http://127.0.0.1:8080";
        long cases = args.length > 1 ? Long.parseLong(args[1]) : 100_000;
        // scripts/drill.sh passes no seed: DRILL_FUZZ_SEED replays a run through it.
        String seedFromEnvironment = System.getenv("DRILL_FUZZ_SEED");
        long seed = seedFromEnvironment == null || seedFromEnvironment.isBlank() ? System.nanoTime() : Long.parseLong(seedFromEnvironment.trim());
        for (int i = 2; i < args.length; i++) {
            seed = Long.parseLong(args[i].equals("--seed") && i + 1 < args.length ? args[++i] : args[i]);
        }
        System.out.println("fuzz seed " + seed + " (replay: FuzzDrill " + apiBase + " " + cases + " --seed " + seed + ")");
        Report report = run(apiBase, PresenceTokens.fromEnvironment(), new Options(cases, seed, 12, 20_000, 90_000));
        report.failures().forEach(failure -> System.out.println("WRONG " + failure));
        System.out.println(report.figures());
        System.exit(report.passed() ? 0 : 1);
    }

    private interface Body<T> {
        T run() throws Exception;
    }

    private interface VoidBody {
        void run() throws Exception;
    }

    private static <T> T uncheck(Body<T> body) {
        try {
            return body.run();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void uncheck(VoidBody body) {
        uncheck(() -> {
            body.run();
            return null;
        });
    }

    /** The run's figures; {@code failures} holds the first {@link FuzzTally#KEPT_FAILURES} of {@code failureCount}. */
    public record Report(long seed, long cases, long status2xx, long status4xx, long status429, long status5xx,
                         long notProblem, long unexpected, long noAnswer, long socketCases, long socketWrong,
                         int floodSocketsHeld, int floodRefused, int floodOverCap, long floodSlowestSnapshotMillis, long slowLorisCloseMillis, long heapMaxBytes,
                         long heapLimitBytes, double heapLiveShare, int healthStatus, int serversBefore, int serversAfter,
                         long failureCount, List<String> failures, long seconds) {

        /** By what survives collections where the API reports it, else by the heap in use. */
        public boolean heapBounded() {
            if (heapLiveShare >= 0) {
                return heapLiveShare <= HEAP_BOUND;
            }
            return heapLimitBytes > 0 && heapMaxBytes <= heapLimitBytes * HEAP_BOUND;
        }

        public boolean passed() {
            return failureCount == 0 && healthStatus == 200 && serversAfter == serversBefore && serversAfter > 0 && heapBounded();
        }

        public String figures() {
            return new Figures("fuzz").put("seed", seed).put("cases", cases).put("status_2xx", status2xx)
                    .put("status_4xx", status4xx).put("status_429", status429).put("status_5xx", status5xx)
                    .put("not_problem_json", notProblem).put("unexpected_status", unexpected).put("no_answer", noAnswer)
                    .put("socket_cases", socketCases).put("socket_wrong", socketWrong)
                    .put("flood_sockets_held", floodSocketsHeld).put("flood_handshakes_429", floodRefused)
                    .put("flood_over_cap", floodOverCap)
                    .put("flood_slowest_snapshot_ms", floodSlowestSnapshotMillis)
                    .put("slowloris_close_s", slowLorisCloseMillis / 1000.0).put("failures", failureCount)
                    .put("health", healthStatus).put("servers", serversBefore + "->" + serversAfter)
                    .put("api_max_heap_mb", heapMaxBytes >> 20).put("api_heap_limit_mb", heapLimitBytes >> 20)
                    .put("api_heap_live_max", String.format(java.util.Locale.ROOT, "%.2f", heapLiveShare))
                    .put("seconds", seconds).line(passed());
        }
    }
}
