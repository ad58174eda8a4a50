package io.presencegrid.api.grid;

import io.presencegrid.api.web.GridUnavailableException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.cache.CacheException;
import org.apache.ignite.IgniteClientDisconnectedException;
import org.apache.ignite.IgniteException;
import org.apache.ignite.cluster.ClusterTopologyException;
import org.apache.ignite.internal.IgniteClientDisconnectedCheckedException;
import org.apache.ignite.internal.cluster.ClusterTopologyCheckedException;
import org.apache.ignite.internal.transactions.IgniteTxRollbackCheckedException;
import org.apache.ignite.internal.transactions.IgniteTxTimeoutCheckedException;
import org.apache.ignite.internal.util.typedef.X;
import org.apache.ignite.transactions.TransactionDeadlockException;
import org.apache.ignite.transactions.TransactionRollbackException;
import org.apache.ignite.transactions.TransactionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Every grid call of a request goes through here. A call that fails because the topology changed
 * under it (a server node died mid-transaction: "Failed to acquire lock for keys (primary node left
 * grid, retry transaction if possible)", or this client node is reconnecting), or whose transaction
 * Ignite rolled back because it held up a topology change (ExchangeGuard), is made again, against
 * the new topology, until {@code presence.grid.retry-millis} has passed; then, or on any other grid
 * failure, the request gets a 503. Ignite fails over a compute job only when sending or starting it
 * fails; a job that throws ClusterTopologyException itself comes back as a "user exception".
 *
 * <p>Only calls that may run twice go through here: setting a status, reading, deleting, adding or
 * removing subscriptions all end in the same state when repeated (a repeated status change finds
 * nothing to change and bumps no version).
 */
@Component
class GridCalls {

    private static final Logger LOG = LoggerFactory.getLogger(GridCalls.class);
    private static final long FIRST_PAUSE_MILLIS = 50;
    private static final long LONGEST_PAUSE_MILLIS = 1_000;

    private final long retryNanos;

    GridCalls(GridProperties properties) {
        this.retryNanos = TimeUnit.MILLISECONDS.toNanos(properties.retryMillis());
    }

    <T> T call(Supplier<T> call) {
        long deadline = System.nanoTime() + retryNanos;
        long pauseMillis = FIRST_PAUSE_MILLIS;
        boolean reconnectGranted = false;
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (IgniteException | CacheException | IllegalStateException e) {
                long left = deadline - System.nanoTime();
                if (left <= 0 && !reconnectGranted && disconnected(e)) {
                    // The call waited on this node's stuck exchange until the watchdog reconnected it
                    // (StuckExchangeWatchdog): this node's wait, not the grid's, used up the time. Once.
                    reconnectGranted = true;
                    deadline = System.nanoTime() + retryNanos;
                    left = retryNanos;
                }
                if (!(topologyChanged(e) || rolledBack(e)) || left <= 0) {
                    throw new GridUnavailableException(e.getMessage(), e);
                }
                LOG.info("Grid call failed on a topology change (attempt {}), retrying: {}", attempt, e.getMessage());
                awaitReconnect(e, left);
                // Rounded up: the last pause ends at the deadline, not a fraction of a millisecond before it.
                pause(Math.min(pauseMillis, (left + 999_999) / 1_000_000));
                pauseMillis = Math.min(pauseMillis * 2, LONGEST_PAUSE_MILLIS);
            }
        }
    }

    /** Whether {@code failure} was caused by nodes leaving or this client reconnecting. */
    static boolean topologyChanged(Throwable failure) {
        return X.hasCause(failure, ClusterTopologyException.class, ClusterTopologyCheckedException.class,
                IgniteClientDisconnectedException.class, IgniteClientDisconnectedCheckedException.class);
    }

    /** Whether {@code failure} is this client node losing the grid, to reconnect. */
    static boolean disconnected(Throwable failure) {
        return X.hasCause(failure, IgniteClientDisconnectedException.class, IgniteClientDisconnectedCheckedException.class);
    }

    /**
     * Whether {@code failure} is a transaction Ignite rolled back whole (a topology change it held up): it
     * wrote nothing. A timeout or a deadlock is not retried here: the same locks would be waited for again.
     */
    static boolean rolledBack(Throwable failure) {
        return X.hasCause(failure, TransactionRollbackException.class, IgniteTxRollbackCheckedException.class)
                && !X.hasCause(failure, TransactionTimeoutException.class, IgniteTxTimeoutCheckedException.class,
                        TransactionDeadlockException.class);
    }

    private static void awaitReconnect(Throwable failure, long leftNanos) {
        IgniteClientDisconnectedException disconnected = X.cause(failure, IgniteClientDisconnectedException.class);
        if (disconnected != null) {
            try {
                disconnected.reconnectFuture().get(leftNanos, TimeUnit.NANOSECONDS);
            } catch (IgniteException stillDisconnected) {
                // The next attempt fails again and, past the deadline, answers 503.
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(Math.max(0, millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GridUnavailableException("interrupted while retrying a grid call", e);
        }
    }
}
