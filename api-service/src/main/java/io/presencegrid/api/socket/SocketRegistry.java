package io.presencegrid.api.socket;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;

/**
 * The sockets open on this API node: by session id, for the container's callbacks, and by user, for
 * the notices that concern every socket of one subscriber.
 */
@Component
class SocketRegistry {

    private final Map<String, SocketConnection> bySession = new ConcurrentHashMap<>();
    private final Map<String, Set<SocketConnection>> byUser = new ConcurrentHashMap<>();
    private volatile CloseStatus closedForGood;

    SocketRegistry(SocketMeters meters) {
        meters.gaugeOpenSockets(bySession);
    }

    /**
     * @return false when the node is stopping: the socket is registered, so that its close is handled like
     * any other, but closed at once, and the caller must not start anything for it
     */
    boolean opened(String sessionId, SocketConnection socket) {
        bySession.put(sessionId, socket);
        byUser.computeIfAbsent(socket.caller().userId(), user -> ConcurrentHashMap.newKeySet()).add(socket);
        CloseStatus refusal = closedForGood;
        if (refusal != null) {
            // Read after the put: a closeForGood going through the sockets meanwhile may have missed this one.
            socket.close(refusal);
            return false;
        }
        return true;
    }

    /** The socket of the session, or {@code null} when it was refused or closed. */
    SocketConnection get(String sessionId) {
        return bySession.get(sessionId);
    }

    /** The socket of the session, taken out; {@code null} when it was never in. */
    SocketConnection closed(String sessionId) {
        SocketConnection socket = bySession.remove(sessionId);
        if (socket != null) {
            byUser.computeIfPresent(socket.caller().userId(), (user, sockets) -> {
                sockets.remove(socket);
                return sockets.isEmpty() ? null : sockets;
            });
        }
        return socket;
    }

    Set<SocketConnection> ofUser(String userId) {
        return byUser.getOrDefault(userId, Set.of());
    }

    void closeAll(CloseStatus status) {
        bySession.values().forEach(socket -> socket.close(status));
    }

    /** Closes every socket, and every socket that opens from now on. */
    void closeForGood(CloseStatus status) {
        closedForGood = status;
        closeAll(status);
    }

    /** The node is stopping: no socket opens any more. */
    boolean closedForGood() {
        return closedForGood != null;
    }

    int count() {
        return bySession.size();
    }

    Set<String> sessionIds() {
        return Set.copyOf(bySession.keySet());
    }
}
