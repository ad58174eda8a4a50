package io.presencegrid.schema;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Objects;

/**
 * The aggregated presence of one user: the value of the PRESENCE cache, keyed by user id.
 * Kept after the user goes offline so {@code lastSeenAt} survives expiry and restarts.
 *
 * <p>An immutable class rather than a record: Ignite's binary marshaller sets fields through
 * {@code Unsafe}, which refuses record classes on Java 17. Timestamps are {@link Timestamp} so SQL
 * sees TIMESTAMP columns.
 */
public final class UserPresence {

    private final String status;
    private final String message;
    private final int deviceCount;
    private final Timestamp lastSeenAt;
    private final Timestamp updatedAt;
    private final long version;

    public UserPresence(PresenceStatus status, String message, int deviceCount,
                        Instant lastSeenAt, Instant updatedAt, long version) {
        this.status = Objects.requireNonNull(status, "status").wireName();
        this.message = message;
        this.deviceCount = deviceCount;
        this.lastSeenAt = lastSeenAt == null ? null : Timestamp.from(lastSeenAt);
        this.updatedAt = Timestamp.from(Objects.requireNonNull(updatedAt, "updatedAt"));
        this.version = version;
    }

    public PresenceStatus status() {
        return PresenceStatus.fromWireName(status);
    }

    public String message() {
        return message;
    }

    public int deviceCount() {
        return deviceCount;
    }

    /** {@code null} for a user never seen active. */
    public Instant lastSeenAt() {
        return lastSeenAt == null ? null : lastSeenAt.toInstant();
    }

    public Instant updatedAt() {
        return updatedAt.toInstant();
    }

    public long version() {
        return version;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UserPresence that
                && deviceCount == that.deviceCount && version == that.version
                && status.equals(that.status) && Objects.equals(message, that.message)
                && Objects.equals(lastSeenAt, that.lastSeenAt) && updatedAt.equals(that.updatedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, message, deviceCount, lastSeenAt, updatedAt, version);
    }

    @Override
    public String toString() {
        return "UserPresence[status=" + status + ", message=" + message + ", deviceCount=" + deviceCount
                + ", lastSeenAt=" + lastSeenAt() + ", updatedAt=" + updatedAt() + ", version=" + version + "]";
    }
}
