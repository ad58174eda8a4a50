package io.presencegrid.schema;

import java.util.Objects;
import org.apache.ignite.cache.affinity.AffinityKeyMapped;

/**
 * Key of one subscription: {@code subscriberId} follows {@code userId}. Affinity on the followed user
 * keeps a user's followers next to their PRESENCE row, where change events are filtered.
 */
public final class SubscriptionKey implements Comparable<SubscriptionKey> {

    @AffinityKeyMapped
    private final String userId;
    private final String subscriberId;

    public SubscriptionKey(String userId, String subscriberId) {
        this.userId = Objects.requireNonNull(userId, "userId");
        this.subscriberId = Objects.requireNonNull(subscriberId, "subscriberId");
    }

    public String userId() {
        return userId;
    }

    public String subscriberId() {
        return subscriberId;
    }

    /** Key order, so multi-key writes lock in one order everywhere and cannot deadlock each other. */
    @Override
    public int compareTo(SubscriptionKey other) {
        int byUser = userId.compareTo(other.userId);
        return byUser != 0 ? byUser : subscriberId.compareTo(other.subscriberId);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SubscriptionKey that
                && userId.equals(that.userId) && subscriberId.equals(that.subscriberId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(userId, subscriberId);
    }

    @Override
    public String toString() {
        return subscriberId + "->" + userId;
    }
}
