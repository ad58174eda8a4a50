package io.presencegrid.tasks.presence;

import io.presencegrid.schema.ChangeReason;
import io.presencegrid.schema.PresenceStatus;
import java.util.Objects;

/**
 * One device's new status, sent from the API node to the user's primary node. A plain class: it
 * crosses the wire inside {@link UpdatePresenceJob}.
 */
public final class PresenceUpdate {

    private final String userId;
    private final String device;
    private final String status;
    private final String message;
    private final String reason;
    private final String owner;

    /**
     * @param message {@code null} keeps the user's message, empty clears it
     * @param reason  {@link ChangeReason#UPDATE}, or {@link ChangeReason#DISCONNECT} when a device socket closed
     */
    public PresenceUpdate(String userId, String device, PresenceStatus status, String message, ChangeReason reason) {
        this(userId, device, status, message, reason, null);
    }

    /** @param owner id of the API node whose device socket holds the session, or {@code null} */
    public PresenceUpdate(String userId, String device, PresenceStatus status, String message, ChangeReason reason,
                          String owner) {
        this.userId = Objects.requireNonNull(userId, "userId");
        this.device = Objects.requireNonNull(device, "device");
        this.status = Objects.requireNonNull(status, "status").wireName();
        this.message = message;
        this.reason = Objects.requireNonNull(reason, "reason").wireName();
        this.owner = owner;
    }

    public String owner() {
        return owner;
    }

    public PresenceUpdate ownedBy(String apiNodeId) {
        return new PresenceUpdate(userId, device, status(), message, reason(), apiNodeId);
    }

    public String userId() {
        return userId;
    }

    public String device() {
        return device;
    }

    public PresenceStatus status() {
        return PresenceStatus.fromWireName(status);
    }

    public String message() {
        return message;
    }

    public ChangeReason reason() {
        return ChangeReason.fromWireName(reason);
    }
}
