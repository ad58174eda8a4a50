package io.presencegrid.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.presencegrid.schema.CacheNames;
import io.presencegrid.schema.Subscription;
import io.presencegrid.schema.SubscriptionKey;
import io.presencegrid.testing.GridTestCluster;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.IgniteException;
import org.apache.ignite.transactions.Transaction;
import org.apache.ignite.transactions.TransactionConcurrency;
import org.apache.ignite.transactions.TransactionIsolation;
import org.apache.ignite.transactions.TransactionState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A transaction left open does not freeze the grid: a node joining waits for it only as long as the
 * servers' configuration says, then the transaction is rolled back and the join, and every write after
 * it, goes on. Without the guard the join would wait for the transaction for ever.
 */
class ExchangeGuardIT {

    private static GridTestCluster grid;

    @BeforeAll
    static void startGrid() {
        grid = GridTestCluster.create("exchange-guard", ServerAssembly::configuration).startActive(2);
    }

    @AfterAll
    static void stopGrid() {
        grid.close();
    }

    @Test
    void aTransactionHoldingUpANodesJoinIsRolledBackAndWritesGoOn() throws Exception {
        Ignite node = grid.node(0);
        IgniteCache<SubscriptionKey, Subscription> subscriptions = node.cache(CacheNames.SUBSCRIPTION);
        SubscriptionKey held = new SubscriptionKey("held-user", "held-follower");
        Transaction forgotten = node.transactions().txStart(TransactionConcurrency.PESSIMISTIC, TransactionIsolation.REPEATABLE_READ);
        subscriptions.put(held, new Subscription(Instant.now()));

        // Long enough for the guard's 10 s and the join itself; a join that waits for the transaction
        // for ever fails the test here instead of hanging it.
        Ignite joined = CompletableFuture.supplyAsync(() -> grid.startNode(2)).get(90, TimeUnit.SECONDS);

        assertThat(forgotten.state()).isIn(TransactionState.ROLLING_BACK, TransactionState.ROLLED_BACK);
        assertThatThrownBy(forgotten::commit).isInstanceOf(IgniteException.class);
        forgotten.close();
        assertThat(joined.cluster().forServers().nodes()).hasSize(3);
        IgniteCache<SubscriptionKey, Subscription> fromJoined = joined.cache(CacheNames.SUBSCRIPTION);
        assertThat(fromJoined.get(held)).as("the rolled-back write").isNull();
        fromJoined.put(held, new Subscription(Instant.now()));
        assertThat(subscriptions.get(held)).isNotNull();
    }
}
