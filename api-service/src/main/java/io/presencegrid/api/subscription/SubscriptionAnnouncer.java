package io.presencegrid.api.subscription;

import java.util.function.Consumer;

/**
 * Tells every API node that a subscriber's subscriptions changed, so that the subscriber's open sockets,
 * wherever they are connected, follow the added users at once (a snapshot of them, then their events)
 * and stop following the removed ones, instead of learning of it at their next connect.
 */
public interface SubscriptionAnnouncer {

    /** Best effort: a notice lost (the grid away) leaves the sockets as they are until they reconnect. */
    void announce(SubscriptionNotice notice);

    /** {@code listener} hears every notice, this node's own included, one at a time, in the order they came. */
    void onNotice(Consumer<SubscriptionNotice> listener);
}
