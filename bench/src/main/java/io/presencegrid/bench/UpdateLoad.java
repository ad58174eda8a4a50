package io.presencegrid.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * Issue 6, 2b: status updates over HTTP from many users, nine in ten of them heartbeats that repeat the
 * user's status and one in ten a real change. First the most the API sustains (closed loop: as many
 * workers as it takes to keep the server busy), then the latency at half that rate (open loop).
 */
final class UpdateLoad {

    private static final String[] CHANGES = {"online", "away", "busy"};

    /** The sustained maximum, the latency at half of it, and every update sent, warm-up included. */
    record Result(double maxPerSecond, long maxFailed, OpenLoop.Outcome halfRate, long sent) {
    }

    private final ApiClient api;
    private final String[] userIds;
    private final String[] tokens;
    private final AtomicIntegerArray statusOfUser;
    /** Numbers the updates across warm-up and measurement, so each user's rounds carry on. */
    private final AtomicLong sequence = new AtomicLong();

    UpdateLoad(ApiClient api, int users) {
        this.api = api;
        this.userIds = new String[users];
        this.tokens = new String[users];
        this.statusOfUser = new AtomicIntegerArray(users);
        for (int i = 0; i < users; i++) {
            userIds[i] = String.format("bench-user-%07d", i);
            tokens[i] = api.token(userIds[i]);
        }
    }

    /**
     * Warm-up first: every user online once (so the timed updates are heartbeats and changes of known
     * users, not sign-ups), then as long again as {@code warmUpSeconds} for the JIT.
     */
    Result run(int workers, double warmUpSeconds, double seconds) throws InterruptedException {
        AtomicLong warmUpFailed = new AtomicLong();
        closedLoop(workers, userIds.length, Double.MAX_VALUE, warmUpFailed, this::nextUpdate);
        closedLoop(workers, Long.MAX_VALUE, warmUpSeconds, warmUpFailed, this::nextUpdate);
        if (warmUpFailed.get() > 0) {
            System.out.printf("  updates: %d failed during the warm-up%n", warmUpFailed.get());
        }
        AtomicLong failed = new AtomicLong();
        long done = closedLoop(workers, Long.MAX_VALUE, seconds, failed, this::nextUpdate);
        double max = done / seconds;
        System.out.printf("  updates, closed loop with %d workers: %.0f/s, %d failed%n", workers, max, failed.get());
        OpenLoop.Outcome half = OpenLoop.run(max / 2, seconds, 2_000, this::nextUpdate);
        System.out.printf("  updates, open loop at %.0f/s: %s, %d failed, %d late%n", max / 2,
                Latencies.of(half.latencies()).summary(), half.failed(), half.late());
        long sent = sequence.get();
        signOff(workers);
        return new Result(max, failed.get(), half, sent);
    }

    /**
     * Every user offline, so that their sessions do not all expire a TTL later in the middle of the
     * next measurement (thousands of expiries and PRESENCE rewrites at once).
     */
    private void signOff(int workers) throws InterruptedException {
        AtomicLong failed = new AtomicLong();
        closedLoop(workers, userIds.length, Double.MAX_VALUE, failed,
                n -> api.update(tokens[(int) n], userIds[(int) n], "phone", "offline"));
        if (failed.get() > 0) {
            System.out.printf("  updates: %d of the final sign-offs failed%n", failed.get());
        }
    }

    /**
     * Closed loop: each worker sends its next request (numbered from 0) when the last one answered,
     * until either limit. Returns the requests answered 200 before the deadline.
     */
    private long closedLoop(int workers, long requests, double seconds, AtomicLong failed,
                            LongFunction<CompletableFuture<Integer>> request) throws InterruptedException {
        AtomicLong started = new AtomicLong();
        AtomicLong answeredInTime = new AtomicLong();
        long deadline = System.nanoTime() + (long) Math.min(seconds * 1e9, Long.MAX_VALUE / 2);
        ExecutorService pool = Executors.newFixedThreadPool(workers, ApiClient.daemon("bench-update"));
        for (int w = 0; w < workers; w++) {
            pool.execute(() -> {
                long n;
                while (System.nanoTime() < deadline && (n = started.getAndIncrement()) < requests) {
                    try {
                        int status = request.apply(n).get(60, TimeUnit.SECONDS);
                        if (status != 200) {
                            failed.incrementAndGet();
                        } else if (System.nanoTime() < deadline) {
                            answeredInTime.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.MINUTES);
        return answeredInTime.get();
    }

    /** The next update of the run, whichever loop asks: each user's rounds carry on across the phases. */
    private CompletableFuture<Integer> nextUpdate(long ignored) {
        return send(sequence.getAndIncrement());
    }

    /**
     * Update number n goes to user n mod users, so with enough users no one nears the per-user rate
     * limit. Every tenth round a user changes status; otherwise the update is a heartbeat.
     */
    private CompletableFuture<Integer> send(long n) {
        int user = (int) (n % userIds.length);
        long round = n / userIds.length;
        int status = statusOfUser.get(user);
        if (round % 10 == 9) {
            status = (status + 1) % CHANGES.length;
            statusOfUser.set(user, status);
        }
        return api.update(tokens[user], userIds[user], "phone", CHANGES[status]);
    }
}
