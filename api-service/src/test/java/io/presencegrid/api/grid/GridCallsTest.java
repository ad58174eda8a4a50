package io.presencegrid.api.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.presencegrid.api.web.GridUnavailableException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.CacheException;
import org.apache.ignite.IgniteClientDisconnectedException;
import org.apache.ignite.IgniteException;
import org.apache.ignite.cluster.ClusterTopologyException;
import org.apache.ignite.compute.ComputeUserUndeclaredException;
import org.apache.ignite.internal.cluster.ClusterTopologyCheckedException;
import org.apache.ignite.internal.util.future.IgniteFinishedFutureImpl;
import org.apache.ignite.transactions.TransactionRollbackException;
import org.apache.ignite.transactions.TransactionTimeoutException;
import org.junit.jupiter.api.Test;

class GridCallsTest {

    private final GridCalls calls = new GridCalls(new GridProperties("api-test", "127.0.0.1:47500", 47120, "var", 1000, 1000, 1_500,
            new GridProperties.Tls("off", null, null, null, null), "off",
            "127.0.0.1", null, 10820));

    @Test
    void aCallBrokenByATopologyChangeIsMadeAgainUntilItSucceeds() {
        AtomicInteger attempts = new AtomicInteger();

        String answer = calls.call(() -> {
            if (attempts.incrementAndGet() < 3) {
                // What a job that lost its primary mid-transaction comes back as.
                throw new ComputeUserUndeclaredException("Remote job threw user exception",
                        new ClusterTopologyException("Failed to acquire lock for keys (primary node left grid, retry transaction if possible)"));
            }
            return "done";
        });

        assertThat(answer).isEqualTo("done");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void aCacheOperationFailingOnANodeLeavingIsRetriedToo() {
        AtomicInteger attempts = new AtomicInteger();

        int answer = calls.call(() -> {
            if (attempts.incrementAndGet() == 1) {
                throw new CacheException(new IgniteException(new ClusterTopologyCheckedException("node left")));
            }
            return 7;
        });

        assertThat(answer).isEqualTo(7);
    }

    @Test
    void aTransactionRolledBackForAHeldUpTopologyChangeIsMadeAgain() {
        AtomicInteger attempts = new AtomicInteger();

        String answer = calls.call(() -> {
            if (attempts.incrementAndGet() == 1) {
                throw new CacheException(new TransactionRollbackException(
                        "The transaction was forcibly rolled back on partition map exchange because a timeout is reached"));
            }
            return "written";
        });

        assertThat(answer).isEqualTo("written");
        assertThat(attempts).hasValue(2);
    }

    @Test
    void aTransactionThatTimedOutOnItsLocksAnswers503AtOnce() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> calls.call(() -> {
            attempts.incrementAndGet();
            throw new CacheException(new TransactionTimeoutException("Failed to acquire lock within provided timeout",
                    new TransactionRollbackException("rolled back after its timeout")));
        })).isInstanceOf(GridUnavailableException.class);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void aCallThatWaitedPastItsRetryTimeUntilThisNodeReconnectedIsMadeOnceMore() {
        AtomicInteger attempts = new AtomicInteger();

        String answer = calls.call(() -> {
            if (attempts.incrementAndGet() == 1) {
                // As a write held by a stuck exchange until the watchdog reconnects the client.
                sleep(1_700);
                throw new IgniteClientDisconnectedException(new IgniteFinishedFutureImpl<>(), "client node reconnected");
            }
            return "written";
        });

        assertThat(answer).isEqualTo("written");
        assertThat(attempts).hasValue(2);
    }

    @Test
    void aCallLosingTheGridAgainAfterItsExtraRetryTimeAnswers503() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> calls.call(() -> {
            attempts.incrementAndGet();
            sleep(1_700);
            throw new IgniteClientDisconnectedException(new IgniteFinishedFutureImpl<>(), "client node reconnected");
        })).isInstanceOf(GridUnavailableException.class);
        assertThat(attempts).hasValue(2);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void anyOtherGridFailureAnswers503AtOnce() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> calls.call(() -> {
            attempts.incrementAndGet();
            throw new IgniteException("Cannot perform the operation because the cluster is inactive");
        })).isInstanceOf(GridUnavailableException.class);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void aTopologyThatKeepsFailingAnswers503OnceTheRetryBoundHasPassed() {
        AtomicInteger attempts = new AtomicInteger();
        long started = System.nanoTime();

        assertThatThrownBy(() -> calls.call(() -> {
            attempts.incrementAndGet();
            throw new ClusterTopologyException("all partition owners have left the grid");
        })).isInstanceOf(GridUnavailableException.class);

        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        assertThat(tookMillis).isBetween(1_400L, 5_000L);
        assertThat(attempts.get()).isBetween(3, 20);
    }
}
