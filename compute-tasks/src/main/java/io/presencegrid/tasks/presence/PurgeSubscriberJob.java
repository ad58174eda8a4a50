package io.presencegrid.tasks.presence;

import io.presencegrid.schema.CacheNames;
import io.presencegrid.schema.SubscriptionKey;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.query.FieldsQueryCursor;
import org.apache.ignite.cache.query.SqlFieldsQuery;
import org.apache.ignite.lang.IgniteCallable;
import org.apache.ignite.resources.IgniteInstanceResource;

/**
 * Broadcast to every server node: removes the subscriptions a deleted user held as subscriber. Those
 * rows live with the users they follow, all over the grid, so each node finds its own through the
 * SUBSCRIBER_ID index with a local query. Answers how many rows this node removed.
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
        IgniteCache<SubscriptionKey, Object> subscriptions = ignite.cache(CacheNames.SUBSCRIPTION);
        SqlFieldsQuery held = new SqlFieldsQuery("SELECT USER_ID FROM SUBSCRIPTION WHERE SUBSCRIBER_ID = ?")
                .setArgs(subscriberId)
                .setLocal(true);
        Set<SubscriptionKey> keys = new HashSet<>();
        try (FieldsQueryCursor<List<?>> rows = subscriptions.query(held)) {
            rows.forEach(row -> keys.add(new SubscriptionKey((String) row.get(0), subscriberId)));
        }
        subscriptions.removeAll(keys);
        return keys.size();
    }
}
