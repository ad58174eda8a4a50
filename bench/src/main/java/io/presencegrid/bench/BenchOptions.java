package io.presencegrid.bench;

/**
 * What {@code scripts/bench.sh} passes to {@link PresenceBench}: the API, its pid (for a forced GC
 * before heap readings), the grid's discovery addresses, the session TTL the grid runs with, and
 * how many idle sockets to open (fewer than 20,000 where the descriptor limit is lower), and whether
 * this is the short run.
 */
record BenchOptions(boolean quick, String baseUrl, long apiPid, String discovery, int ttlSeconds, int sockets, String secret) {

    static BenchOptions parse(String[] args, String secret) {
        boolean quick = false;
        String baseUrl = "http://127.0.0.1:8080";
        long apiPid = -1;
        String discovery = "127.0.0.1:47500..47509";
        int ttlSeconds = 60;
        int sockets = 20_000;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--url" -> baseUrl = args[++i];
                case "--api-pid" -> apiPid = Long.parseLong(args[++i]);
                case "--discovery" -> discovery = args[++i];
                case "--ttl-seconds" -> ttlSeconds = Integer.parseInt(args[++i]);
                case "--sockets" -> sockets = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (apiPid < 0) {
            throw new IllegalArgumentException("--api-pid is required: the socket heap figure forces a GC on the API");
        }
        if (secret == null || secret.length() < 32) {
            throw new IllegalArgumentException("PRESENCE_JWT_SECRET (at least 32 bytes) must be the API's secret");
        }
        return new BenchOptions(quick, baseUrl, apiPid, discovery, ttlSeconds, sockets, secret);
    }

    /** The full figure, or the quick run's smaller one. */
    int pick(int full, int quick) {
        return this.quick ? quick : full;
    }
}
