package io.presencegrid.schema;

import java.util.Objects;
import org.apache.ignite.cache.affinity.AffinityKeyMapped;

/**
 * "API node {@code apiNodeId} has at least one socket following {@code userId}": the key of the
 * SOCKET_INTEREST cache. Colocated with the user's PRESENCE row, so the continuous query's remote filter
 * answers "does anyone on that API node care?" with a local lookup on the node where the change happens.
 */
public final class InterestKey {

    @AffinityKeyMapped
    private final String userId;
    private final String apiNodeId;

    public InterestKey(String userId, String apiNodeId) {
        this.userId = Objects.requireNonNull(userId, "userId");
        this.apiNodeId = Objects.requireNonNull(apiNodeId, "apiNodeId");
    }

    public String userId() {
        return userId;
    }

    public String apiNodeId() {
        return apiNodeId;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof InterestKey that && userId.equals(that.userId) && apiNodeId.equals(that.apiNodeId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(userId, apiNodeId);
    }

    @Override
    public String toString() {
        return apiNodeId + "->" + userId;
    }
}
