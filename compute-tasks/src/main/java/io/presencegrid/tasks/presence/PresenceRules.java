package io.presencegrid.tasks.presence;

import io.presencegrid.schema.ChangeReason;
import io.presencegrid.schema.DeviceSession;
import io.presencegrid.schema.PresenceStatus;
import io.presencegrid.schema.UserPresence;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The presence model as pure functions: how live device sessions add up to a user's presence, what
 * counts as a visible change, and what others may see. No Ignite here: it runs on the user's primary
 * node inside the update transaction, and in plain unit tests.
 */
public final class PresenceRules {

    /**
     * A heartbeat that changes nothing visible still moves lastSeenAt; PRESENCE is rewritten for that
     * at most this often, so a durable last-seen lags live activity by no more than this.
     */
    public static final Duration LAST_SEEN_WRITE_INTERVAL = Duration.ofSeconds(15);

    private PresenceRules() {
    }

    /** The highest live status by invisible > busy > online > away; no live session is offline. */
    public static PresenceStatus aggregate(Collection<PresenceStatus> liveStatuses) {
        PresenceStatus highest = PresenceStatus.OFFLINE;
        for (PresenceStatus status : liveStatuses) {
            if (rank(status) > rank(highest)) {
                highest = status;
            }
        }
        return highest;
    }

    private static int rank(PresenceStatus status) {
        return switch (status) {
            case OFFLINE -> 0;
            case AWAY -> 1;
            case ONLINE -> 2;
            case BUSY -> 3;
            case INVISIBLE -> 4;
        };
    }

    /** Others see online, away and busy as they are; invisible and offline both as offline. */
    public static boolean seenByOthers(PresenceStatus status) {
        return status == PresenceStatus.ONLINE || status == PresenceStatus.AWAY || status == PresenceStatus.BUSY;
    }

    /**
     * The presence after a change, given the sessions that are live once the change is applied.
     *
     * @param current the stored presence, {@code null} for a user never seen
     * @param live    device id to live session, after the change
     * @param change  what happened
     * @param now     the time of the change
     */
    public static UserPresence next(UserPresence current, Map<String, DeviceSession> live, Change change, Instant now) {
        Map<String, PresenceStatus> devices = new TreeMap<>();
        Instant lastSeen = current == null ? null : current.lastSeenAt();
        lastSeen = later(lastSeen, change.activityAt());
        for (Map.Entry<String, DeviceSession> session : live.entrySet()) {
            devices.put(session.getKey(), session.getValue().status());
            lastSeen = later(lastSeen, session.getValue().lastActiveAt());
        }
        PresenceStatus status = aggregate(devices.values());
        String message = change.message() == null
                ? (current == null ? null : current.message())
                : (change.message().isEmpty() ? null : change.message());

        boolean changed = current == null || status != current.status()
                || !Objects.equals(message, current.message()) || !devices.equals(current.devices());
        boolean publicChanged = current == null || !publicProjection(status, message, devices)
                .equals(publicProjection(current.status(), current.message(), current.devices()));
        boolean wasSeen = current != null && seenByOthers(current.status());
        Instant publicLastSeen = seenByOthers(status) || wasSeen
                ? lastSeen
                : (current == null ? null : current.publicLastSeenAt());

        return new UserPresence(status, message, devices, lastSeen,
                changed ? now : current.updatedAt(),
                current == null ? 1 : current.version() + (changed ? 1 : 0),
                changed ? change.reason() : current.reason(),
                publicLastSeen,
                publicChanged ? now : current.publicUpdatedAt(),
                current == null ? 1 : current.publicVersion() + (publicChanged ? 1 : 0));
    }

    /**
     * Whether {@code next} must be written: always for a visible change, and for last-seen alone only
     * once it has moved by {@link #LAST_SEEN_WRITE_INTERVAL}, so a steady heartbeat mostly writes just
     * its session.
     */
    public static boolean worthWriting(UserPresence current, UserPresence next) {
        if (current == null || next.version() != current.version() || next.publicVersion() != current.publicVersion()) {
            return true;
        }
        if (Objects.equals(next.publicLastSeenAt(), current.publicLastSeenAt())
                && Objects.equals(next.lastSeenAt(), current.lastSeenAt())) {
            return false;
        }
        return current.lastSeenAt() == null
                || !next.lastSeenAt().isBefore(current.lastSeenAt().plus(LAST_SEEN_WRITE_INTERVAL));
    }

    /**
     * What others see. Offline and invisible look the same: no devices and no message, so a message
     * set while invisible never surfaces when the user later goes offline.
     */
    private static Map<String, Object> publicProjection(PresenceStatus status, String message, Map<String, PresenceStatus> devices) {
        Map<String, Object> projection = new TreeMap<>();
        boolean hidden = !seenByOthers(status);
        projection.put("status", hidden ? PresenceStatus.OFFLINE : status);
        projection.put("message", hidden || message == null ? "" : message);
        projection.put("devices", hidden ? Map.of() : devices);
        return projection;
    }

    /** The later of two instants, either of which may be {@code null}. */
    public static Instant later(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

    /**
     * One change to apply.
     *
     * @param reason     why (update, expired, disconnect)
     * @param message    the new message; {@code null} keeps the current one, empty clears it
     * @param activityAt activity this change stands for, {@code null} when none (an expiry)
     */
    public record Change(ChangeReason reason, String message, Instant activityAt) {
        public Change {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
