package io.presencegrid.api.socket;

import io.presencegrid.api.auth.Caller;
import io.presencegrid.api.presence.ChangeViews;
import io.presencegrid.api.presence.PresenceView;
import io.presencegrid.schema.ChangeReason;
import io.presencegrid.schema.PresenceStatus;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Collection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * One open socket: who it belongs to, the device it keeps alive (if any), and what it was last sent of
 * each followed user ({@link #mark}), so no event goes out twice or backwards. While a user's snapshot is
 * being read, that user's events wait here and are released after the snapshot, newer ones only: a
 * snapshot followed by events has no gap and no stale overwrite.
 *
 * <p>Outbound frames go into a per-socket queue bounded by {@link #BUFFER_LIMIT_BYTES} and are written
 * by a shared sender pool, never by the thread that produced them: the event dispatcher and the
 * socket's own handler thread never block on a client. A client that lets the queue fill is closed
 * with 1013 (try again later); a single write blocked for {@link #SEND_TIME_LIMIT_MILLIS} ends it too.
 */
final class SocketConnection implements PresenceFollower {

    static final int SEND_TIME_LIMIT_MILLIS = 2_000;
    static final int BUFFER_LIMIT_BYTES = 256 * 1024;

    private final WebSocketSession session;
    private final Executor senders;
    private final SocketMeters meters;
    private final Caller caller;
    private final String device;
    /**
     * Per followed user, null while there is none, so that a socket following nobody holds no maps.
     * Guarded by this.
     */
    private Map<String, Long> sentMarks;
    private Map<String, List<PresenceChange>> awaitingSnapshot;
    private final Queue<Outbound> outbound = new ConcurrentLinkedQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean draining = new AtomicBoolean();
    /** Null until the client sends its first frame; the container's reading thread alone uses it. */
    private FrameAssembler inbound;
    /** Null while open; the first close asked for wins, and the sender that drains performs it. */
    private final AtomicReference<CloseStatus> closeStatus = new AtomicReference<>();
    private volatile PresenceStatus deviceStatus = PresenceStatus.ONLINE;

    SocketConnection(WebSocketSession session, Executor senders, SocketMeters meters, Caller caller, String device) {
        boundBlockingSends(session);
        this.session = session;
        this.senders = senders;
        this.meters = meters;
        this.caller = caller;
        this.device = device;
    }

    /** The whole inbound frame once its last part came, else null; see {@link FrameAssembler}. */
    String assemble(String part, boolean last) {
        if (inbound == null) {
            inbound = new FrameAssembler(WebSocketConfiguration.MAX_FRAME_BYTES);
        }
        return inbound.append(part, last);
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

    @Override
    public boolean isOpen() {
        return session.isOpen();
    }

    synchronized void awaitSnapshot(Iterable<String> userIds) {
        for (String userId : userIds) {
            if (awaitingSnapshot == null) {
                awaitingSnapshot = new HashMap<>();
            }
            awaitingSnapshot.putIfAbsent(userId, new ArrayList<>());
        }
    }

    /**
     * Of {@code userIds}, those this socket does not follow yet, in order and once each, now awaiting
     * their snapshot: of a socket's own subscribe and a notice of the same change, only one sends it.
     */
    synchronized List<String> claimSnapshot(Collection<String> userIds) {
        List<String> claimed = new ArrayList<>();
        for (String userId : new LinkedHashSet<>(userIds)) {
            if (!follows(userId)) {
                claimed.add(userId);
            }
        }
        awaitSnapshot(claimed);
        return claimed;
    }

    synchronized boolean follows(String userId) {
        return sentMark(userId) != null || waiting(userId) != null;
    }

    /** The users this socket follows or is reading a snapshot of. */
    synchronized Set<String> followed() {
        Set<String> followed = new HashSet<>();
        if (sentMarks != null) {
            followed.addAll(sentMarks.keySet());
        }
        if (awaitingSnapshot != null) {
            followed.addAll(awaitingSnapshot.keySet());
        }
        return followed;
    }

    @Override
    public synchronized void forget(String userId) {
        if (sentMarks != null && sentMarks.remove(userId) != null && sentMarks.isEmpty()) {
            sentMarks = null;
        }
        stopWaiting(userId);
    }

    /** Whether any per-user state is held; false for a socket following nobody. */
    synchronized boolean holdsFollowState() {
        return sentMarks != null || awaitingSnapshot != null;
    }

    /** Sends the snapshot of {@code views}, then whatever changed meanwhile. */
    synchronized void completeSnapshot(List<PresenceView> views) {
        for (PresenceView view : views) {
            sentMarks().merge(view.userId(), mark(view), (sent, shown) -> version(sent) > version(shown) ? sent : shown);
        }
        send(SocketFrames.snapshot(views));
        for (PresenceView view : views) {
            List<PresenceChange> waiting = stopWaiting(view.userId());
            if (waiting != null) {
                waiting.forEach(this::sendIfNewer);
            }
        }
    }

    @Override
    public synchronized void deliver(PresenceChange change) {
        List<PresenceChange> waiting = waiting(change.userId());
        if (waiting != null) {
            waiting.add(change);
        } else if (sentMark(change.userId()) != null) {
            sendIfNewer(change);
        }
    }

    private Long sentMark(String userId) {
        return sentMarks == null ? null : sentMarks.get(userId);
    }

    private Map<String, Long> sentMarks() {
        if (sentMarks == null) {
            sentMarks = new HashMap<>();
        }
        return sentMarks;
    }

    private List<PresenceChange> waiting(String userId) {
        return awaitingSnapshot == null ? null : awaitingSnapshot.get(userId);
    }

    private List<PresenceChange> stopWaiting(String userId) {
        if (awaitingSnapshot == null) {
            return null;
        }
        List<PresenceChange> waiting = awaitingSnapshot.remove(userId);
        if (awaitingSnapshot.isEmpty()) {
            awaitingSnapshot = null;
        }
        return waiting;
    }

    /**
     * Sends the change as this socket's viewer may see it ({@link ChangeViews}), unless it was sent
     * already: a plain change once per version, an access change once per view.
     */
    private void sendIfNewer(PresenceChange change) {
        ChangeViews.Told told = ChangeViews.forViewer(change.userId(), change.previous(), change.current(), caller);
        if (told == null) {
            return;
        }
        PresenceView view = told.view();
        switch (told.kind()) {
            case DELETED -> sendOnce(view, told.before(), ChangeReason.DELETED.wireName(), Instant.now(), null);
            case PRIVACY -> {
                Long sent = sentMark(change.userId());
                if (sent == null || sent != mark(view)) {
                    sentMarks().put(change.userId(), mark(view));
                    enqueue(new Outbound(SocketFrames.presence(view, told.before().status(), ChangeReason.PRIVACY.wireName(), Instant.now()),
                            true, null));
                }
            }
            case CHANGE -> sendOnce(view, told.before(), change.current().reason().wireName(), view.updatedAt(), view.updatedAt());
        }
    }

    private void sendOnce(PresenceView view, PresenceView before, String reason, Instant at, Instant gridAt) {
        Long sent = sentMark(view.userId());
        if (sent != null && view.version() <= version(sent)) {
            return;
        }
        sentMarks().put(view.userId(), mark(view));
        String previous = before == null ? PresenceStatus.OFFLINE.wireName() : before.status();
        enqueue(new Outbound(SocketFrames.presence(view, previous, reason, at), true, gridAt));
    }

    /**
     * What this socket last sent of a user, in one long (a socket may follow a thousand users): the
     * view's version, whether it was the hidden view, and whether it showed a last seen. Two views of
     * one version differ only in those two, when the user's privacy changed.
     */
    private static long mark(PresenceView view) {
        return view.version() << 2 | (view.updatedAt() == null ? 2 : 0) | (view.lastSeenAt() != null ? 1 : 0);
    }

    private static long version(long mark) {
        return mark >> 2;
    }

    /** Queues a frame for the sender pool; over the buffer limit the socket is closed instead. */
    void send(TextMessage frame) {
        enqueue(new Outbound(frame, false, null));
    }

    private void enqueue(Outbound frame) {
        if (closing()) {
            return;
        }
        if (queuedBytes.addAndGet(frame.message().getPayloadLength()) > BUFFER_LIMIT_BYTES) {
            close(SocketProtocol.TOO_SLOW.withReason("client too slow: outbound queue full"));
            return;
        }
        outbound.add(frame);
        drainSoon();
    }

    private boolean closing() {
        return closeStatus.get() != null;
    }

    private void drainSoon() {
        if (draining.compareAndSet(false, true)) {
            senders.execute(this::drain);
        }
    }

    /**
     * The one place that writes to the session, one sender at a time. The close is written here too,
     * after the frame in flight: Tomcat refuses a close while another thread writes a frame and then
     * drops the connection without any close frame, so the client would never learn why.
     */
    private void drain() {
        try {
            Outbound frame;
            while (!closing() && (frame = outbound.poll()) != null) {
                queuedBytes.addAndGet(-frame.message().getPayloadLength());
                session.sendMessage(frame.message());
                if (frame.event()) {
                    meters.eventSent(frame.gridAt());
                }
            }
        } catch (IOException | IllegalStateException blockedOrGone) {
            closeStatus.compareAndSet(null, SocketProtocol.TOO_SLOW.withReason("client too slow"));
        }
        if (closing()) {
            // Draining stays claimed for good: nothing is written after the close.
            closeSession(closeStatus.get());
            return;
        }
        draining.set(false);
        // A frame or a close that came while this drain was finishing finds draining still claimed.
        if (closing() || !outbound.isEmpty()) {
            drainSoon();
        }
    }

    /** Closes after the frame being written, if any; frames still queued are dropped. */
    void close(CloseStatus status) {
        if (closeStatus.compareAndSet(null, status)) {
            outbound.clear();
            drainSoon();
        }
    }

    private void closeSession(CloseStatus status) {
        try {
            session.close(status);
        } catch (IOException | IllegalStateException alreadyGone) {
            // The container reports the close to the handler either way.
        }
    }

    /** A queued frame; presence events carry the grid's time of the change, for the lag timer. */
    private record Outbound(TextMessage message, boolean event, Instant gridAt) {
    }

    /** Tomcat bounds a blocked write only after 20 s by default; a sender thread is worth more than that. */
    private static void boundBlockingSends(WebSocketSession session) {
        if (session instanceof NativeWebSocketSession nativeSession) {
            jakarta.websocket.Session container = nativeSession.getNativeSession(jakarta.websocket.Session.class);
            if (container != null) {
                container.getUserProperties().put("org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT", (long) SEND_TIME_LIMIT_MILLIS);
            }
        }
    }

}
