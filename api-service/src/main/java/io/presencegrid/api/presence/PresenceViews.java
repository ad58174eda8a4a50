package io.presencegrid.api.presence;

import io.presencegrid.api.auth.Caller;
import io.presencegrid.schema.PresenceStatus;
import io.presencegrid.schema.UserPresence;
import io.presencegrid.schema.UserPrivacy;
import io.presencegrid.tasks.presence.PresenceRules;
import io.presencegrid.tasks.presence.PresenceSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a grid snapshot into the view one viewer may see. The user sees everything; the admin scope sees
 * the public projection, in which invisible is offline and nothing moves while the user is hidden;
 * everyone else sees that too where the user's privacy shows it to them, else the hidden view.
 */
public final class PresenceViews {

    private PresenceViews() {
    }

    /** {@code null} when the viewer may not know the user exists: never seen, or only ever invisible. */
    public static PresenceView forViewer(PresenceSnapshot snapshot, Caller viewer) {
        return forViewer(snapshot, viewer, Access.of(snapshot.userId(), snapshot.presence(), viewer));
    }

    /**
     * As {@link #forViewer(PresenceSnapshot, Caller)}, with the viewer's access already judged from the
     * snapshot's row: a socket judges it once per row of an event and decides with it first.
     */
    public static PresenceView forViewer(PresenceSnapshot snapshot, Caller viewer, Access access) {
        UserPresence presence = snapshot.presence();
        boolean self = viewer.userId().equals(snapshot.userId());
        if (presence == null || !presence.seen() || (!self && presence.publicLastSeenAt() == null)) {
            return null;
        }
        Map<String, Instant> activity = snapshot.sessionActivity();
        Instant liveActivity = activity.values().stream().max(Instant::compareTo).orElse(null);
        if (self) {
            return new PresenceView(snapshot.userId(), presence.status().wireName(), presence.message(),
                    devices(presence, activity), PresenceRules.later(presence.lastSeenAt(), liveActivity),
                    presence.updatedAt(), presence.version());
        }
        if (!access.presence()) {
            return hidden(snapshot.userId(), access.lastSeen() ? presence.publicLastSeenAt() : null);
        }
        Instant lastSeen = access.lastSeen() ? presence.publicLastSeenAt() : null;
        if (!PresenceRules.seenByOthers(presence.status())) {
            return new PresenceView(snapshot.userId(), PresenceStatus.OFFLINE.wireName(), null, List.of(),
                    lastSeen, presence.publicUpdatedAt(), presence.publicVersion());
        }
        return new PresenceView(snapshot.userId(), presence.status().wireName(), presence.message(),
                devices(presence, activity), access.lastSeen() ? PresenceRules.later(lastSeen, liveActivity) : null,
                presence.publicUpdatedAt(), presence.publicVersion());
    }

    /** What an id nobody has seen looks like in a batch answer. */
    public static PresenceView unknown(String userId) {
        return new PresenceView(userId, PresenceStatus.OFFLINE.wireName(), null, List.of(), null, null, 0);
    }

    /**
     * What a viewer who may not see the user's presence gets. Nothing in it moves with the user's
     * presence: no status, devices or message, version 0 and no updatedAt (as for a user never seen), and
     * lastSeenAt only where the user shows it to the viewer.
     */
    public static PresenceView hidden(String userId, Instant lastSeenAt) {
        return new PresenceView(userId, PresenceStatus.OFFLINE.wireName(), null, List.of(), lastSeenAt, null, 0);
    }

    private static List<DeviceView> devices(UserPresence presence, Map<String, Instant> activity) {
        List<DeviceView> devices = new ArrayList<>();
        presence.devices().forEach((device, state) -> devices.add(
                new DeviceView(device, state.status().wireName(), activity.getOrDefault(device, state.lastActiveAt()), state.meta())));
        return devices;
    }

    /**
     * What of a user one viewer may see by the user's privacy: the user and the admin scope see both.
     */
    public record Access(boolean presence, boolean lastSeen) {

        public static final Access FULL = new Access(true, true);

        /** @param row the user's row, {@code null} for a user never seen */
        public static Access of(String userId, UserPresence row, Caller viewer) {
            if (viewer.admin() || viewer.userId().equals(userId)) {
                return FULL;
            }
            UserPrivacy privacy = row == null ? UserPrivacy.EVERYONE : row.privacy();
            return new Access(privacy.showsPresenceTo(viewer.userId()), privacy.showsLastSeenTo(viewer.userId()));
        }
    }
}
