package io.presencegrid.api.socket;

import io.presencegrid.api.presence.PresenceView;
import java.time.Instant;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import org.springframework.web.socket.TextMessage;

/**
 * The {@code member} frames of one event, each serialized once and the same bytes handed to every
 * watcher that gets it. Views come from one {@link MemberViews}, so watchers who see the same view hold
 * the same object: the frames are keyed by it.
 */
final class MemberFrames {

    private final String channelId;
    private final String userId;
    private final long occupancy;
    private final Instant at;
    private final Map<String, Map<PresenceView, TextMessage>> byEvent = new HashMap<>(4);

    MemberFrames(String channelId, String userId, long occupancy, Instant at) {
        this.channelId = channelId;
        this.userId = userId;
        this.occupancy = occupancy;
        this.at = at;
    }

    TextMessage frame(String event, PresenceView view) {
        return byEvent.computeIfAbsent(event, e -> new IdentityHashMap<>(4))
                .computeIfAbsent(view, v -> SocketFrames.member(channelId, userId, event, v, occupancy, at));
    }
}
