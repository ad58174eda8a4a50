package io.presencegrid.tasks.subscription;

import io.presencegrid.tasks.clock.PresenceClock;
import java.util.ArrayList;
import java.util.Collection;
import org.apache.ignite.Ignite;
import org.apache.ignite.lang.IgniteCallable;
import org.apache.ignite.resources.IgniteInstanceResource;

/**
 * Runs on the subscriber's primary node (affinity call on the subscriber id), where their index entry
 * is local and gets locked first; the SUBSCRIPTION rows go to the followed users' nodes in the same
 * transaction.
 */
public final class ChangeSubscriptionsJob implements IgniteCallable<SubscriptionChange> {

    private static final long serialVersionUID = 1L;

    private final String subscriberId;
    private final ArrayList<String> userIds;
    private final boolean subscribe;

    private ChangeSubscriptionsJob(String subscriberId, Collection<String> userIds, boolean subscribe) {
        this.subscriberId = subscriberId;
        this.userIds = new ArrayList<>(userIds);
        this.subscribe = subscribe;
    }

    public static ChangeSubscriptionsJob subscribe(String subscriberId, Collection<String> userIds) {
        return new ChangeSubscriptionsJob(subscriberId, userIds, true);
    }

    public static ChangeSubscriptionsJob unsubscribe(String subscriberId, Collection<String> userIds) {
        return new ChangeSubscriptionsJob(subscriberId, userIds, false);
    }

    @IgniteInstanceResource
    private transient Ignite ignite;

    @Override
    public SubscriptionChange call() {
        SubscriptionLedger ledger = new SubscriptionLedger(ignite, PresenceClock.MILLISECONDS);
        return subscribe ? ledger.subscribe(subscriberId, userIds) : ledger.unsubscribe(subscriberId, userIds);
    }
}
