package io.presencegrid.api.socket;

import io.presencegrid.api.channel.ChannelMemberView;
import io.presencegrid.api.presence.PresenceView;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.socket.TextMessage;
import tools.jackson.databind.ObjectMapper;

/** The server-to-client frames of /v1/ws (DESIGN.md, "WebSocket"), as JSON text. */
final class SocketFrames {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SocketFrames() {
    }

    static TextMessage snapshot(List<PresenceView> presence) {
        return text(Map.of("type", SocketProtocol.SNAPSHOT, "presence", presence));
    }

    static TextMessage presence(PresenceView view, String previousStatus, String reason, Instant at) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", SocketProtocol.PRESENCE);
        frame.put("userId", view.userId());
        frame.put("status", view.status());
        frame.put("previous", previousStatus);
        frame.put("message", view.message());
        frame.put("devices", view.devices());
        frame.put("lastSeenAt", view.lastSeenAt());
        frame.put("version", view.version());
        frame.put("reason", reason);
        frame.put("at", at);
        return text(frame);
    }

    static TextMessage members(String channelId, long occupancy, List<ChannelMemberView> members) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", SocketProtocol.MEMBERS);
        frame.put("channel", channelId);
        frame.put("occupancy", occupancy);
        frame.put("members", members);
        return text(frame);
    }

    static TextMessage member(String channelId, String userId, String event, PresenceView presence, long occupancy, Instant at) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", SocketProtocol.MEMBER);
        frame.put("channel", channelId);
        frame.put("userId", userId);
        frame.put("event", event);
        frame.put("presence", presence);
        frame.put("occupancy", occupancy);
        frame.put("at", at);
        return text(frame);
    }

    static TextMessage pong() {
        return text(Map.of("type", SocketProtocol.PONG));
    }

    static TextMessage error(String code, String message) {
        return text(Map.of("type", SocketProtocol.ERROR, "code", code, "message", message));
    }

    /**
     * Built from its UTF-8 bytes, which the message then keeps: made from a String, it encodes it again
     * each time its length is asked, and every socket's send queue asks (a channel event's frame is
     * shared by its watchers).
     */
    private static TextMessage text(Object frame) {
        return new TextMessage(JSON.writeValueAsBytes(frame));
    }
}
