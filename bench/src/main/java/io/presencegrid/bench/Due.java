package io.presencegrid.bench;

import java.time.Instant;

/**
 * When a timed change was sent: by the monotonic clock for its latency, and by the wall clock to compare
 * with the time the grid node stamped on its write (every JVM of the bench runs on this one host).
 */
record Due(long nanos, Instant wall) {

    static Due now() {
        return new Due(System.nanoTime(), Instant.now());
    }
}
