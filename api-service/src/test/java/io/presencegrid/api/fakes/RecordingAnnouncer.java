package io.presencegrid.api.fakes;

import io.presencegrid.api.subscription.SubscriptionAnnouncer;
import io.presencegrid.api.subscription.SubscriptionNotice;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * One API node's announcer with no other nodes: every notice reaches this node's listeners at once, in
 * order, and is kept so a test can see what the sockets would have been told.
 */
public final class RecordingAnnouncer implements SubscriptionAnnouncer {

    private final List<SubscriptionNotice> announced = new CopyOnWriteArrayList<>();
    private final List<Consumer<SubscriptionNotice>> listeners = new CopyOnWriteArrayList<>();

    @Override
    public void announce(SubscriptionNotice notice) {
        announced.add(notice);
        listeners.forEach(listener -> listener.accept(notice));
    }

    @Override
    public void onNotice(Consumer<SubscriptionNotice> listener) {
        listeners.add(listener);
    }

    public List<SubscriptionNotice> announced() {
        return List.copyOf(announced);
    }

    void clear() {
        announced.clear();
    }
}
