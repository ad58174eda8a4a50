package io.presencegrid.api.subscription;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.presencegrid.api.auth.Caller;
import io.presencegrid.api.presence.PresenceService;
import io.presencegrid.api.web.InvalidFieldException;
import io.presencegrid.tasks.subscription.SubscriptionChange;
import io.presencegrid.tasks.subscription.SubscriptionLedger;
import java.util.LinkedHashSet;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Subscribing and unsubscribing, for the REST endpoints and the socket frames alike; every change is
 * announced to the subscriber's open sockets on all API nodes. Acting for
 * another subscriber needs the admin scope; a subscriber follows at most 1,000 users.
 */
@Service
public class SubscriptionService {

    private final SubscriptionStore store;
    private final PresenceService presence;
    private final SubscriptionAnnouncer announcer;
    private final Counter added;
    private final Counter removed;

    SubscriptionService(SubscriptionStore store, PresenceService presence, SubscriptionAnnouncer announcer, MeterRegistry meters) {
        this.store = store;
        this.presence = presence;
        this.announcer = announcer;
        // Per user id in applied requests, repeats included: the grid's subscription row count
        // (presence.grid.cache.entries{cache="subscription"}) is the standing total.
        this.added = Counter.builder("presence.subscriptions.added")
                .description("User ids in applied subscribe requests (REST and socket)").register(meters);
        this.removed = Counter.builder("presence.subscriptions.removed")
                .description("User ids in applied unsubscribe requests (REST and socket)").register(meters);
    }

    public SubscriptionView subscribe(Caller caller, String subscriberId, List<String> userIds) {
        return subscribe(caller, subscriberId, userIds, null);
    }

    /**
     * @param originSocket the socket whose frame asks, which follows the users itself; {@code null} for REST.
     *                     Every other open socket of the subscriber, on any API node, is told.
     */
    public SubscriptionView subscribe(Caller caller, String subscriberId, List<String> userIds, String originSocket) {
        caller.requireMayActFor("subscriberId", subscriberId);
        SubscriptionChange change = store.subscribe(subscriberId, new LinkedHashSet<>(userIds));
        if (change.overLimit()) {
            throw new InvalidFieldException("userIds", "a subscriber follows at most " + SubscriptionLedger.MAX_SUBSCRIPTIONS
                    + " users; " + subscriberId + " follows " + change.followed().size());
        }
        added.increment(userIds.stream().distinct().count());
        announcer.announce(SubscriptionNotice.added(subscriberId, userIds, originSocket));
        return view(caller, subscriberId, change);
    }

    public SubscriptionView unsubscribe(Caller caller, String subscriberId, List<String> userIds) {
        return unsubscribe(caller, subscriberId, userIds, null);
    }

    /** @param originSocket as for {@link #subscribe(Caller, String, List, String)} */
    public SubscriptionView unsubscribe(Caller caller, String subscriberId, List<String> userIds, String originSocket) {
        caller.requireMayActFor("subscriberId", subscriberId);
        SubscriptionChange change = store.unsubscribe(subscriberId, new LinkedHashSet<>(userIds));
        removed.increment(userIds.stream().distinct().count());
        announcer.announce(SubscriptionNotice.removed(subscriberId, userIds, originSocket));
        return view(caller, subscriberId, change);
    }

    /** Whom the subscriber follows now, in id order. */
    public List<String> followed(Caller caller, String subscriberId) {
        caller.requireMayActFor("subscriberId", subscriberId);
        return store.followed(subscriberId);
    }

    private SubscriptionView view(Caller caller, String subscriberId, SubscriptionChange change) {
        List<String> followed = change.followed();
        return new SubscriptionView(subscriberId, followed,
                followed.isEmpty() ? List.of() : presence.getAll(caller, followed).presence());
    }
}
