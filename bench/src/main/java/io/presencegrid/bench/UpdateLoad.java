package io.presencegrid.bench;

import io.presencegrid.clienttools.api.ApiClient;
import io.presencegrid.clienttools.token.PresenceTokens;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Status updates over HTTP from many users, nine in ten of them heartbeats that repeat the user's
 * status and one in ten a real change, spread evenly over the run ({@link UpdateMix}). First the most
 * the API sustains (closed loop: as many workers as it takes to keep the server busy) and the CPU the
 * grid nodes and the API spend per update meanwhile, then the latency at half that rate (open loop).
 */
final class UpdateLoad {

    /**
     * The sustained maximum, the CPU per update at it, the latency at half of it over {@code connections},
     * and every update sent, warm-up included.
     */
    record Result(double maxPerSecond, long maxFailed, CpuCost cpu, OpenLoop.Outcome halfRate, int connections, long sent) {
    }

    private final BlockingHttp http;
    private final String[] userIds;
    private final String[] tokens;
    private final UpdateMix mix;
    /** Numbers the updates across warm-up and measurement, so each user's rounds carry on. */
    private final AtomicLong sequence = new AtomicLong();

    UpdateLoad(BlockingHttp http, PresenceTokens signer, int users) {
        this.http = http;
        this.userIds = new String[users];
        this.tokens = new String[users];
        this.mix = new UpdateMix(users, 10, List.of("online", "away", "busy"));
        for (int i = 0; i < users; i++) {
            userIds[i] = String.format("bench-user-%07d", i);
            tokens[i] = signer.user(userIds[i]);
        }
    }

    /**
     * Warm-up first: every user online once (so the timed updates are heartbeats and changes of known
     * users, not sign-ups), then as long again as {@code warmUpSeconds} for the JIT, then on until the
     * compilers have settled as {@code settling} judges it.
     */
    Result run(int workers, double warmUpSeconds, CompilerSettling settling, double seconds, CpuMeter cpu,
               CpuMeter loadClient) throws InterruptedException {
        long warmUpFailed = ClosedLoop.each(workers, userIds.length, n -> nextUpdate(true))
                + ClosedLoop.run(workers, Long.MAX_VALUE, warmUpSeconds, n -> nextUpdate(true)).failed();
        ClosedLoop.Settled settled = ClosedLoop.settle(settling, workers, cpu, n -> nextUpdate(true));
        warmUpFailed += settled.failed();
        System.out.printf("  updates, warm-up: %.0f s, then %s%n", warmUpSeconds, settled.outcome().summary());
        if (warmUpFailed > 0) {
            System.out.printf("  updates: %d failed during the warm-up%n", warmUpFailed);
        }
        ClosedLoop.Measured measured = ClosedLoop.measure(workers, seconds, cpu, loadClient, n -> nextUpdate(true));
        ClosedLoop.Count done = measured.count();
        CpuCost cost = measured.cost();
        double max = done.answeredInTime() / seconds;
        System.out.printf("  updates, closed loop with %d workers: %.0f/s, %d failed; CPU per update %s; the load client:"
                + " %s, not counted%n", workers, max, done.failed(), cost.summary(), measured.loadClientCost().summary());
        // Over the connections the closed loop opened and warmed, one per worker. The loop's thread alone
        // takes updates meanwhile, so its request n is update number first + n.
        long first = sequence.get();
        OpenLoop.Outcome half = OpenLoop.run(max / 2, seconds, workers, n -> nextUpdate(false), n -> mix.isChange(first + n));
        System.out.printf("  updates, open loop at %.0f/s over %d connections: %s, %d failed, %d queued for a connection;"
                        + " slowest seconds (UTC, by when due): %s%n", max / 2, workers, Latencies.of(half.latencies()).summary(),
                half.failed(), half.queued(), half.slowestSeconds(5));
        // The changes apart: a heartbeat is one batched session write, a change also a transaction on the
        // user's row, and the two paths are tuned apart.
        System.out.printf("  of them the changes: %s%n", Latencies.of(half.partLatencies()).summary());
        long sent = sequence.get();
        signOff(workers);
        return new Result(max, done.failed(), cost, half, workers, sent);
    }

    /**
     * Every user offline, so that their sessions do not all expire a TTL later in the middle of the
     * next measurement (thousands of expiries and PRESENCE rewrites at once).
     */
    private void signOff(int workers) throws InterruptedException {
        long failed = ClosedLoop.each(workers, userIds.length,
                n -> http.postHere(ApiClient.UPDATE_PATH, tokens[(int) n], ApiClient.updateBody(userIds[(int) n], "phone", "offline")));
        if (failed > 0) {
            System.out.printf("  updates: %d of the final sign-offs failed%n", failed);
        }
    }

    /**
     * The next update of the run, whichever loop asks: each user's rounds carry on across the phases, and
     * with enough users no one nears the per-user rate limit. Sent on the asking thread ({@code here}: a
     * closed loop's worker waits for it anyway) or by one of the load client's senders (the open loop's
     * schedule must not wait).
     */
    private CompletableFuture<Integer> nextUpdate(boolean here) {
        long n = sequence.getAndIncrement();
        int user = mix.userOf(n);
        String body = ApiClient.updateBody(userIds[user], "phone", mix.statusOf(n));
        return here ? http.postHere(ApiClient.UPDATE_PATH, tokens[user], body) : http.postAsync(ApiClient.UPDATE_PATH, tokens[user], body);
    }
}
