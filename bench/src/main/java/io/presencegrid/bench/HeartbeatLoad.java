package io.presencegrid.bench;

import io.presencegrid.clienttools.api.ApiClient;
import io.presencegrid.clienttools.token.PresenceTokens;
import java.util.concurrent.CompletableFuture;

/**
 * Pure heartbeats over HTTP: each {@code POST /v1/status/update} repeats its user's current status
 * (online, on the phone, no message), which is what most of a real client's writes are. The most the
 * API sustains with a closed loop, and the CPU the grid nodes and the API spend per heartbeat at it.
 * Update n goes to user n mod users, so with enough users no one nears the per-user rate limit.
 */
final class HeartbeatLoad {

    /** Heartbeats answered per second, how many failed, and their CPU. */
    record Result(double perSecond, long failed, CpuCost cpu) {
    }

    private final BlockingHttp http;
    private final String[] userIds;
    private final String[] tokens;

    HeartbeatLoad(BlockingHttp http, PresenceTokens signer, int users) {
        this.http = http;
        this.userIds = new String[users];
        this.tokens = new String[users];
        for (int i = 0; i < users; i++) {
            userIds[i] = String.format("bench-heartbeat-%07d", i);
            tokens[i] = signer.user(userIds[i]);
        }
    }

    /**
     * Every user online once (so every timed request is a heartbeat of a live session, not a sign-up),
     * heartbeats for {@code warmUpSeconds} and on until the compilers have settled as {@code settling}
     * judges it, then {@code seconds} measured; every user offline at the end, so that their sessions do
     * not all expire in the middle of a later measurement.
     */
    Result run(int workers, double warmUpSeconds, CompilerSettling settling, double seconds, CpuMeter cpu,
               CpuMeter loadClient) throws InterruptedException {
        long warmUpFailed = ClosedLoop.each(workers, userIds.length, this::heartbeat)
                + ClosedLoop.run(workers, Long.MAX_VALUE, warmUpSeconds, this::heartbeat).failed();
        // b. before it warmed the same JVMs, yet its fixed 10 s left the compilers 10-12% of what it measured.
        ClosedLoop.Settled settled = ClosedLoop.settle(settling, workers, cpu, this::heartbeat);
        warmUpFailed += settled.failed();
        System.out.printf("  heartbeats, warm-up: %.0f s, then %s%n", warmUpSeconds, settled.outcome().summary());
        ClosedLoop.Measured measured = ClosedLoop.measure(workers, seconds, cpu, loadClient, this::heartbeat);
        ClosedLoop.Count done = measured.count();
        CpuCost cost = measured.cost();
        Result result = new Result(done.answeredInTime() / seconds, done.failed(), cost);
        System.out.printf("  heartbeats, closed loop with %d workers over %d users: %.0f/s, %d failed (%d in the warm-up);"
                        + " CPU per heartbeat %s; the load client: %s, not counted%n", workers, userIds.length, result.perSecond(),
                done.failed(), warmUpFailed, cost.summary(), measured.loadClientCost().summary());
        long signOffFailed = ClosedLoop.each(workers, userIds.length, n -> send((int) n, "offline"));
        if (signOffFailed > 0) {
            System.out.printf("  heartbeats: %d of the final sign-offs failed%n", signOffFailed);
        }
        return result;
    }

    private CompletableFuture<Integer> heartbeat(long n) {
        return send((int) (n % userIds.length), "online");
    }

    /** Sent on the asking thread: every caller is a closed loop's worker, which waits for it anyway. */
    private CompletableFuture<Integer> send(int user, String status) {
        return http.postHere(ApiClient.UPDATE_PATH, tokens[user], ApiClient.updateBody(userIds[user], "phone", status));
    }
}
