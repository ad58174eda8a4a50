package io.presencegrid.api.subscription;

import io.presencegrid.tasks.subscription.SubscriptionChange;
import java.util.Collection;

/** Durable subscriptions, shared by every API node. */
public interface SubscriptionStore {

    SubscriptionChange subscribe(String subscriberId, Collection<String> userIds);

    SubscriptionChange unsubscribe(String subscriberId, Collection<String> userIds);

    java.util.List<String> followed(String subscriberId);
}
