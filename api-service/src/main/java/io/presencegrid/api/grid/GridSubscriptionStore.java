package io.presencegrid.api.grid;

import io.presencegrid.api.subscription.SubscriptionStore;
import io.presencegrid.api.web.GridUnavailableException;
import io.presencegrid.schema.CacheNames;
import io.presencegrid.tasks.subscription.ChangeSubscriptionsJob;
import io.presencegrid.tasks.subscription.SubscriptionChange;
import java.util.Collection;
import javax.cache.CacheException;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteException;
import org.springframework.stereotype.Component;

/**
 * Subscriptions in the grid: one affinity call to the subscriber's primary node, which locks the
 * subscriber's index entry and writes the SUBSCRIPTION rows next to the followed users.
 */
@Component
class GridSubscriptionStore implements SubscriptionStore {

    private final Ignite ignite;

    GridSubscriptionStore(Ignite ignite) {
        this.ignite = ignite;
    }

    @Override
    public SubscriptionChange subscribe(String subscriberId, Collection<String> userIds) {
        return call(subscriberId, ChangeSubscriptionsJob.subscribe(subscriberId, userIds));
    }

    @Override
    public SubscriptionChange unsubscribe(String subscriberId, Collection<String> userIds) {
        return call(subscriberId, ChangeSubscriptionsJob.unsubscribe(subscriberId, userIds));
    }

    @Override
    public java.util.List<String> followed(String subscriberId) {
        try {
            io.presencegrid.schema.FollowedUsers followed =
                    ignite.<String, io.presencegrid.schema.FollowedUsers>cache(CacheNames.SUBSCRIBER_INDEX).get(subscriberId);
            return followed == null ? java.util.List.of() : java.util.List.copyOf(followed.userIds());
        } catch (IgniteException | CacheException e) {
            throw new GridUnavailableException(e.getMessage(), e);
        }
    }

    private SubscriptionChange call(String subscriberId, ChangeSubscriptionsJob job) {
        try {
            return ignite.compute().affinityCall(CacheNames.SUBSCRIBER_INDEX, subscriberId, job);
        } catch (IgniteException | CacheException e) {
            throw new GridUnavailableException(e.getMessage(), e);
        }
    }
}
