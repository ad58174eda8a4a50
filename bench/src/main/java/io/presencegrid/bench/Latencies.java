package io.presencegrid.bench;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/** Percentiles of one HdrHistogram of nanoseconds, in milliseconds, as the result table shows them. */
record Latencies(long count, double p50, double p99, double p999, double max) {

    /** Up to 10 minutes in nanoseconds at 3 significant digits, so a stall is kept. */
    private static final long HIGHEST_NANOS = 600_000_000_000L;
    private static final int DIGITS = 3;

    static Latencies of(Histogram nanos) {
        return new Latencies(nanos.getTotalCount(), ms(nanos.getValueAtPercentile(50)), ms(nanos.getValueAtPercentile(99)),
                ms(nanos.getValueAtPercentile(99.9)), ms(nanos.getMaxValue()));
    }

    /** Recorded into from many threads at once; each read starts a new interval. */
    static Recorder recorder() {
        return new Recorder(HIGHEST_NANOS, DIGITS);
    }

    /** Recorded into from many threads at once and read whole, as often as asked. */
    static Histogram concurrentHistogram() {
        return new ConcurrentHistogram(HIGHEST_NANOS, DIGITS);
    }

    String summary() {
        return String.format("p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms (n=%d)", p50, p99, p999, max, count);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
