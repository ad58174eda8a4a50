package io.presencegrid.api.socket;

import io.presencegrid.api.auth.Caller;
import io.presencegrid.api.channel.ChannelService;
import io.presencegrid.api.presence.PresenceService;
import io.presencegrid.api.presence.PresenceView;
import io.presencegrid.api.ratelimit.RateLimiter;
import io.presencegrid.api.subscription.SubscriptionAnnouncer;
import io.presencegrid.api.subscription.SubscriptionNotice;
import io.presencegrid.api.subscription.SubscriptionService;
import io.presencegrid.api.web.ConflictException;
import io.presencegrid.api.web.Identifiers;
import io.presencegrid.api.web.InvalidFieldException;
import io.presencegrid.schema.PresenceStatus;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code /v1/ws}: a snapshot of the caller's subscriptions on connect, then presence events; frames
 * subscribe, unsubscribe, status, join and leave (device sockets), watch and unwatch (channels'
 * members, {@link ChannelWatches}) and ping. With {@code ?device=ID} the socket keeps
 * that device's session alive, continuing one that stands (a reload within the disconnect grace, an
 * offline the device holds); closing it without an offline releases the session for the grace, after
 * which the device goes (reason {@code disconnect}) unless a socket of it opened meanwhile.
 * A bad frame gets an error frame and the socket stays open.
 */
@Component
class PresenceSocketHandler extends TextWebSocketHandler {

    private static final Logger LOG = LoggerFactory.getLogger(PresenceSocketHandler.class);

    private final PresenceService presence;
    private final SubscriptionService subscriptions;
    private final ChannelService channels;
    private final ChannelWatches watches;
    private final SocketHub hub;
    private final DeviceSessionRefresher refresher;
    private final RateLimiter limiter;
    private final SocketMeters meters;
    private final SocketQuota quota;
    private final HeldDevices devices;
    private final SocketRegistry sockets;
    private final SocketSenders senders;
    PresenceSocketHandler(PresenceService presence, SubscriptionService subscriptions, ChannelService channels,
                          ChannelWatches watches, SocketHub hub,
                          DeviceSessionRefresher refresher, RateLimiter limiter, SocketMeters meters, SocketQuota quota,
                          SubscriptionAnnouncer announcer, SocketRegistry sockets,
                          SocketSenders senders, HeldDevices devices) {
        this.presence = presence;
        this.channels = channels;
        this.watches = watches;
        this.devices = devices;
        announcer.onNotice(this::apply);
        this.quota = quota;
        this.subscriptions = subscriptions;
        this.hub = hub;
        this.refresher = refresher;
        this.limiter = limiter;
        this.meters = meters;
        this.sockets = sockets;
        this.senders = senders;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        Caller caller = ((SocketUser) session.getPrincipal()).caller();
        String device = UriComponentsBuilder.fromUri(session.getUri()).build().getQueryParams().getFirst("device");
        if (device != null && !Identifiers.isValid(device)) {
            new SocketConnection(session, senders, meters, caller, null).close(SocketProtocol.REFUSED.withReason("device: " + Identifiers.RULE));
            return;
        }
        SocketConnection socket = new SocketConnection(session, senders, meters, caller, device);
        if (!quota.tryOpen(caller.userId())) {
            // 1008: the handshake's check let it through in a race with another of the user's handshakes.
            socket.close(SocketProtocol.REFUSED.withReason("at most " + quota.maxPerUser() + " sockets per user"));
            return;
        }
        if (!sockets.opened(session.getId(), socket)) {
            return;
        }
        if (device != null) {
            openDevice(socket);
            refresher.keepAlive(socket);
        }
        follow(socket, socket.claimSnapshot(subscriptions.followed(caller, caller.userId())));
    }

    /** Parts, so that the container's per-socket buffer can stay small: {@link FrameAssembler}. */
    @Override
    public boolean supportsPartialMessages() {
        return true;
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        SocketConnection socket = sockets.get(session.getId());
        if (socket == null) {
            return;
        }
        String text;
        try {
            text = socket.assemble(message.getPayload(), message.isLast());
        } catch (FrameAssembler.FrameTooLargeException e) {
            socket.close(SocketProtocol.FRAME_TOO_BIG.withReason("frame over 64 KiB"));
            return;
        }
        if (text == null) {
            return;
        }
        try {
            ClientFrame frame = ClientFrames.parse(text);
            if (!frame.writes() || withinBudget(socket)) {
                handle(socket, frame);
            }
        } catch (InvalidFieldException e) {
            socket.send(SocketFrames.error(SocketProtocol.BAD_FRAME, e.getMessage()));
        } catch (ConflictException e) {
            socket.send(SocketFrames.error(SocketProtocol.CONFLICT, e.getMessage()));
        } catch (RuntimeException e) {
            LOG.warn("Socket frame failed: {}", e.getMessage());
            socket.send(SocketFrames.error(SocketProtocol.FAILED, "could not handle the frame, retry"));
        }
    }

    private void handle(SocketConnection socket, ClientFrame frame) {
        Caller caller = socket.caller();
        if (frame instanceof ClientFrame.Ping) {
            socket.send(SocketFrames.pong());
        } else if (frame instanceof ClientFrame.Subscribe subscribe) {
            subscribe(socket, subscribe.userIds());
        } else if (frame instanceof ClientFrame.Unsubscribe unsubscribe) {
            unsubscribe(socket, unsubscribe.userIds());
        } else if (frame instanceof ClientFrame.Status status) {
            status(socket, status);
        } else if (frame instanceof ClientFrame.Join join) {
            channels.join(caller, join.channel(), caller.userId(), requireDevice(socket, SocketProtocol.JOIN));
        } else if (frame instanceof ClientFrame.Leave leave) {
            channels.leave(caller, leave.channel(), caller.userId(), requireDevice(socket, SocketProtocol.LEAVE));
        } else if (frame instanceof ClientFrame.Watch watch) {
            watches.watch(socket, watch.channel());
        } else if (frame instanceof ClientFrame.Unwatch unwatch) {
            watches.unwatch(socket, unwatch.channel());
        }
    }

    /**
     * Closed with 1003 like the base class does, but through the socket's senders: the base class closes
     * on this thread, and a close that meets a frame being written ends the connection with no close frame.
     */
    @Override
    protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
        SocketConnection socket = sockets.get(session.getId());
        if (socket != null) {
            socket.close(SocketProtocol.NOT_TEXT.withReason("binary frames are not part of the protocol; send JSON text"));
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        forget(session.getId());
    }

    /** The socket is gone: its subscriptions, watches and refreshes end, its device is released. */
    void forget(String sessionId) {
        SocketConnection socket = sockets.closed(sessionId);
        if (socket == null) {
            return;
        }
        quota.closed(socket.caller().userId());
        hub.unfollowAll(socket);
        watches.closed(socket);
        refresher.stop(socket);
        if (socket.device() != null) {
            devices.closed(socket);
        }
    }

    /**
     * Frames that write count against the caller's per-user budget, the same one REST requests draw on;
     * over it, an error frame says when to try again, and the socket stays open.
     */
    private boolean withinBudget(SocketConnection socket) {
        RateLimiter.Decision decision = limiter.tryAcquire(socket.caller().userId());
        if (!decision.allowed()) {
            socket.send(SocketFrames.error(SocketProtocol.RATE_LIMITED, "rate limit: too many requests for user "
                    + socket.caller().userId() + ", retry after " + decision.retryAfterSeconds() + " s"));
        }
        return decision.allowed();
    }

    private void subscribe(SocketConnection socket, List<String> userIds) {
        Caller caller = socket.caller();
        subscriptions.subscribe(caller, caller.userId(), userIds, socket.id());
        follow(socket, socket.claimSnapshot(userIds));
    }

    private void unsubscribe(SocketConnection socket, List<String> userIds) {
        subscriptions.unsubscribe(socket.caller(), socket.caller().userId(), userIds, socket.id());
        hub.unfollow(socket, userIds);
    }

    /**
     * The subscriber's subscriptions changed elsewhere (REST, or another of their sockets, on any API
     * node): each of their open sockets here follows the added users, with a snapshot of them, and drops
     * the removed ones.
     */
    private void apply(SubscriptionNotice notice) {
        for (SocketConnection socket : sockets.ofUser(notice.subscriberId())) {
            if (!socket.isOpen() || notice.cameFrom(socket.id())) {
                continue;
            }
            try {
                if (!notice.removed().isEmpty()) {
                    hub.unfollow(socket, notice.removed());
                }
                List<String> claimed = socket.claimSnapshot(notice.added());
                if (!claimed.isEmpty()) {
                    follow(socket, claimed);
                }
            } catch (RuntimeException e) {
                LOG.warn("A socket could not follow its subscriber's new subscriptions: {}", e.getMessage());
            }
        }
    }

    /**
     * Follow first, then read: events that race the read wait in the socket until the snapshot is out.
     * The users were {@link SocketConnection#claimSnapshot claimed} by the caller.
     */
    private void follow(SocketConnection socket, List<String> userIds) {
        try {
            hub.follow(socket, userIds);
        } catch (RuntimeException gridFailed) {
            // Undone, so that the client's retry follows them afresh instead of finding them followed.
            hub.unfollow(socket, userIds);
            throw gridFailed;
        }
        List<PresenceView> views = userIds.isEmpty() ? List.of() : presence.getAll(socket.caller(), userIds).presence();
        socket.completeSnapshot(views);
    }

    private static String requireDevice(SocketConnection socket, String frameType) {
        if (socket.device() == null) {
            throw new InvalidFieldException("device", frameType + " frames need a socket opened with ?device=ID");
        }
        return socket.device();
    }

    private void status(SocketConnection socket, ClientFrame.Status frame) {
        requireDevice(socket, SocketProtocol.STATUS);
        PresenceStatus before = socket.deviceStatus();
        // Offline included: the device holds it until it sends another status, even if its session lapses.
        socket.deviceStatus(frame.status());
        presence.updateSocketDevice(socket.caller(), socket.device(), before, frame.status(), frame.message(), frame.meta());
    }

    private void openDevice(SocketConnection socket) {
        try {
            socket.deviceStatus(devices.opened(socket));
        } catch (RuntimeException e) {
            // The socket's first periodic refresh starts the session instead.
            LOG.warn("Device session start failed, retrying next period: {}", e.getMessage());
        }
    }
}
