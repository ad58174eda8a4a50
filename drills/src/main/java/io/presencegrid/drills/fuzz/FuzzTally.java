package io.presencegrid.drills.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The fuzz run's counts, shared by every thread. Keeps the first {@link #KEPT_FAILURES} failure lines
 * (each names the case, which its index and the seed reproduce) and counts the rest.
 */
final class FuzzTally {

    static final int KEPT_FAILURES = 200;

    final LongAdder cases = new LongAdder();
    final LongAdder status2xx = new LongAdder();
    final LongAdder status4xx = new LongAdder();
    final LongAdder status429 = new LongAdder();
    final LongAdder status5xx = new LongAdder();
    final LongAdder notProblem = new LongAdder();
    final LongAdder unexpected = new LongAdder();
    final LongAdder transport = new LongAdder();
    final LongAdder socketCases = new LongAdder();
    final LongAdder socketWrong = new LongAdder();
    private final AtomicLong failures = new AtomicLong();
    private final List<String> kept = new ArrayList<>();

    void fail(String line) {
        failures.incrementAndGet();
        synchronized (kept) {
            if (kept.size() < KEPT_FAILURES) {
                kept.add(line);
            }
        }
    }

    long failures() {
        return failures.get();
    }

    List<String> keptFailures() {
        synchronized (kept) {
            return List.copyOf(kept);
        }
    }
}
