package io.presencegrid.api.socket;

import io.presencegrid.api.presence.DeviceMeta;
import io.presencegrid.api.presence.StatusRules;
import io.presencegrid.api.subscription.SubscriptionRequest;
import io.presencegrid.api.web.Identifiers;
import io.presencegrid.api.web.InvalidFieldException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Reads a client's frame into a {@link ClientFrame}, held to the rules the REST requests are: the same
 * statuses, message length, id pattern and list size. A frame that breaks one throws
 * {@link InvalidFieldException} naming the field ({@code frame} for malformed JSON, {@code type} for an
 * unknown type), which the socket answers with an error frame.
 */
final class ClientFrames {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ClientFrames() {
    }

    static ClientFrame parse(String text) {
        JsonNode frame;
        try {
            frame = JSON.readTree(text);
        } catch (JacksonException e) {
            throw new InvalidFieldException("frame", "malformed JSON");
        }
        return switch (frame.path("type").asText("")) {
            case SocketProtocol.PING -> new ClientFrame.Ping();
            case SocketProtocol.SUBSCRIBE -> new ClientFrame.Subscribe(userIds(frame));
            case SocketProtocol.UNSUBSCRIBE -> new ClientFrame.Unsubscribe(userIds(frame));
            case SocketProtocol.STATUS -> new ClientFrame.Status(StatusRules.requireStatus(text(frame, "status")),
                    StatusRules.requireMessage(frame.hasNonNull("message") ? frame.path("message").asText() : null),
                    DeviceMeta.canonical(frame.get("meta")));
            case SocketProtocol.JOIN -> new ClientFrame.Join(channel(frame));
            case SocketProtocol.LEAVE -> new ClientFrame.Leave(channel(frame));
            case SocketProtocol.WATCH -> new ClientFrame.Watch(channel(frame));
            case SocketProtocol.UNWATCH -> new ClientFrame.Unwatch(channel(frame));
            default -> throw new InvalidFieldException("type", "must be one of " + String.join(", ", SocketProtocol.CLIENT_FRAMES));
        };
    }

    private static String text(JsonNode frame, String field) {
        JsonNode value = frame.path(field);
        return value.isString() ? value.asText() : null;
    }

    private static String channel(JsonNode frame) {
        return Identifiers.require("channel", text(frame, "channel"));
    }

    private static List<String> userIds(JsonNode frame) {
        JsonNode ids = frame.path("userIds");
        if (!ids.isArray() || ids.isEmpty() || ids.size() > SubscriptionRequest.MAX_IDS) {
            throw new InvalidFieldException("userIds", "must be a list of 1 to " + SubscriptionRequest.MAX_IDS + " user ids");
        }
        List<String> userIds = new ArrayList<>();
        for (JsonNode id : ids) {
            userIds.add(Identifiers.require("userIds", id.isString() ? id.asText() : null));
        }
        return userIds;
    }
}
