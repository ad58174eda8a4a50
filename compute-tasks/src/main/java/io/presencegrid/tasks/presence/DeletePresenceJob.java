package io.presencegrid.tasks.presence;

import io.presencegrid.schema.CacheNames;
import io.presencegrid.schema.Subscription;
import io.presencegrid.schema.SubscriptionKey;
import io.presencegrid.tasks.subscription.SubscriptionLedger;
import java.time.Clock;
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
 * Runs on the user's primary node (affinity call): removes the user's sessions and PRESENCE row, the
 * subscriptions they held (listed in their SUBSCRIBER_INDEX entry, local) and those that follow them
 * (SUBSCRIPTION rows colocated with the user, found by a local scan of the user's one partition), and
 * takes the user out of their followers' indexes. Answers whether there was anything to delete.
 */
public final class DeletePresenceJob implements IgniteCallable<Boolean> {

    private static final long serialVersionUID = 1L;

    private final String userId;

    @IgniteInstanceResource
    private transient Ignite ignite;

    public DeletePresenceJob(String userId) {
        this.userId = userId;
    }

    @Override
    public Boolean call() {
        boolean existed = new UserPresenceStore(ignite, UserPresenceStore.MILLISECOND_CLOCK).delete(userId);
        SubscriptionLedger ledger = new SubscriptionLedger(ignite, UserPresenceStore.MILLISECOND_CLOCK);
        boolean followedAnyone = !ledger.followedBy(userId).isEmpty();
        IgniteCache<SubscriptionKey, Subscription> subscriptions = ignite.cache(CacheNames.SUBSCRIPTION);
        int partition = ignite.affinity(CacheNames.SUBSCRIPTION).partition(userId);
        Set<String> followers = new HashSet<>();
        ScanQuery<SubscriptionKey, Subscription> scan = new ScanQuery<SubscriptionKey, Subscription>(partition)
                .setFilter((key, value) -> key.userId().equals(userId));
        try (QueryCursor<Cache.Entry<SubscriptionKey, Subscription>> rows = subscriptions.query(scan)) {
            rows.forEach(row -> followers.add(row.getKey().subscriberId()));
        }
        ledger.forget(userId, followers);
        return existed || followedAnyone || !followers.isEmpty();
    }
}
