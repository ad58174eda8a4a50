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
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Sends requests at a fixed rate whatever the answers do, and times each from the moment it was due,
 * not the moment it went out: a stall delays every request scheduled behind it, and all of that wait
 * is counted (no coordinated omission).
 */
final class OpenLoop {

    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    /**
     * What an open-loop run saw. {@code late} requests could not even be sent: too many in flight.
     * {@code worstBySecond[i]} is the longest latency of the requests due in second i after
     * {@code startedAt}, so that a tail can be lined up with the nodes' logs by the wall clock.
     */
    record Outcome(Histogram latencies, long sent, long failed, long late, double seconds, Instant startedAt,
                   long[] worstBySecond) {

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
     * @param request starts request number n and completes with its HTTP status
     * @param maxInFlight requests outstanding at once before the next due one is counted late
     */
    static Outcome run(double perSecond, double seconds, int maxInFlight, LongFunction<CompletableFuture<Integer>> request)
            throws InterruptedException {
        Recorder latencies = Latencies.recorder();
        AtomicLong failed = new AtomicLong();
        long late = 0;
        Semaphore inFlight = new Semaphore(maxInFlight);
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
                late++;
                continue;
            }
            int second = (int) (n / perSecond);
            request.apply(n).whenComplete((status, error) -> {
                long elapsed = System.nanoTime() - due;
                latencies.recordValue(elapsed);
                worstBySecond.accumulateAndGet(second, elapsed, Math::max);
                if (error != null || status != 200) {
                    failed.incrementAndGet();
                }
                inFlight.release();
            });
        }
        if (!inFlight.tryAcquire(maxInFlight, 60, TimeUnit.SECONDS)) {
            failed.addAndGet(maxInFlight - inFlight.availablePermits());
        }
        double elapsedSeconds = (System.nanoTime() - start) / 1e9;
        long[] worst = new long[worstBySecond.length()];
        Arrays.setAll(worst, worstBySecond::get);
        return new Outcome(latencies.getIntervalHistogram(), total - late, failed.get(), late, elapsedSeconds, startedAt, worst);
    }
}
