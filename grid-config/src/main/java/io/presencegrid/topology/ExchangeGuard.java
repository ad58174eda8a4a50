package io.presencegrid.topology;

import org.apache.ignite.configuration.TransactionConfiguration;

/**
 * Keeps one stuck transaction from freezing every write. A node joining or leaving starts a partition map
 * exchange, which waits for every transaction begun on the old topology to finish; until it completes, no
 * cache write anywhere proceeds. Ignite waits for such a transaction forever unless
 * {@code txTimeoutOnPartitionMapExchange} is set; with it, the node that began the transaction rolls it
 * back once the exchange has waited that long, and the exchange goes on. The rollback writes nothing, and
 * the API's grid calls are repeatable, so the API makes the call again (GridCalls). Ignite applies the
 * timeout where the transaction began, so servers and API nodes both carry it.
 *
 * <p>Ignite's "long running transactions termination" (TransactionConfiguration#setTxTimeoutOnPartitionMapExchange).
 */
public final class ExchangeGuard {

    /**
     * Longer than any transaction of ours takes when healthy (milliseconds; the slowest, a 1,000-user
     * subscribe, has a 10 s timeout of its own), shorter than the 15 s an API request retries for.
     */
    public static final long TX_TIMEOUT_ON_EXCHANGE_MILLIS = 10_000;

    private ExchangeGuard() {
    }

    /** The transaction settings of every node of ours. */
    public static TransactionConfiguration transactions() {
        return new TransactionConfiguration().setTxTimeoutOnPartitionMapExchange(TX_TIMEOUT_ON_EXCHANGE_MILLIS);
    }
}
