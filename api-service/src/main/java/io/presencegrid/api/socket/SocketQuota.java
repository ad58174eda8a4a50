package io.presencegrid.api.socket;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * How many sockets each user holds open on this API node, capped at {@code presence.socket.max-per-user}.
 * Before the cap, what bounded one user was the rate of their handshakes alone, so given time one user
 * could hold every file descriptor the node has (the fuzz drill's flood held about 2,000 in 4 minutes).
 */
@Component
class SocketQuota {

    private final int maxPerUser;
    private final Map<String, Integer> open = new ConcurrentHashMap<>();

    SocketQuota(SocketProperties properties) {
        if (properties.maxPerUser() < 1) {
            throw new IllegalArgumentException("presence.socket.max-per-user must be at least 1, was " + properties.maxPerUser());
        }
        this.maxPerUser = properties.maxPerUser();
    }

    int maxPerUser() {
        return maxPerUser;
    }

    /** Whether {@code userId} holds as many sockets as allowed: a handshake now would be refused. */
    boolean full(String userId) {
        return open.getOrDefault(userId, 0) >= maxPerUser;
    }

    /** Counts a socket of {@code userId} in, unless that would be one over the cap. */
    boolean tryOpen(String userId) {
        boolean[] counted = {false};
        open.compute(userId, (id, count) -> {
            int current = count == null ? 0 : count;
            if (current >= maxPerUser) {
                return count;
            }
            counted[0] = true;
            return current + 1;
        });
        return counted[0];
    }

    /** A socket counted by {@link #tryOpen} closed. */
    void closed(String userId) {
        open.computeIfPresent(userId, (id, count) -> count <= 1 ? null : count - 1);
    }
}
