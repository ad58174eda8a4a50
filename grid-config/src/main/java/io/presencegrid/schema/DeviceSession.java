package io.presencegrid.schema;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Objects;

/**
 * One live device session: the value of the DEVICE_SESSION cache, in memory only. The entry lives while
 * it is refreshed; the cache's expiry policy removes it a TTL after its last write. A heartbeat rewrites
 * only this entry (status unchanged, lastActiveAt moved), which is what keeps the user's durable PRESENCE
 * row out of the hot path.
 */
public final class DeviceSession {

    /** {@link #owner()} of a session no socket holds: one kept alive by REST updates. */
    public static final long NO_OWNER = 0;

    private final String status;
    private final Timestamp lastActiveAt;
    /**
     * Order of the API node whose device socket holds this session open ({@code ClusterNode.order()},
     * unique among the nodes a running cluster has seen), {@link #NO_OWNER} for REST sessions. A number
     * rather than the node's 36-character id: every live session carries it on three nodes. Not SQL.
     */
    private final long owner;

    public DeviceSession(PresenceStatus status, Instant lastActiveAt) {
        this(status, lastActiveAt, NO_OWNER);
    }

    public DeviceSession(PresenceStatus status, Instant lastActiveAt, long owner) {
        this.status = Objects.requireNonNull(status, "status").wireName();
        this.lastActiveAt = Timestamp.from(Objects.requireNonNull(lastActiveAt, "lastActiveAt"));
        this.owner = owner;
    }

    /** The API node holding this session through a device socket; when it leaves, the session ends. */
    public long owner() {
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
        return other instanceof DeviceSession that && status.equals(that.status) && lastActiveAt.equals(that.lastActiveAt)
                && owner == that.owner;
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, lastActiveAt, owner);
    }

    @Override
    public String toString() {
        return "DeviceSession[status=" + status + ", lastActiveAt=" + lastActiveAt() + ", owner=" + owner + "]";
    }
}
