package io.presencegrid.tasks.presence;

import io.presencegrid.schema.ChangeReason;
import io.presencegrid.schema.PresenceStatus;
import java.util.Objects;

/**
 * One device's new status, as the API node hands it to its presence store.
 *
 * @param message {@code null} keeps the user's message, empty clears it
 * @param reason  {@link ChangeReason#UPDATE}, or {@link ChangeReason#DISCONNECT} when a device socket closed
 */
public record PresenceUpdate(String userId, String device, PresenceStatus status, String message, ChangeReason reason) {

    public PresenceUpdate {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
    }

    /** A repeat of the device's status with nothing else: the heartbeat, which may cost only its session. */
    public boolean mayBeHeartbeat() {
        return status != PresenceStatus.OFFLINE && message == null;
    }
}
