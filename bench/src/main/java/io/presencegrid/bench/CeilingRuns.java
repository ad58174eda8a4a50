package io.presencegrid.bench;

import java.util.Locale;

/**
 * The fair ceiling measured before and after the HTTP phases. The grid can drift between the two
 * (its JIT still settling, checkpoints, pages written out, another process on the machine), so the
 * figure quoted is their mean, and a spread above {@link #DRIFT_LIMIT} is reported, not hidden.
 */
record CeilingRuns(PutLoop.Measured before, PutLoop.Measured after) {

    /** Beyond this, the larger run is too far above the smaller one for their mean to be one figure. */
    static final double DRIFT_LIMIT = 0.15;

    double putsPerSecond() {
        return (before.putsPerSecond() + after.putsPerSecond()) / 2;
    }

    /** CPU per put of the two runs, averaged like the rate. */
    double cpuMicrosPerPut() {
        return (before.cpu().totalMicrosPerOperation() + after.cpu().totalMicrosPerOperation()) / 2;
    }

    double spread() {
        return spread(before.putsPerSecond(), after.putsPerSecond());
    }

    boolean drifted() {
        return drifted(before.putsPerSecond(), after.putsPerSecond());
    }

    /** How far the larger of two rates is above the smaller, as a fraction of the smaller: symmetric in the two. */
    static double spread(double first, double second) {
        double smaller = Math.min(first, second);
        return smaller > 0 ? Math.abs(first - second) / smaller : Double.POSITIVE_INFINITY;
    }

    static boolean drifted(double first, double second) {
        return spread(first, second) > DRIFT_LIMIT;
    }

    /** The run's warning line and table note; blank when the two agree. */
    String warning() {
        if (!drifted()) {
            return "";
        }
        return String.format(Locale.ROOT, "WARNING: the fair ceiling moved by %.0f%% between its runs (%.0f puts/s before the"
                        + " HTTP phases, %.0f after; more than %.0f%%): the mean, %.0f puts/s, and every ratio to it are unreliable",
                spread() * 100, before.putsPerSecond(), after.putsPerSecond(), DRIFT_LIMIT * 100, putsPerSecond());
    }
}
