package io.presencegrid.api.socket;

import io.presencegrid.api.presence.DeviceMeta;
import io.presencegrid.schema.PresenceStatus;
import java.util.List;

/**
 * What a client sent on {@code /v1/ws}, parsed and checked by {@link ClientFrames} with the rules REST
 * requests follow: a frame the handler gets is one it can act on.
 */
sealed interface ClientFrame {

    record Ping() implements ClientFrame {
    }

    record Subscribe(List<String> userIds) implements ClientFrame {
    }

    record Unsubscribe(List<String> userIds) implements ClientFrame {
    }

    /** @param meta canonical JSON, null to keep the device's, empty to clear it ({@link DeviceMeta}) */
    record Status(PresenceStatus status, String message, String meta) implements ClientFrame {
    }

    record Join(String channel) implements ClientFrame {
    }

    record Leave(String channel) implements ClientFrame {
    }

    record Watch(String channel) implements ClientFrame {
    }

    record Unwatch(String channel) implements ClientFrame {
    }

    /** Frames that write: they draw on the caller's rate budget, as REST writes do. */
    default boolean writes() {
        return !(this instanceof Ping);
    }
}
