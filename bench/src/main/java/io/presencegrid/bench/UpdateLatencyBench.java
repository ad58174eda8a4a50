package io.presencegrid.bench;

import io.presencegrid.clienttools.api.ApiClient;
import io.presencegrid.clienttools.token.PresenceTokens;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Measures {@code POST /v1/status/update} latency against a running API: {@code requests} updates spread
 * over {@code users} users (each with its own JWT, so no user passes the per-user rate limit), sent by
 * {@code concurrency} closed-loop workers. Updates go round the users; a user's status flips between
 * online and away every {@code changeEvery} rounds, each user at their own offset ({@link UpdateMix}),
 * so one update in {@code changeEvery} is a visible change (a status change without a message) and the
 * rest are heartbeats. Latency is recorded in an HdrHistogram after a warm-up.
 *
 * <p>Usage: {@code UpdateLatencyBench [baseUrl] [requests] [users] [concurrency] [changeEvery (1: every
 * update a change; 10: the bench's mix of nine heartbeats to one change)]}; the HS256 secret comes
 * from PRESENCE_JWT_SECRET. Closed loop: the figures are service time under this load, not latency
 * under an open arrival rate (coordinated omission); scripts/bench.sh covers that.
 */
public final class UpdateLatencyBench {

    public static void main(String[] args) throws Exception {
        String baseUrl = args.length > 0 ? args[0] : "http://127.0.0.1:8080";
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int users = args.length > 2 ? Integer.parseInt(args[2]) : 1_000;
        int concurrency = args.length > 3 ? Integer.parseInt(args[3]) : 8;
        int changeEvery = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        String secret = System.getenv("PRESENCE_JWT_SECRET");
        if (secret == null || secret.length() < 32) {
            System.err.println("PRESENCE_JWT_SECRET (at least 32 bytes) must be the API's secret");
            System.exit(2);
        }
        PresenceTokens signer = new PresenceTokens(secret);
        String[] tokens = new String[users];
        for (int i = 0; i < users; i++) {
            tokens[i] = signer.user("bench-" + i);
        }
        ApiClient api = new ApiClient(baseUrl);

        run(api, tokens, Math.min(requests / 5, 2_000), concurrency, changeEvery, new Recorder(3));
        Recorder recorder = new Recorder(3);
        long started = System.nanoTime();
        long failures = run(api, tokens, requests, concurrency, changeEvery, recorder);
        double seconds = (System.nanoTime() - started) / 1e9;
        Histogram histogram = recorder.getIntervalHistogram();

        System.out.printf("POST /v1/status/update: %d requests, %d users, %d workers, 1 in %d a change, %d failed, %.0f req/s%n",
                requests, users, concurrency, changeEvery, failures, requests / seconds);
        System.out.printf("latency ms: p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n",
                ms(histogram.getValueAtPercentile(50)), ms(histogram.getValueAtPercentile(90)),
                ms(histogram.getValueAtPercentile(99)), ms(histogram.getValueAtPercentile(99.9)),
                ms(histogram.getMaxValue()));
        if (failures > 0) {
            System.exit(1);
        }
    }

    private static long run(ApiClient api, String[] tokens, int requests, int concurrency, int changeEvery,
                            Recorder latencies) throws InterruptedException {
        UpdateMix mix = new UpdateMix(tokens.length, changeEvery, List.of("online", "away"));
        AtomicInteger next = new AtomicInteger();
        AtomicLong failures = new AtomicLong();
        ExecutorService workers = Executors.newFixedThreadPool(concurrency);
        for (int w = 0; w < concurrency; w++) {
            workers.execute(() -> {
                for (int n = next.getAndIncrement(); n < requests; n = next.getAndIncrement()) {
                    int user = mix.userOf(n);
                    String status = mix.statusOf(n);
                    long start = System.nanoTime();
                    try {
                        int answered = api.update(tokens[user], "bench-" + user, "bench", status).status();
                        latencies.recordValue(System.nanoTime() - start);
                        if (answered != 200) {
                            failures.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                }
            });
        }
        workers.shutdown();
        workers.awaitTermination(1, TimeUnit.HOURS);
        return failures.get();
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
