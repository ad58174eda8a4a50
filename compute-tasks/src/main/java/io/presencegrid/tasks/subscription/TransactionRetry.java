package io.presencegrid.tasks.subscription;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.apache.ignite.IgniteLogger;
import org.apache.ignite.internal.transactions.IgniteTxOptimisticCheckedException;
import org.apache.ignite.internal.transactions.IgniteTxTimeoutCheckedException;
import org.apache.ignite.internal.util.typedef.X;
import org.apache.ignite.transactions.TransactionDeadlockException;
import org.apache.ignite.transactions.TransactionOptimisticException;
import org.apache.ignite.transactions.TransactionTimeoutException;

/**
 * Runs a subscription transaction again when it lost a race or ran out of time. Every change of the
 * ledger is optimistic: it fails at commit when another change of the same entries got there first, or
 * when it could not lock its entries within its timeout (a loaded node, a checkpoint). Ignite rolls each
 * back whole, so nothing was written, and trying again is safe: it reads the entries afresh.
 */
final class TransactionRetry {

    private static final List<Class<? extends Throwable>> WORTH_RETRYING = List.of(
            TransactionOptimisticException.class, IgniteTxOptimisticCheckedException.class,
            TransactionTimeoutException.class, IgniteTxTimeoutCheckedException.class,
            TransactionDeadlockException.class);

    private final int attempts;
    private final IgniteLogger log;

    TransactionRetry(int attempts, IgniteLogger log) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
        }
        this.attempts = attempts;
        this.log = log;
    }

    <T> T run(String what, Supplier<T> transaction) {
        for (int attempt = 1; ; attempt++) {
            long started = System.nanoTime();
            try {
                return transaction.get();
            } catch (RuntimeException e) {
                if (!worthRetrying(e) || attempt == attempts) {
                    throw e;
                }
                // The failure's class only: Ignite's messages for these dump the whole transaction, entries
                // and all, some hundred kilobytes for a subscribe of 1,000 users.
                log.warning("Subscription transaction (" + what + ") rolled back after "
                        + (System.nanoTime() - started) / 1_000_000 + " ms, attempt " + attempt + " of "
                        + attempts + ", trying again: " + cause(e));
                backOff(attempt);
            }
        }
    }

    /**
     * A moment, longer each time and never the same for two racers: the transaction that won holds its
     * locks until it commits, and an optimistic retry sent at once meets them again (it did, three times
     * within a millisecond, in the fuzz drill).
     */
    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(10, 50) * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted between attempts", e);
        }
    }

    /** The failure's class: the first of the kinds worth another try that it holds. */
    private static String cause(Throwable failure) {
        for (Class<? extends Throwable> kind : WORTH_RETRYING) {
            Throwable specific = X.cause(failure, kind);
            if (specific != null) {
                return specific.getClass().getSimpleName();
            }
        }
        return failure.getClass().getSimpleName();
    }

    /** Whether {@code failure} is a transaction that lost a race, timed out or was chosen as a deadlock victim. */
    static boolean worthRetrying(Throwable failure) {
        return X.hasCause(failure, WORTH_RETRYING.toArray(Class<?>[]::new));
    }
}
