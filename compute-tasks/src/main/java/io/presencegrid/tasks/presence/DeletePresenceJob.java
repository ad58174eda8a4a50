package io.presencegrid.tasks.presence;

import io.presencegrid.schema.CacheNames;
import io.presencegrid.schema.Subscription;
import io.presencegrid.schema.SubscriptionKey;
import io.presencegrid.tasks.clock.PresenceClock;
import io.presencegrid.tasks.subscription.SubscriptionLedger;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
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
 *
 * <p>The retention purge sends the same job with a cutoff: then the user goes only if still inactive
 * since the cutoff (checked under the user's lock), and nothing at all happens otherwise.
 */
public final class DeletePresenceJob implements IgniteCallable<Boolean> {

    private static final long serialVersionUID = 1L;

    /** The caches a delete touches, in both of the user's roles: pin them all in the affinity call. */
    public static final List<String> CACHES = List.of(CacheNames.PRESENCE, CacheNames.DEVICE_SESSION,
            CacheNames.SUBSCRIPTION, CacheNames.SUBSCRIBER_INDEX, CacheNames.DEVICE_CHANNELS);

    private final String userId;
    /** Epoch millis: delete only a user inactive since then. {@code null}: delete unconditionally. */
    private final Long inactiveSinceMillis;

    @IgniteInstanceResource
    private transient Ignite ignite;

    public DeletePresenceJob(String userId) {
        this(userId, null);
    }

    private DeletePresenceJob(String userId, Long inactiveSinceMillis) {
        this.userId = userId;
        this.inactiveSinceMillis = inactiveSinceMillis;
    }

    /** The retention purge's delete: only if the user has been inactive since {@code cutoff}. */
    public static DeletePresenceJob ifInactiveSince(String userId, Instant cutoff) {
        return new DeletePresenceJob(userId, cutoff.toEpochMilli());
    }

    @Override
    public Boolean call() {
        UserPresenceStore store = new UserPresenceStore(ignite);
        boolean existed;
        if (inactiveSinceMillis == null) {
            existed = store.delete(userId);
        } else {
            UserPresenceStore.InactiveRemoval removal = store.deleteIfInactiveSince(userId, Instant.ofEpochMilli(inactiveSinceMillis));
            if (removal == UserPresenceStore.InactiveRemoval.KEPT_ACTIVE) {
                // Active again: the purge leaves the user and their subscriptions alone.
                return false;
            }
            // ABSENT goes on: a failed earlier attempt may have removed the row but not the subscriptions.
            existed = removal == UserPresenceStore.InactiveRemoval.DELETED;
        }
        SubscriptionLedger ledger = new SubscriptionLedger(ignite, PresenceClock.MILLISECONDS);
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
