package io.presencegrid.api.fakes;

import io.presencegrid.api.subscription.SubscriptionStore;
import io.presencegrid.tasks.subscription.SubscriptionChange;
import io.presencegrid.tasks.subscription.SubscriptionLedger;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Each subscriber's followed users, as the grid's {@link SubscriptionLedger} keeps them: in id order, and
 * a subscribe that would pass {@link SubscriptionLedger#MAX_SUBSCRIPTIONS} refused whole, nothing written.
 */
final class FakeSubscriptionStore implements SubscriptionStore {

    private final FakeGrid grid;
    private final Map<String, TreeSet<String>> followedBySubscriber = new HashMap<>();

    FakeSubscriptionStore(FakeGrid grid) {
        this.grid = grid;
    }

    @Override
    public synchronized SubscriptionChange subscribe(String subscriberId, Collection<String> userIds) {
        grid.call();
        TreeSet<String> followed = new TreeSet<>(followedBySubscriber.getOrDefault(subscriberId, new TreeSet<>()));
        Set<String> added = new LinkedHashSet<>(userIds);
        added.removeAll(followed);
        if (followed.size() + added.size() > SubscriptionLedger.MAX_SUBSCRIPTIONS) {
            return SubscriptionChange.refused(followed);
        }
        followed.addAll(added);
        followedBySubscriber.put(subscriberId, followed);
        return SubscriptionChange.applied(followed);
    }

    @Override
    public synchronized SubscriptionChange unsubscribe(String subscriberId, Collection<String> userIds) {
        grid.call();
        TreeSet<String> followed = new TreeSet<>(followedBySubscriber.getOrDefault(subscriberId, new TreeSet<>()));
        followed.removeAll(userIds);
        if (followed.isEmpty()) {
            followedBySubscriber.remove(subscriberId);
        } else {
            followedBySubscriber.put(subscriberId, followed);
        }
        return SubscriptionChange.applied(followed);
    }

    @Override
    public synchronized List<String> followed(String subscriberId) {
        grid.call();
        return List.copyOf(followedBySubscriber.getOrDefault(subscriberId, new TreeSet<>()));
    }

    /** A deleted user, in both roles: what they followed, and their place among everyone else's. */
    synchronized void forget(String userId) {
        followedBySubscriber.remove(userId);
        followedBySubscriber.values().forEach(followed -> followed.remove(userId));
        followedBySubscriber.values().removeIf(Set::isEmpty);
    }

    synchronized void clear() {
        followedBySubscriber.clear();
    }
}
