package io.presencegrid.tasks.subscription;

import java.util.function.Supplier;
import org.apache.ignite.IgniteLogger;
import org.apache.ignite.internal.transactions.IgniteTxTimeoutCheckedException;
import org.apache.ignite.internal.util.typedef.X;
import org.apache.ignite.transactions.TransactionDeadlockException;
import org.apache.ignite.transactions.TransactionTimeoutException;

/**
 * Runs a subscription transaction again when it gave up waiting for locks. A change of one subscriber
 * waits behind every other change of that subscriber and behind the deletes of the users they follow
 * (a delete locks the index entry of each follower); on a loaded node, or while a checkpoint slows
 * every write, that queue can outlast the transaction's timeout. Ignite rolls a timed-out transaction
 * back whole, so nothing was written and trying again is safe; by then the queue has moved on.
 */
final class LockWaitRetry {

    private final int attempts;
    private final IgniteLogger log;

    LockWaitRetry(int attempts, IgniteLogger log) {
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
                if (!lockWaitExpired(e) || attempt == attempts) {
                    throw e;
                }
                log.warning("Subscription transaction (" + what + ") gave up waiting for locks after "
                        + (System.nanoTime() - started) / 1_000_000 + " ms, attempt " + attempt + " of "
                        + attempts + "; rolled back, trying again: " + e.getMessage());
            }
        }
    }

    /** Whether {@code failure} is a transaction that timed out or was chosen as a deadlock victim. */
    static boolean lockWaitExpired(Throwable failure) {
        return X.hasCause(failure, TransactionTimeoutException.class, TransactionDeadlockException.class,
                IgniteTxTimeoutCheckedException.class);
    }
}
