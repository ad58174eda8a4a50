package io.presencegrid.schema;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Objects;

/**
 * One device session: the value of the DEVICE_SESSION cache, in memory only. The entry lives while
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
     * rather than the node's 36-character id: every live session carries it on three nodes. Negative
     * while released ({@link #released}). Not SQL.
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

    /** An open device socket on some API node holds it. */
    public boolean heldBySocket() {
        return owner > NO_OWNER;
    }

    /**
     * Its device socket closed without saying offline, on the API node {@code -owner()}: the session
     * waits out the disconnect grace as its expiry. A socket of the device that opens meanwhile, on any
     * API node, takes it over and followers see nothing; otherwise it expires and the device goes with
     * reason disconnect.
     */
    public boolean released() {
        return owner < NO_OWNER;
    }

    /** The owner of a session the socket of API node {@code nodeOrder} released. */
    public static long releasedBy(long nodeOrder) {
        return -nodeOrder;
    }

    /**
     * A session is live unless its device said offline: a device socket that did (or whose device a REST
     * update set offline) keeps an offline session, which lists nothing and shows nothing, only so that
     * the socket's refreshes keep the device offline instead of starting it again.
     */
    public boolean live() {
        return !PresenceStatus.OFFLINE.wireName().equals(status);
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
