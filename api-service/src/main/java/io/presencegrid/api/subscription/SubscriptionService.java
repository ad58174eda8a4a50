package io.presencegrid.api.subscription;

import io.presencegrid.api.auth.Caller;
import io.presencegrid.api.presence.PresenceService;
import io.presencegrid.api.web.InvalidFieldException;
import io.presencegrid.tasks.subscription.SubscriptionChange;
import io.presencegrid.tasks.subscription.SubscriptionLedger;
import java.util.LinkedHashSet;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Subscribing and unsubscribing, for the REST endpoints and (next) the socket frames alike. Acting for
 * another subscriber needs the admin scope; a subscriber follows at most 1,000 users.
 */
@Service
public class SubscriptionService {

    private final SubscriptionStore store;
    private final PresenceService presence;

    SubscriptionService(SubscriptionStore store, PresenceService presence) {
        this.store = store;
        this.presence = presence;
    }

    public SubscriptionView subscribe(Caller caller, String subscriberId, List<String> userIds) {
        caller.requireMayActFor("subscriberId", subscriberId);
        SubscriptionChange change = store.subscribe(subscriberId, new LinkedHashSet<>(userIds));
        if (change.overLimit()) {
            throw new InvalidFieldException("userIds", "a subscriber follows at most " + SubscriptionLedger.MAX_SUBSCRIPTIONS
                    + " users; " + subscriberId + " follows " + change.followed().size());
        }
        return view(caller, subscriberId, change);
    }

    public SubscriptionView unsubscribe(Caller caller, String subscriberId, List<String> userIds) {
        caller.requireMayActFor("subscriberId", subscriberId);
        return view(caller, subscriberId, store.unsubscribe(subscriberId, new LinkedHashSet<>(userIds)));
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
