package io.presencegrid.api.socket;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * This API node's sockets by the users they follow: the in-process fan-out behind the node's single
 * continuous query. The grid is told of interest in a user when the first socket follows them and
 * when the last one stops.
 */
@Component
class SocketHub {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SocketHub.class);

    private final Map<String, Set<SocketConnection>> followers = new ConcurrentHashMap<>();
    private final InterestRegistry interest;

    SocketHub(InterestRegistry interest, SocketMeters meters) {
        this.interest = interest;
        meters.gaugeFollowedUsers(followers::size);
    }

    synchronized void follow(SocketConnection socket, Iterable<String> userIds) {
        for (String userId : userIds) {
            Set<SocketConnection> sockets = followers.computeIfAbsent(userId, id -> ConcurrentHashMap.newKeySet());
            if (sockets.isEmpty()) {
                interest.interested(userId);
            }
            sockets.add(socket);
        }
    }

    synchronized void unfollow(SocketConnection socket, Iterable<String> userIds) {
        for (String userId : userIds) {
            Set<SocketConnection> sockets = followers.get(userId);
            socket.forget(userId);
            if (sockets != null && sockets.remove(socket) && sockets.isEmpty()) {
                followers.remove(userId);
                try {
                    interest.notInterested(userId);
                } catch (RuntimeException gridUnreachable) {
                    // The local state is what matters here: with the grid gone, the servers have dropped
                    // this node's interest records already, or will when they fail it.
                    LOG.debug("Interest in {} not withdrawn: {}", userId, gridUnreachable.getMessage());
                }
            }
        }
    }

    synchronized void unfollowAll(SocketConnection socket) {
        unfollow(socket, followers.entrySet().stream()
                .filter(entry -> entry.getValue().contains(socket)).map(Map.Entry::getKey).toList());
    }

    /** Called in order, one change at a time, by the event feed. */
    void dispatch(PresenceChange change) {
        Set<SocketConnection> sockets = followers.get(change.userId());
        if (sockets != null) {
            sockets.forEach(socket -> socket.deliver(change));
        }
    }

    int followedUsers() {
        return followers.size();
    }
}
