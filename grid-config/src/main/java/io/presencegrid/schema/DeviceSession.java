package io.presencegrid.schema;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Objects;

/**
 * One live device session: the value of the DEVICE_SESSION cache. The entry lives while it is
 * refreshed; the cache's expiry policy removes it a TTL after its last write.
 */
public final class DeviceSession {

    private final String status;
    private final Timestamp lastActiveAt;
    /** Id of the API node whose socket holds this session open, {@code null} for REST sessions. Not SQL. */
    private final String owner;

    public DeviceSession(PresenceStatus status, Instant lastActiveAt) {
        this(status, lastActiveAt, null);
    }

    public DeviceSession(PresenceStatus status, Instant lastActiveAt, String owner) {
        this.status = Objects.requireNonNull(status, "status").wireName();
        this.lastActiveAt = Timestamp.from(Objects.requireNonNull(lastActiveAt, "lastActiveAt"));
        this.owner = owner;
    }

    /** The API node holding this session through a device socket; when it leaves, the session ends. */
    public String owner() {
        return owner;
    }

    public PresenceStatus status() {
        return PresenceStatus.fromWireName(status);
    }

    public Instant lastActiveAt() {
        return lastActiveAt.toInstant();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DeviceSession that && status.equals(that.status) && lastActiveAt.equals(that.lastActiveAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, lastActiveAt);
    }

    @Override
    public String toString() {
        return "DeviceSession[status=" + status + ", lastActiveAt=" + lastActiveAt() + "]";
    }
}
