package io.presencegrid.tasks.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.CacheException;
import org.apache.ignite.IgniteException;
import org.apache.ignite.internal.transactions.IgniteTxOptimisticCheckedException;
import org.apache.ignite.internal.transactions.IgniteTxTimeoutCheckedException;
import org.apache.ignite.logger.NullLogger;
import org.apache.ignite.transactions.TransactionDeadlockException;
import org.apache.ignite.transactions.TransactionOptimisticException;
import org.apache.ignite.transactions.TransactionTimeoutException;
import org.junit.jupiter.api.Test;

class TransactionRetryTest {

    private final TransactionRetry retry = new TransactionRetry(3, new NullLogger());

    @Test
    void aTransactionThatTimedOutRunsAgainUntilItCommits() {
        AtomicInteger calls = new AtomicInteger();
        String result = retry.run("subscribe", () -> {
            if (calls.incrementAndGet() < 3) {
                throw new CacheException("lock wait", new TransactionTimeoutException("timed out"));
            }
            return "applied";
        });
        assertThat(result).isEqualTo("applied");
        assertThat(calls).hasValue(3);
    }

    @Test
    void theLastTimeoutReachesTheCaller() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> retry.run("subscribe", () -> {
            calls.incrementAndGet();
            throw new TransactionTimeoutException("timed out");
        })).isInstanceOf(TransactionTimeoutException.class);
        assertThat(calls).hasValue(3);
    }

    @Test
    void otherFailuresAreNotRetried() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> retry.run("subscribe", () -> {
            calls.incrementAndGet();
            throw new IgniteException("cache stopped");
        })).hasMessage("cache stopped");
        assertThat(calls).hasValue(1);
    }

    @Test
    void aTransactionThatLostARaceRunsAgain() {
        AtomicInteger calls = new AtomicInteger();
        String result = retry.run("subscribe", () -> {
            if (calls.incrementAndGet() == 1) {
                throw new CacheException(new TransactionOptimisticException("index entry changed since read"));
            }
            return "applied";
        });
        assertThat(result).isEqualTo("applied");
        assertThat(calls).hasValue(2);
    }

    @Test
    void recognisesConflictsTimeoutsAndDeadlocksHoweverWrapped() {
        assertThat(TransactionRetry.worthRetrying(new IgniteException(new IgniteTxOptimisticCheckedException("conflict")))).isTrue();
        assertThat(TransactionRetry.worthRetrying(new CacheException(new TransactionDeadlockException("cycle")))).isTrue();
        assertThat(TransactionRetry.worthRetrying(new IgniteException(new IgniteTxTimeoutCheckedException("late")))).isTrue();
        assertThat(TransactionRetry.worthRetrying(new IgniteException("other", new IllegalStateException()))).isFalse();
    }

    @Test
    void refusesFewerThanOneAttempt() {
        assertThatThrownBy(() -> new TransactionRetry(0, new NullLogger())).isInstanceOf(IllegalArgumentException.class);
    }
}
