package io.presencegrid.api.socket;

import io.presencegrid.api.auth.Caller;
import io.presencegrid.api.presence.PresenceView;
import io.presencegrid.api.presence.PresenceViews;
import io.presencegrid.schema.ChangeReason;
import io.presencegrid.schema.PresenceStatus;
import io.presencegrid.tasks.presence.PresenceSnapshot;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.SessionLimitExceededException;

/**
 * One open socket: who it belongs to, the device it keeps alive (if any), and the last version it was
 * sent of each followed user, so no event goes out twice or backwards. While a user's snapshot is
 * being read, that user's events wait here and are released after the snapshot, newer ones only: a
 * snapshot followed by events has no gap and no stale overwrite.
 *
 * <p>Outbound frames go through a bounded buffer ({@link ConcurrentWebSocketSessionDecorator}); a client
 * too slow to drain it is closed with 1013 rather than let the buffer grow.
 */
final class SocketConnection {

    static final int SEND_TIME_LIMIT_MILLIS = 2_000;
    static final int BUFFER_LIMIT_BYTES = 256 * 1024;

    private final WebSocketSession session;
    private final Caller caller;
    private final String device;
    private final Map<String, Long> sentVersions = new HashMap<>();
    private final Map<String, List<PresenceChange>> awaitingSnapshot = new HashMap<>();
    private volatile PresenceStatus deviceStatus = PresenceStatus.ONLINE;

    SocketConnection(WebSocketSession session, Caller caller, String device) {
        boundBlockingSends(session);
        this.session = new ConcurrentWebSocketSessionDecorator(session, SEND_TIME_LIMIT_MILLIS, BUFFER_LIMIT_BYTES);
        this.caller = caller;
        this.device = device;
    }

    Caller caller() {
        return caller;
    }

    String id() {
        return session.getId();
    }

    /** The device this socket keeps alive, or {@code null} for an observing socket. */
    String device() {
        return device;
    }

    PresenceStatus deviceStatus() {
        return deviceStatus;
    }

    void deviceStatus(PresenceStatus status) {
        this.deviceStatus = status;
    }

    boolean isOpen() {
        return session.isOpen();
    }

    synchronized void awaitSnapshot(Iterable<String> userIds) {
        userIds.forEach(userId -> awaitingSnapshot.putIfAbsent(userId, new ArrayList<>()));
    }

    synchronized boolean follows(String userId) {
        return sentVersions.containsKey(userId) || awaitingSnapshot.containsKey(userId);
    }

    synchronized void forget(String userId) {
        sentVersions.remove(userId);
        awaitingSnapshot.remove(userId);
    }

    /** Sends the snapshot of {@code views}, then whatever changed meanwhile. */
    synchronized void completeSnapshot(List<PresenceView> views) {
        for (PresenceView view : views) {
            sentVersions.merge(view.userId(), view.version(), Math::max);
        }
        send(SocketFrames.snapshot(views));
        for (PresenceView view : views) {
            List<PresenceChange> waiting = awaitingSnapshot.remove(view.userId());
            if (waiting != null) {
                waiting.forEach(this::sendIfNewer);
            }
        }
    }

    synchronized void deliver(PresenceChange change) {
        List<PresenceChange> waiting = awaitingSnapshot.get(change.userId());
        if (waiting != null) {
            waiting.add(change);
        } else if (sentVersions.containsKey(change.userId())) {
            sendIfNewer(change);
        }
    }

    private void sendIfNewer(PresenceChange change) {
        boolean self = caller.userId().equals(change.userId());
        PresenceView before = change.previous() == null ? null
                : PresenceViews.forViewer(new PresenceSnapshot(change.userId(), change.previous(), Map.of()), self);
        PresenceView view;
        String reason;
        Instant at;
        if (change.deleted()) {
            if (before == null) {
                return;
            }
            view = new PresenceView(change.userId(), PresenceStatus.OFFLINE.wireName(), null, List.of(), null, null, before.version() + 1);
            reason = ChangeReason.DELETED.wireName();
            at = Instant.now();
        } else {
            view = PresenceViews.forViewer(new PresenceSnapshot(change.userId(), change.current(), Map.of()), self);
            if (view == null) {
                return;
            }
            reason = change.current().reason().wireName();
            at = view.updatedAt();
        }
        Long sent = sentVersions.get(change.userId());
        if (sent != null && view.version() <= sent) {
            return;
        }
        sentVersions.put(change.userId(), view.version());
        String previous = before == null ? PresenceStatus.OFFLINE.wireName() : before.status();
        send(SocketFrames.presence(view, previous, reason, at));
    }

    void send(TextMessage frame) {
        try {
            session.sendMessage(frame);
        } catch (SessionLimitExceededException | IOException tooSlowOrGone) {
            // Over the buffer limit, or a write that blocked past the send limit: the client is not reading.
            close(CloseStatus.SERVICE_OVERLOAD.withReason("client too slow"));
        } catch (IllegalStateException closed) {
            close(CloseStatus.SERVER_ERROR);
        }
    }

    /**
     * The decorator bounds what queues behind a blocked write; Tomcat bounds the write itself only after
     * 20 s by default. Both limits alike keep a non-reading client from pinning a thread for long.
     */
    private static void boundBlockingSends(WebSocketSession session) {
        if (session instanceof NativeWebSocketSession nativeSession) {
            jakarta.websocket.Session container = nativeSession.getNativeSession(jakarta.websocket.Session.class);
            if (container != null) {
                container.getUserProperties().put("org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT", (long) SEND_TIME_LIMIT_MILLIS);
            }
        }
    }

    void close(CloseStatus status) {
        try {
            session.close(status);
        } catch (IOException ignored) {
            // Already gone: the container reports the close to the handler either way.
        }
    }
}
