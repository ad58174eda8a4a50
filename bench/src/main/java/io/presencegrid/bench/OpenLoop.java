package io.presencegrid.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Sends requests at a fixed rate whatever the answers do, and times each from the moment it was due,
 * not the moment it went out: a stall delays every request scheduled behind it, and all of that wait
 * is counted (no coordinated omission).
 */
final class OpenLoop {

    /** What an open-loop run saw. {@code late} requests could not even be sent: too many in flight. */
    record Outcome(Histogram latencies, long sent, long failed, long late, double seconds) {
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
            request.apply(n).whenComplete((status, error) -> {
                long elapsed = System.nanoTime() - due;
                latencies.recordValue(elapsed);
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
        return new Outcome(latencies.getIntervalHistogram(), total - late, failed.get(), late, elapsedSeconds);
    }
}
