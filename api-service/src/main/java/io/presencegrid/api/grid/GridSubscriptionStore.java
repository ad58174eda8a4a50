package io.presencegrid.api.grid;

import io.presencegrid.api.subscription.SubscriptionStore;
import io.presencegrid.schema.CacheNames;
import io.presencegrid.schema.FollowedUsers;
import io.presencegrid.tasks.subscription.ChangeSubscriptionsJob;
import io.presencegrid.tasks.subscription.SubscriptionChange;
import java.util.Collection;
import java.util.List;
import org.apache.ignite.Ignite;
import org.springframework.stereotype.Component;

/**
 * Subscriptions in the grid: one affinity call to the subscriber's primary node, which locks the
 * subscriber's index entry and writes the SUBSCRIPTION rows next to the followed users.
 */
@Component
class GridSubscriptionStore implements SubscriptionStore {

    private final Ignite ignite;
    private final GridCalls grid;

    GridSubscriptionStore(Ignite ignite, GridCalls grid) {
        this.ignite = ignite;
        this.grid = grid;
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
    public List<String> followed(String subscriberId) {
        FollowedUsers followed = grid.call(() -> ignite.<String, FollowedUsers>cache(CacheNames.SUBSCRIBER_INDEX).get(subscriberId));
        return followed == null ? List.of() : List.copyOf(followed.userIds());
    }

    private SubscriptionChange call(String subscriberId, ChangeSubscriptionsJob job) {
        return grid.call(() -> ignite.compute().affinityCall(CacheNames.SUBSCRIBER_INDEX, subscriberId, job));
    }
}
