package io.presencegrid.tasks.presence;

import io.presencegrid.schema.CacheNames;
import io.presencegrid.schema.Subscription;
import io.presencegrid.schema.SubscriptionKey;
import java.util.HashSet;
import java.util.Set;
import javax.cache.Cache;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.query.QueryCursor;
import org.apache.ignite.cache.query.ScanQuery;
import org.apache.ignite.lang.IgniteCallable;
import org.apache.ignite.resources.IgniteInstanceResource;

/**
 * Broadcast to every server node: removes the subscriptions a deleted user held as subscriber. Those
 * rows live with the users they follow, all over the grid, so each node scans its own primary
 * partitions. A scan rather than SQL on the SUBSCRIBER_ID index: it needs no query engine on the node,
 * and deletes are rare. Answers how many rows this node removed.
 */
public final class PurgeSubscriberJob implements IgniteCallable<Integer> {

    private static final long serialVersionUID = 1L;

    private final String subscriberId;

    @IgniteInstanceResource
    private transient Ignite ignite;

    public PurgeSubscriberJob(String subscriberId) {
        this.subscriberId = subscriberId;
    }

    @Override
    public Integer call() {
        IgniteCache<SubscriptionKey, Subscription> subscriptions = ignite.cache(CacheNames.SUBSCRIPTION);
        Set<SubscriptionKey> held = new HashSet<>();
        for (int partition : ignite.affinity(CacheNames.SUBSCRIPTION).primaryPartitions(ignite.cluster().localNode())) {
            ScanQuery<SubscriptionKey, Subscription> scan = new ScanQuery<SubscriptionKey, Subscription>(partition)
                    .setLocal(true)
                    .setFilter((key, value) -> key.subscriberId().equals(subscriberId));
            try (QueryCursor<Cache.Entry<SubscriptionKey, Subscription>> rows = subscriptions.query(scan)) {
                rows.forEach(row -> held.add(row.getKey()));
            }
        }
        subscriptions.removeAll(held);
        return held.size();
    }
}
