package io.presencegrid.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.HdrHistogram.Histogram;

/**
 * Closed-loop grid writes from many threads for a fixed time, each timed in an HdrHistogram: every
 * thread waits for its write before the next, so the latencies are service time at the load the
 * threads make, and the figure that matters is writes per second. Runs in the bench's client node;
 * each write runs on its key's primary server node.
 */
final class PutLoop {

    /** One write: thread {@code thread}'s {@code n}-th (both from 0). Throws when the write failed. */
    @FunctionalInterface
    interface Put {
        void run(int thread, long n);
    }

    /** What one run measured; latencies in milliseconds. */
    record Outcome(int threads, long puts, long failures, double seconds, double p50Ms, double p99Ms, double p999Ms, double maxMs) {

        double putsPerSecond() {
            return puts / seconds;
        }

        String summary() {
            return String.format(Locale.ROOT, "%.0f puts/s, p50 %.1f / p99 %.1f ms (%d failed)", putsPerSecond(), p50Ms, p99Ms, failures);
        }
    }

    /** The timed puts and the CPU the measured processes spent on them. */
    record Measured(Outcome puts, CpuCost cpu) {

        double putsPerSecond() {
            return puts.putsPerSecond();
        }
    }

    private PutLoop() {
    }

    /** Puts for {@code warmUp} untimed, then for {@code measured} inside a window of {@code cpu}. */
    static Measured warmThenMeasure(int threads, Duration warmUp, Duration measured, CpuMeter cpu, Put put) {
        return warmThenMeasure(threads, warmUp, CompilerSettling.NONE, measured, cpu, put).measured();
    }

    /** The measurement, and how the warm-up after the first {@code warmUp} ended. */
    record Warmed(Measured measured, CompilerSettling.Outcome settling) {
    }

    /**
     * Puts for {@code warmUp} untimed, then on as {@code settling} judges the compilers (each slice in a
     * window of {@code cpu}), then for {@code measured} inside a window of {@code cpu}.
     */
    static Warmed warmThenMeasure(int threads, Duration warmUp, CompilerSettling settling, Duration measured, CpuMeter cpu,
                                  Put put) {
        if (!warmUp.isZero()) {
            run(threads, warmUp, put);
        }
        CompilerSettling.Outcome settled;
        try {
            settled = settling.warm(seconds -> {
                CpuMeter.Window slice = cpu.start();
                Outcome puts = run(threads, Duration.ofMillis(Math.round(seconds * 1_000)), put);
                return slice.stop(puts.puts()).compilerShare();
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while warming up", e);
        }
        CpuMeter.Window window = cpu.start();
        Outcome outcome = run(threads, measured, put);
        return new Warmed(new Measured(outcome, window.stop(outcome.puts())), settled);
    }

    static Outcome run(int threads, Duration duration, Put put) {
        if (threads < 1 || duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException("threads and duration must be positive");
        }
        ExecutorService workers = Executors.newFixedThreadPool(threads, DaemonThreads.named("bench-put"));
        try {
            long started = System.nanoTime();
            long deadline = started + duration.toNanos();
            List<Future<Tally>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                parts.add(workers.submit(() -> putUntil(deadline, thread, put)));
            }
            Tally total = new Tally();
            for (Future<Tally> part : parts) {
                total.add(join(part));
            }
            return total.outcome(threads, (System.nanoTime() - started) / 1e9);
        } finally {
            workers.shutdownNow();
        }
    }

    private static Tally putUntil(long deadline, int thread, Put put) {
        Tally tally = new Tally();
        for (long n = 0; System.nanoTime() < deadline; n++) {
            long start = System.nanoTime();
            try {
                put.run(thread, n);
                tally.latencyMicros.recordValue(Math.max(1, (System.nanoTime() - start) / 1_000));
                tally.puts++;
            } catch (RuntimeException e) {
                if (tally.failures++ == 0) {
                    System.err.println("put failed: " + e);
                }
            }
        }
        return tally;
    }

    private static Tally join(Future<Tally> part) {
        try {
            return part.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while putting", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a put thread failed", e.getCause());
        }
    }

    /** Puts, failures and latencies of one thread, or of all of them added up. */
    private static final class Tally {
        private final Histogram latencyMicros = new Histogram(3);
        private long puts;
        private long failures;

        void add(Tally other) {
            latencyMicros.add(other.latencyMicros);
            puts += other.puts;
            failures += other.failures;
        }

        Outcome outcome(int threads, double seconds) {
            return new Outcome(threads, puts, failures, seconds, ms(latencyMicros.getValueAtPercentile(50)),
                    ms(latencyMicros.getValueAtPercentile(99)), ms(latencyMicros.getValueAtPercentile(99.9)),
                    ms(latencyMicros.getMaxValue()));
        }

        private static double ms(long micros) {
            return micros / 1_000.0;
        }
    }
}
