package io.presencegrid.tasks.presence;

import io.presencegrid.schema.UserPresence;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * A user's stored presence plus the last activity of each live session, read together on the user's
 * primary node. Crosses the wire from server to API node (a plain class for the binary marshaller).
 */
public final class PresenceSnapshot {

    private final String userId;
    private final UserPresence presence;
    private final TreeMap<String, Timestamp> sessionActivity;

    public PresenceSnapshot(String userId, UserPresence presence, Map<String, Instant> sessionActivity) {
        this.userId = userId;
        this.presence = presence;
        this.sessionActivity = new TreeMap<>();
        sessionActivity.forEach((device, at) -> this.sessionActivity.put(device, Timestamp.from(at)));
    }

    public String userId() {
        return userId;
    }

    /** {@code null} when the user was never seen (or was deleted). */
    public UserPresence presence() {
        return presence;
    }

    /** Device id to last activity, for the sessions live when read. */
    public Map<String, Instant> sessionActivity() {
        Map<String, Instant> result = new TreeMap<>();
        sessionActivity.forEach((device, at) -> result.put(device, at.toInstant()));
        return result;
    }
}
