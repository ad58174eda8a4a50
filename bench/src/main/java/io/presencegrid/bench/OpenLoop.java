package io.presencegrid.bench;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;
import java.util.function.LongPredicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Sends requests at a fixed rate whatever the answers do, and times each from the moment it was due,
 * not the moment it went out: a stall delays every request scheduled behind it, and all of that wait
 * is counted (no coordinated omission).
 *
 * <p>At most a fixed number of requests are in flight, as wrk2 keeps a fixed set of connections: a
 * request due while all of them are busy waits for one, and that wait is part of its latency. Opening
 * more connections in a stall, as an HTTP client does when every pooled one is busy, made the stall
 * worse: the load client's first requests on new connections sent its JIT into a burst of
 * recompilation on the same two cores (docs/capacity.md, "Where the two tails come from").
 */
final class OpenLoop {

    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    /** How long a run waits for any answer before it gives up: far beyond every goal, so only a dead API. */
    private static final long NO_ANSWER_SECONDS = 60;

    /**
     * What an open-loop run saw. {@code queued} requests found every connection busy when they were
     * due and went out when one was free. {@code worstBySecond[i]} is the longest latency of the
     * requests due in second i after {@code startedAt}, so that a tail can be lined up with the nodes'
     * logs by the wall clock. {@code partLatencies} are those of the requests the run was asked to time
     * apart as well (changes among heartbeats, say), empty when it was not.
     */
    record Outcome(Histogram latencies, Histogram partLatencies, long sent, long failed, long queued, double seconds,
                   Instant startedAt, long[] worstBySecond) {

        /** The {@code count} seconds with the longest latency, slowest first: "19:54:48 410 ms, ...". */
        String slowestSeconds(int count) {
            return IntStream.range(0, worstBySecond.length).boxed()
                    .filter(second -> worstBySecond[second] > 0)
                    .sorted(Comparator.comparingLong((Integer second) -> worstBySecond[second]).reversed())
                    .limit(count)
                    .map(second -> String.format("%s %.0f ms", SECOND.format(startedAt.plusSeconds(second)),
                            worstBySecond[second] / 1e6))
                    .collect(Collectors.joining(", "));
        }
    }

    private OpenLoop() {
    }

    /**
     * @param request     starts request number n and completes with its HTTP status
     * @param connections requests outstanding at once; the next due waits for one of them to end
     */
    static Outcome run(double perSecond, double seconds, int connections, LongFunction<CompletableFuture<Integer>> request)
            throws InterruptedException {
        return run(perSecond, seconds, connections, request, n -> false);
    }

    /**
     * As {@link #run(double, double, int, LongFunction)}, and times the requests {@code inPart} picks out
     * apart as well as with all the others.
     */
    static Outcome run(double perSecond, double seconds, int connections, LongFunction<CompletableFuture<Integer>> request,
                       LongPredicate inPart) throws InterruptedException {
        Recorder latencies = Latencies.recorder();
        Recorder partLatencies = Latencies.recorder();
        AtomicLong failed = new AtomicLong();
        long queued = 0;
        Semaphore inFlight = new Semaphore(connections);
        long total = (long) (perSecond * seconds);
        double intervalNanos = 1e9 / perSecond;
        AtomicLongArray worstBySecond = new AtomicLongArray((int) Math.ceil(seconds) + 1);
        Instant startedAt = Instant.now();
        long start = System.nanoTime();
        for (long n = 0; n < total; n++) {
            long due = start + (long) (n * intervalNanos);
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            if (!inFlight.tryAcquire()) {
                queued++;
                if (!inFlight.tryAcquire(NO_ANSWER_SECONDS, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("no request of " + connections + " answered in " + NO_ANSWER_SECONDS + " s");
                }
            }
            int second = (int) (n / perSecond);
            boolean part = inPart.test(n);
            request.apply(n).whenComplete((status, error) -> {
                long elapsed = System.nanoTime() - due;
                latencies.recordValue(elapsed);
                if (part) {
                    partLatencies.recordValue(elapsed);
                }
                worstBySecond.accumulateAndGet(second, elapsed, Math::max);
                if (error != null || status != 200) {
                    failed.incrementAndGet();
                }
                inFlight.release();
            });
        }
        if (!inFlight.tryAcquire(connections, NO_ANSWER_SECONDS, TimeUnit.SECONDS)) {
            failed.addAndGet(connections - inFlight.availablePermits());
        }
        double elapsedSeconds = (System.nanoTime() - start) / 1e9;
        long[] worst = new long[worstBySecond.length()];
        Arrays.setAll(worst, worstBySecond::get);
        return new Outcome(latencies.getIntervalHistogram(), partLatencies.getIntervalHistogram(), total, failed.get(), queued,
                elapsedSeconds, startedAt, worst);
    }
}
