package io.presencegrid.api.presence;

import io.presencegrid.schema.PresenceStatus;
import io.presencegrid.schema.UserPresence;
import io.presencegrid.tasks.presence.PresenceRules;
import io.presencegrid.tasks.presence.PresenceSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a grid snapshot into the view one viewer may see. The user sees everything; everyone else sees
 * the public projection, in which invisible is offline and nothing moves while the user is hidden.
 */
public final class PresenceViews {

    private PresenceViews() {
    }

    /** {@code null} when the viewer may not know the user exists: never seen, or only ever invisible. */
    public static PresenceView forViewer(PresenceSnapshot snapshot, boolean viewerIsTheUser) {
        UserPresence presence = snapshot.presence();
        if (presence == null || (!viewerIsTheUser && presence.publicLastSeenAt() == null)) {
            return null;
        }
        Map<String, Instant> activity = snapshot.sessionActivity();
        Instant liveActivity = activity.values().stream().max(Instant::compareTo).orElse(null);
        if (viewerIsTheUser) {
            return new PresenceView(snapshot.userId(), presence.status().wireName(), presence.message(),
                    devices(presence, activity), PresenceRules.later(presence.lastSeenAt(), liveActivity),
                    presence.updatedAt(), presence.version());
        }
        if (!PresenceRules.seenByOthers(presence.status())) {
            return new PresenceView(snapshot.userId(), PresenceStatus.OFFLINE.wireName(), null, List.of(),
                    presence.publicLastSeenAt(), presence.publicUpdatedAt(), presence.publicVersion());
        }
        return new PresenceView(snapshot.userId(), presence.status().wireName(), presence.message(),
                devices(presence, activity), PresenceRules.later(presence.publicLastSeenAt(), liveActivity),
                presence.publicUpdatedAt(), presence.publicVersion());
    }

    /** What an id nobody has seen looks like in a batch answer. */
    public static PresenceView unknown(String userId) {
        return new PresenceView(userId, PresenceStatus.OFFLINE.wireName(), null, List.of(), null, null, 0);
    }

    private static List<DeviceView> devices(UserPresence presence, Map<String, Instant> activity) {
        List<DeviceView> devices = new ArrayList<>();
        presence.devices().forEach((device, state) -> devices.add(
                new DeviceView(device, state.status().wireName(), activity.getOrDefault(device, state.lastActiveAt()), state.meta())));
        return devices;
    }
}
