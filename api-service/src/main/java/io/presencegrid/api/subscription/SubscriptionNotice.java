package io.presencegrid.api.subscription;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A subscriber's subscriptions changed: the users added or removed, and the socket whose own frame made
 * the change (it applies the change itself), or {@code null} for a REST request. Crosses the grid
 * between API nodes, so a plain class: Ignite's marshaller cannot write a record's final fields.
 */
public final class SubscriptionNotice implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String subscriberId;
    private final ArrayList<String> added;
    private final ArrayList<String> removed;
    private final String originSocket;

    private SubscriptionNotice(String subscriberId, List<String> added, List<String> removed, String originSocket) {
        this.subscriberId = Objects.requireNonNull(subscriberId, "subscriberId");
        this.added = new ArrayList<>(added);
        this.removed = new ArrayList<>(removed);
        this.originSocket = originSocket;
    }

    static SubscriptionNotice added(String subscriberId, List<String> userIds, String originSocket) {
        return new SubscriptionNotice(subscriberId, userIds, List.of(), originSocket);
    }

    static SubscriptionNotice removed(String subscriberId, List<String> userIds, String originSocket) {
        return new SubscriptionNotice(subscriberId, List.of(), userIds, originSocket);
    }

    public String subscriberId() {
        return subscriberId;
    }

    public List<String> added() {
        return added;
    }

    public List<String> removed() {
        return removed;
    }

    /** Whether the change came from this socket's own frame. */
    public boolean cameFrom(String socketId) {
        return socketId.equals(originSocket);
    }
}
