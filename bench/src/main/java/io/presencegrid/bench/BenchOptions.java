package io.presencegrid.bench;

import io.presencegrid.topology.PortPlan;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code scripts/bench.sh} passes to {@link PresenceBench}: the API and its pid (for a forced GC
 * before heap readings, and its CPU), the grid nodes' pids (their CPU), the grid's discovery addresses,
 * the session TTL the grid runs with, how many idle and device sockets to open (fewer than 20,000 and
 * 50,000 where the open-file limit is lower) and that limit, whether this is the short run, and the one
 * phase to run alone ({@code null}: every phase).
 */
record BenchOptions(boolean quick, String baseUrl, long apiPid, List<Long> serverPids, String discovery, int ttlSeconds,
                    int sockets, int deviceSockets, int openFileLimit, String secret, String only) {

    /** Device sockets the goal asks for, where the open-file limit allows them. */
    static final int DEVICE_SOCKET_GOAL = 50_000;
    /**
     * Phases that stand alone, so each can be re-run while its cause is looked into, without the half
     * hour of a whole run: none of c..f is judged against the fair ceiling, and b. and g. alone give
     * their rate, CPU and latency with the goals that compare them to the ceiling left unjudged.
     */
    static final List<String> SOLO_PHASES = List.of("b", "c", "c3", "d", "e", "f", "g");

    static BenchOptions parse(String[] args, String secret) {
        boolean quick = false;
        String baseUrl = "http://127.0.0.1:" + PortPlan.LOCAL_API_BASE;
        long apiPid = -1;
        List<Long> serverPids = new ArrayList<>();
        String discovery = PortPlan.LOCAL.discoveryAddresses();
        int ttlSeconds = 60;
        int sockets = 20_000;
        int deviceSockets = DEVICE_SOCKET_GOAL;
        int openFileLimit = -1;
        String only = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--url" -> baseUrl = args[++i];
                case "--api-pid" -> apiPid = Long.parseLong(args[++i]);
                case "--server-pids" -> serverPids = pids(args[++i]);
                case "--discovery" -> discovery = args[++i];
                case "--ttl-seconds" -> ttlSeconds = Integer.parseInt(args[++i]);
                case "--sockets" -> sockets = Integer.parseInt(args[++i]);
                case "--device-sockets" -> deviceSockets = Integer.parseInt(args[++i]);
                case "--open-file-limit" -> openFileLimit = Integer.parseInt(args[++i]);
                case "--only" -> only = args[++i];
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (apiPid < 0) {
            throw new IllegalArgumentException("--api-pid is required: the socket heap figure forces a GC on the API");
        }
        if (serverPids.isEmpty()) {
            throw new IllegalArgumentException("--server-pids is required: CPU per operation counts the grid nodes' CPU");
        }
        if (secret == null || secret.length() < 32) {
            throw new IllegalArgumentException("PRESENCE_JWT_SECRET (at least 32 bytes) must be the API's secret");
        }
        if (only != null && !SOLO_PHASES.contains(only)) {
            throw new IllegalArgumentException("--only takes one of " + SOLO_PHASES + ", not " + only
                    + ": the others are the fair ceiling or mean something only beside it, in a whole run");
        }
        return new BenchOptions(quick, baseUrl, apiPid, List.copyOf(serverPids), discovery, ttlSeconds, sockets, deviceSockets,
                openFileLimit, secret, only);
    }

    /** The full figure, or the quick run's smaller one. */
    int pick(int full, int quick) {
        return this.quick ? quick : full;
    }

    private static List<Long> pids(String commaSeparated) {
        List<Long> pids = new ArrayList<>();
        for (String pid : commaSeparated.split(",")) {
            pids.add(Long.parseLong(pid.trim()));
        }
        return pids;
    }
}
