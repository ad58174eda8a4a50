package io.presencegrid.schema;

import java.time.Instant;
import java.util.Objects;

/**
 * One device as a user's PRESENCE row remembers it: its status, its last activity as of the last time
 * the row was written (a heartbeat refreshes only the device's session, so the live figure is the
 * session's), and the metadata the device last set, as canonical JSON (keys sorted, no spaces), or
 * {@code null}. Never stored as an object of its own: {@link DeviceStates} packs a row's devices into bytes.
 */
public record DeviceState(PresenceStatus status, Instant lastActiveAt, String meta) {

    public DeviceState {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(lastActiveAt, "lastActiveAt");
        if (status == PresenceStatus.OFFLINE) {
            throw new IllegalArgumentException("a device that is offline has no state: it is not in the row");
        }
        if (meta != null && meta.isEmpty()) {
            throw new IllegalArgumentException("no metadata is null, not empty");
        }
    }

    public DeviceState(PresenceStatus status, Instant lastActiveAt) {
        this(status, lastActiveAt, null);
    }

    /** The same device, active at {@code activity}. */
    public DeviceState activeAt(Instant activity) {
        return new DeviceState(status, activity, meta);
    }
}
