package io.presencegrid.tasks.presence;

import io.presencegrid.schema.ChangeReason;
import io.presencegrid.schema.PresenceStatus;
import java.util.Objects;

/**
 * One device's new status, as the API node hands it to its presence store.
 *
 * @param message {@code null} keeps the user's message, empty clears it
 * @param reason  {@link ChangeReason#UPDATE}, or {@link ChangeReason#DISCONNECT} when a device socket closed
 * @param meta    the device's metadata as canonical JSON: {@code null} keeps what the device has, empty clears it
 */
public record PresenceUpdate(String userId, String device, PresenceStatus status, String message, ChangeReason reason,
                             String meta) {

    public PresenceUpdate(String userId, String device, PresenceStatus status, String message, ChangeReason reason) {
        this(userId, device, status, message, reason, null);
    }

    public PresenceUpdate {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
    }

    /** A repeat of the device's status with nothing else: the heartbeat, which may cost only its session. */
    public boolean mayBeHeartbeat() {
        return status != PresenceStatus.OFFLINE && message == null && meta == null;
    }
}
