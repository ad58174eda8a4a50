package io.presencegrid.api.presence;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.presencegrid.schema.PresenceStatus;
import io.presencegrid.tasks.presence.PresenceUpdate;

/**
 * The status each device last got through this API node's REST updates: a hint, never the truth. A REST
 * update names a status but not whether it changes anything, and a heartbeat must not cost a row write,
 * so an update that may be one first refreshes the session and tells the row only when the session's
 * answer says so: two grid calls in a row for every real change. Where this node wrote the device's
 * status last and the new one differs, the update is no heartbeat, and both writes go at once: the row's
 * on its own, the session's in the batch of heartbeats going to the grid anyway (sent alone, it cost more
 * CPU than the round trip it saved; docs/capacity.md).
 *
 * <p>Wrong either way only costs: the status may have changed through another API node or a socket
 * since. Taken for a change when it is not, the update writes the row, which then raises no version and
 * tells nobody; taken for a possible heartbeat, it goes the two calls' way, as every REST update did.
 * Bounded, so a node serving millions of devices keeps the recent ones and treats the others as unknown.
 */
final class RestDeviceStatuses {

    /** About 15 MB of heap at most: a key of two short strings and an enum per device. */
    static final int MAX_DEVICES = 100_000;

    private record Device(String userId, String device) {
    }

    private final Cache<Device, PresenceStatus> lastWritten = Caffeine.newBuilder().maximumSize(MAX_DEVICES).build();

    /** The status this node last wrote for {@code update}'s device, or {@code null} when it knows none. */
    PresenceStatus lastWritten(PresenceUpdate update) {
        return lastWritten.getIfPresent(new Device(update.userId(), update.device()));
    }

    /** {@code update} was written: its device has its status now. */
    void written(PresenceUpdate update) {
        lastWritten.put(new Device(update.userId(), update.device()), update.status());
    }
}
