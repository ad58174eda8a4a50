package io.presencegrid.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Warms a load up until the JVMs under it have stopped compiling, so that its CPU per operation is what
 * it costs once the service has run a while. A fixed warm-up was not enough: after a minute of b.'s load
 * the compilers were still 17-24% of the CPU measured, and 1-3% once the same load had run for several
 * minutes; the fair ceiling's first run, after its 30 s, 9% where its second had 2%. Comparing a JVM
 * still compiling with a warm one says more about the warm-up than about either. So the load goes on in
 * slices, each measured, until a slice's compiler share is at most {@code settledShare} or
 * {@code maxSeconds} have gone, and the outcome says which.
 */
final class CompilerSettling {

    /** No slices at all: the quick run keeps its short fixed warm-up. */
    static final CompilerSettling NONE = new CompilerSettling(1, 0, 1);

    /** Runs the load for a slice and tells the compilers' share of the CPU used meanwhile. */
    @FunctionalInterface
    interface Slice {
        double compilerShareOver(double seconds) throws InterruptedException;
    }

    /** Each slice's compiler share in order, and whether the last one was at most the settled share. */
    record Outcome(List<Double> shares, double sliceSeconds, boolean settled) {

        Outcome {
            shares = List.copyOf(shares);
        }

        double seconds() {
            return shares.size() * sliceSeconds;
        }

        /** {@code 45 s more, until the JIT's share fell to 4.2% (12.0%, 7.3%, 4.2%)}, or why it stopped without. */
        String summary() {
            if (shares.isEmpty()) {
                return "no more";
            }
            String each = shares.stream().map(CompilerSettling::percent).collect(Collectors.joining(", "));
            return settled
                    ? String.format(Locale.ROOT, "%.0f s more, until the JIT's share fell to %s (%s)", seconds(),
                    percent(shares.get(shares.size() - 1)), each)
                    : String.format(Locale.ROOT, "%.0f s more, and the JIT had still not settled (%s)", seconds(), each);
        }
    }

    private final double sliceSeconds;
    private final double maxSeconds;
    private final double settledShare;

    /**
     * @param sliceSeconds how long each measured slice of the load runs
     * @param maxSeconds   the most this warm-up adds; 0 adds nothing
     * @param settledShare the compiler share of a slice at which the JVMs count as warm, 0 to 1
     */
    CompilerSettling(double sliceSeconds, double maxSeconds, double settledShare) {
        if (sliceSeconds <= 0 || maxSeconds < 0 || settledShare < 0 || settledShare > 1) {
            throw new IllegalArgumentException("a slice must last, the limit must not be negative and the share is 0 to 1");
        }
        this.sliceSeconds = sliceSeconds;
        this.maxSeconds = maxSeconds;
        this.settledShare = settledShare;
    }

    Outcome warm(Slice slice) throws InterruptedException {
        List<Double> shares = new ArrayList<>();
        while ((shares.size() + 1) * sliceSeconds <= maxSeconds) {
            double share = slice.compilerShareOver(sliceSeconds);
            shares.add(share);
            if (share <= settledShare) {
                return new Outcome(shares, sliceSeconds, true);
            }
        }
        return new Outcome(shares, sliceSeconds, false);
    }

    /** With a decimal: a slice of 5.3% is not yet settled at 5%, and should not read as if it were. */
    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }
}
