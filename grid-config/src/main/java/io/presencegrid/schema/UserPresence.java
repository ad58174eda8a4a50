package io.presencegrid.schema;

import java.nio.ByteBuffer;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The aggregated presence of one user: the value of the PRESENCE cache, keyed by user id. Kept after
 * the user goes offline so {@code lastSeenAt} survives expiry and restarts. It carries everything the
 * presence rules need (each live device's status and last activity), so a change is computed from this
 * one row, by an entry processor on the user's primary node.
 *
 * <p>Two projections live in one row. The true one (status, message, devices, lastSeenAt, updatedAt,
 * version) is what the user sees and what SQL shows. The public one is what everyone else sees: an
 * invisible user is offline to them, and its fields only move with changes others may see, so neither
 * a heartbeat nor a new message of an invisible user leaks through them.
 *
 * <p>Laid out for size, since every known user has a row on three nodes: the devices are packed into
 * bytes ({@link DeviceStates}); the public updatedAt and lastSeenAt are stored only while they differ
 * from the true ones, which they do only after a change others did not see (an invisible user's), and
 * otherwise cost one byte. An immutable class rather than a record: Ignite's binary marshaller sets
 * fields through {@code Unsafe}, which refuses record classes on Java 17. The SQL columns are the
 * fields status, message, deviceCount, lastSeenAt, updatedAt and version, times as {@link Timestamp}.
 *
 * <p>The row also carries the user's {@link UserPrivacy}: each event of the row then brings the rules in
 * force at its version, and deciding what a viewer sees needs no second read.
 */
public final class UserPresence {

    private static final long NO_LAST_SEEN = Long.MIN_VALUE;

    private final String status;
    private final String message;
    private final int deviceCount;
    private final Timestamp lastSeenAt;
    private final Timestamp updatedAt;
    private final long version;
    private final byte[] devices;
    private final byte reason;
    private final long publicVersion;
    /** {@code null} while the public updatedAt and lastSeenAt equal the true ones; else both, packed. */
    private final byte[] publicTimes;
    /** Who may see this user; {@code null} for the default, everyone, which most users keep. */
    private final UserPrivacy privacy;

    public UserPresence(PresenceStatus status, String message, Map<String, DeviceState> devices,
                        Instant lastSeenAt, Instant updatedAt, long version, ChangeReason reason,
                        Instant publicLastSeenAt, Instant publicUpdatedAt, long publicVersion) {
        this(status, message, devices, lastSeenAt, updatedAt, version, reason, publicLastSeenAt, publicUpdatedAt,
                publicVersion, null);
    }

    public UserPresence(PresenceStatus status, String message, Map<String, DeviceState> devices,
                        Instant lastSeenAt, Instant updatedAt, long version, ChangeReason reason,
                        Instant publicLastSeenAt, Instant publicUpdatedAt, long publicVersion, UserPrivacy privacy) {
        this.privacy = privacy == null || privacy.isDefault() ? null : privacy;
        this.status = Objects.requireNonNull(status, "status").wireName();
        this.message = message;
        this.deviceCount = devices.size();
        this.devices = devices.isEmpty() ? null : DeviceStates.encode(devices);
        this.lastSeenAt = timestamp(lastSeenAt);
        this.updatedAt = Timestamp.from(Objects.requireNonNull(updatedAt, "updatedAt"));
        this.version = version;
        this.reason = Objects.requireNonNull(reason, "reason").code();
        this.publicVersion = publicVersion;
        Objects.requireNonNull(publicUpdatedAt, "publicUpdatedAt");
        this.publicTimes = publicUpdatedAt.equals(updatedAt) && Objects.equals(publicLastSeenAt, lastSeenAt)
                ? null
                : ByteBuffer.allocate(2 * Long.BYTES).putLong(publicUpdatedAt.toEpochMilli())
                        .putLong(publicLastSeenAt == null ? NO_LAST_SEEN : publicLastSeenAt.toEpochMilli()).array();
    }

    /**
     * The row of a user who set privacy before ever being seen: it holds the privacy and nothing else, and
     * reads as never seen ({@link #seen()} is false) until the user's first update.
     */
    public static UserPresence privacyOnly(UserPrivacy privacy, Instant at) {
        return new UserPresence(PresenceStatus.OFFLINE, null, Map.of(), null, at, 0, ChangeReason.UPDATE, null, at, 0, privacy);
    }

    /** This row with {@code privacy} in force, everything else as it is. */
    public UserPresence withPrivacy(UserPrivacy privacy) {
        return new UserPresence(this, privacy);
    }

    /** A copy of the stored fields as they are, packed devices included: heartbeats make these. */
    private UserPresence(UserPresence source, UserPrivacy privacy) {
        this.status = source.status;
        this.message = source.message;
        this.deviceCount = source.deviceCount;
        this.lastSeenAt = source.lastSeenAt;
        this.updatedAt = source.updatedAt;
        this.version = source.version;
        this.devices = source.devices;
        this.reason = source.reason;
        this.publicVersion = source.publicVersion;
        this.publicTimes = source.publicTimes;
        this.privacy = privacy == null || privacy.isDefault() ? null : privacy;
    }

    /**
     * This row without its privacy, for answers to the user's own writes: their view does not need it,
     * and a large setting would otherwise travel back with every heartbeat.
     */
    public UserPresence withoutPrivacy() {
        return privacy == null ? this : withPrivacy(null);
    }

    /** Whether the user was ever seen; false only for a {@link #privacyOnly} row. */
    public boolean seen() {
        return version > 0;
    }

    /** Who may see this user; never {@code null}. */
    public UserPrivacy privacy() {
        return privacy == null ? UserPrivacy.EVERYONE : privacy;
    }

    /** A presence whose public projection equals the true one: for users who never went invisible. */
    public static UserPresence visible(PresenceStatus status, String message, Map<String, DeviceState> devices,
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

    /** Device id to state, for the devices live at the last write, in device order. */
    public SortedMap<String, DeviceState> devices() {
        return DeviceStates.decode(devices);
    }

    /** The status this row lists for {@code device}, or {@code null} when it does not list it. */
    public PresenceStatus deviceStatus(String device) {
        return DeviceStates.statusOf(devices, device);
    }

    /** Device id to status, for the devices live at the last write, in device order. */
    public SortedMap<String, PresenceStatus> deviceStatuses() {
        SortedMap<String, PresenceStatus> statuses = new TreeMap<>();
        devices().forEach((device, state) -> statuses.put(device, state.status()));
        return Collections.unmodifiableSortedMap(statuses);
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
        return ChangeReason.fromCode(reason);
    }

    public Instant publicLastSeenAt() {
        if (publicTimes == null) {
            return lastSeenAt();
        }
        long millis = ByteBuffer.wrap(publicTimes).getLong(Long.BYTES);
        return millis == NO_LAST_SEEN ? null : Instant.ofEpochMilli(millis);
    }

    public Instant publicUpdatedAt() {
        return publicTimes == null ? updatedAt() : Instant.ofEpochMilli(ByteBuffer.wrap(publicTimes).getLong(0));
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
                && version == that.version && publicVersion == that.publicVersion && reason == that.reason
                && status.equals(that.status) && Objects.equals(message, that.message)
                && devices().equals(that.devices())
                && Objects.equals(lastSeenAt, that.lastSeenAt) && updatedAt.equals(that.updatedAt)
                && Objects.equals(publicLastSeenAt(), that.publicLastSeenAt()) && publicUpdatedAt().equals(that.publicUpdatedAt())
                && privacy().equals(that.privacy());
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, message, deviceCount, lastSeenAt, updatedAt, version, publicVersion);
    }

    @Override
    public String toString() {
        return "UserPresence[status=" + status + ", message=" + message + ", devices=" + devices()
                + ", lastSeenAt=" + lastSeenAt() + ", updatedAt=" + updatedAt() + ", version=" + version
                + ", reason=" + reason() + ", publicVersion=" + publicVersion + ", privacy=" + privacy() + "]";
    }
}
