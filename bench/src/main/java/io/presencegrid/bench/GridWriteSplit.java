package io.presencegrid.bench;

import java.time.Duration;
import java.time.Instant;
import org.HdrHistogram.Histogram;

/**
 * An event's latency cut in two at its {@code at}, the row's time of the change, which the API node stamps
 * on the row's write as it sends it (every copy of the row must compute the same row, so none reads its
 * own clock): before it the client's send and what the API node did before the row's write left it,
 * after it the write itself, the continuous query, the API's fan-out and this client's socket. Which half
 * carries a tail says where to look.
 */
final class GridWriteSplit {

    private final Histogram untilWrite = Latencies.concurrentHistogram();
    private final Histogram afterWrite = Latencies.concurrentHistogram();

    /** @param gridAt the event's {@code at}; an event without one is not split */
    void record(Due due, Instant gridAt) {
        if (gridAt == null) {
            return;
        }
        // Clamped at zero: the two clocks tick in different steps.
        untilWrite.recordValue(Math.max(0, Duration.between(due.wall(), gridAt).toNanos()));
        afterWrite.recordValue(Math.max(0, Duration.between(gridAt, Instant.now()).toNanos()));
    }

    Histogram untilWrite() {
        return untilWrite.copy();
    }

    Histogram afterWrite() {
        return afterWrite.copy();
    }
}
