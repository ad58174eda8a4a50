package io.presencegrid.schema;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The aggregated presence of one user: the value of the PRESENCE cache, keyed by user id. Kept after
 * the user goes offline so {@code lastSeenAt} survives expiry and restarts.
 *
 * <p>Two projections live in one row. The true one (status, message, devices, lastSeenAt, updatedAt,
 * version) is what the user sees and what SQL shows. The public one is what everyone else sees: an
 * invisible user is offline to them, and the {@code public*} fields only move with changes others may
 * see, so neither a heartbeat nor a new message of an invisible user leaks through them.
 *
 * <p>An immutable class rather than a record: Ignite's binary marshaller sets fields through
 * {@code Unsafe}, which refuses record classes on Java 17. Timestamps are {@link Timestamp} so SQL
 * sees TIMESTAMP columns. Fields without a SQL column: devices, reason and the public ones.
 */
public final class UserPresence {

    private final String status;
    private final String message;
    private final int deviceCount;
    private final Timestamp lastSeenAt;
    private final Timestamp updatedAt;
    private final long version;
    /** Device id to the wire name of its status, for the sessions believed live at the last write. */
    private final TreeMap<String, String> devices;
    private final String reason;
    private final Timestamp publicLastSeenAt;
    private final Timestamp publicUpdatedAt;
    private final long publicVersion;

    public UserPresence(PresenceStatus status, String message, Map<String, PresenceStatus> devices,
                        Instant lastSeenAt, Instant updatedAt, long version, ChangeReason reason,
                        Instant publicLastSeenAt, Instant publicUpdatedAt, long publicVersion) {
        this.status = Objects.requireNonNull(status, "status").wireName();
        this.message = message;
        this.devices = new TreeMap<>();
        devices.forEach((device, deviceStatus) -> this.devices.put(device, deviceStatus.wireName()));
        this.deviceCount = devices.size();
        this.lastSeenAt = timestamp(lastSeenAt);
        this.updatedAt = Timestamp.from(Objects.requireNonNull(updatedAt, "updatedAt"));
        this.version = version;
        this.reason = Objects.requireNonNull(reason, "reason").wireName();
        this.publicLastSeenAt = timestamp(publicLastSeenAt);
        this.publicUpdatedAt = Timestamp.from(Objects.requireNonNull(publicUpdatedAt, "publicUpdatedAt"));
        this.publicVersion = publicVersion;
    }

    /** A presence whose public projection equals the true one: for users who never went invisible. */
    public static UserPresence visible(PresenceStatus status, String message, Map<String, PresenceStatus> devices,
                                       Instant lastSeenAt, Instant updatedAt, long version) {
        return new UserPresence(status, message, devices, lastSeenAt, updatedAt, version, ChangeReason.UPDATE,
                lastSeenAt, updatedAt, version);
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

    /** Device id to status of the sessions live at the last write, in device order. */
    public Map<String, PresenceStatus> devices() {
        Map<String, PresenceStatus> result = new TreeMap<>();
        devices.forEach((device, deviceStatus) -> result.put(device, PresenceStatus.fromWireName(deviceStatus)));
        return Collections.unmodifiableMap(result);
    }

    /** {@code null} for a user never seen active. */
    public Instant lastSeenAt() {
        return instant(lastSeenAt);
    }

    public Instant updatedAt() {
        return updatedAt.toInstant();
    }

    public long version() {
        return version;
    }

    /** Why the last change happened: an update, an expiry, a closed socket. */
    public ChangeReason reason() {
        return ChangeReason.fromWireName(reason);
    }

    public Instant publicLastSeenAt() {
        return instant(publicLastSeenAt);
    }

    public Instant publicUpdatedAt() {
        return publicUpdatedAt.toInstant();
    }

    public long publicVersion() {
        return publicVersion;
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UserPresence that
                && version == that.version && publicVersion == that.publicVersion
                && status.equals(that.status) && Objects.equals(message, that.message)
                && devices.equals(that.devices) && reason.equals(that.reason)
                && Objects.equals(lastSeenAt, that.lastSeenAt) && updatedAt.equals(that.updatedAt)
                && Objects.equals(publicLastSeenAt, that.publicLastSeenAt) && publicUpdatedAt.equals(that.publicUpdatedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, message, devices, lastSeenAt, updatedAt, version, publicVersion);
    }

    @Override
    public String toString() {
        return "UserPresence[status=" + status + ", message=" + message + ", devices=" + devices
                + ", lastSeenAt=" + lastSeenAt() + ", updatedAt=" + updatedAt() + ", version=" + version
                + ", reason=" + reason + ", publicVersion=" + publicVersion + "]";
    }
}
