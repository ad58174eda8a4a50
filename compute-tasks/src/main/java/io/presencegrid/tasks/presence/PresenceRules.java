package io.presencegrid.tasks.presence;

import io.presencegrid.schema.ChangeReason;
import io.presencegrid.schema.DeviceState;
import io.presencegrid.schema.PresenceStatus;
import io.presencegrid.schema.UserPresence;
import io.presencegrid.schema.UserPrivacy;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The presence model as pure functions: how live devices add up to a user's presence, what counts as a
 * visible change, and what others may see. No Ignite here: it runs on the user's primary node inside the
 * entry processors that change a PRESENCE row, and in plain unit tests.
 */
public final class PresenceRules {

    /**
     * How stale the durable lastSeenAt of a user who stays online may get. Heartbeats refresh only the
     * in-memory session; a PRESENCE row is rewritten for last-seen alone at most this often (by the
     * sweeper, from the sessions), besides every visible change, offline, expiry and disconnect, which
     * write it exactly. Readers never see the lag: views take the later of the row's value and the live
     * sessions'. Only a whole-grid crash loses up to this much of a still-online user's last seen.
     */
    public static final Duration LAST_SEEN_WRITE_INTERVAL = Duration.ofMinutes(5);

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

    /** One device's new status, active now: see {@link #applyDevice(UserPresence, String, PresenceStatus, String, ChangeReason, Instant, Instant)}. */
    public static UserPresence applyDevice(UserPresence current, String device, PresenceStatus status, String message,
                                           ChangeReason reason, Instant now) {
        return applyDevice(current, device, status, message, reason, now, now);
    }

    /** One device's new status, its metadata kept: see the next. */
    public static UserPresence applyDevice(UserPresence current, String device, PresenceStatus status, String message,
                                           ChangeReason reason, Instant activityAt, Instant now) {
        return applyDevice(current, device, status, message, null, reason, activityAt, now);
    }

    /**
     * One device's new status: {@code offline} takes the device out, anything else sets it with
     * {@code activityAt} as its activity (the time its session was written, where known).
     *
     * @param meta the device's metadata as canonical JSON; {@code null} keeps what the device has (a
     *             device that was not in the row has none), empty clears it
     */
    public static UserPresence applyDevice(UserPresence current, String device, PresenceStatus status, String message,
                                           String meta, ChangeReason reason, Instant activityAt, Instant now) {
        SortedMap<String, DeviceState> devices = devicesOf(current);
        if (status == PresenceStatus.OFFLINE) {
            devices.remove(device);
        } else {
            DeviceState known = devices.get(device);
            String kept = meta == null ? (known == null ? null : known.meta()) : (meta.isEmpty() ? null : meta);
            devices.put(device, new DeviceState(status, activityAt, kept));
        }
        return next(current, devices, new Change(reason, message, activityAt), now);
    }

    /**
     * A device's session ended without the device saying so (expired, or its API node left). The device
     * goes unless the row heard from it well after that session's last activity: a session that expired
     * was last active a TTL before it ended, and any later start of the device is stamped after the end,
     * so a row that heard of the device more than {@code slack} (less than the TTL) after the ended
     * session's activity has heard of a newer session, and the notice is old news. The slack absorbs the
     * moments between a session's write and the row's, which can land in either order.
     *
     * @return the next presence, or {@code current} when there is nothing to end
     */
    public static UserPresence endDevice(UserPresence current, String device, Instant sessionLastActive, Duration slack,
                                         ChangeReason reason, Instant now) {
        if (current == null) {
            return null;
        }
        DeviceState known = current.devices().get(device);
        if (known == null || known.lastActiveAt().isAfter(sessionLastActive.plus(slack))) {
            return current;
        }
        SortedMap<String, DeviceState> devices = devicesOf(current);
        devices.remove(device);
        return next(current, devices, new Change(reason, null, sessionLastActive), now);
    }

    /**
     * Activity that changed nothing visible (heartbeats, seen in the devices' sessions), recorded in
     * lastSeenAt and in the activity the row keeps per device. Devices the row does not list are ignored:
     * recording activity never brings a device back.
     */
    public static UserPresence recordActivity(UserPresence current, Map<String, Instant> sessionActivity, Instant now) {
        if (current == null || !current.seen()) {
            return current;
        }
        SortedMap<String, DeviceState> devices = devicesOf(current);
        Instant latest = null;
        for (Map.Entry<String, Instant> activity : sessionActivity.entrySet()) {
            DeviceState known = devices.get(activity.getKey());
            if (known != null && activity.getValue().isAfter(known.lastActiveAt())) {
                devices.put(activity.getKey(), known.activeAt(activity.getValue()));
                latest = later(latest, activity.getValue());
            }
        }
        return next(current, devices, new Change(current.reason(), null, latest), now);
    }

    /**
     * The presence after a change, given the devices that are live once the change is applied.
     *
     * @param current the stored presence, {@code null} for a user never seen
     * @param live    device id to state, after the change
     * @param change  what happened
     * @param now     the time of the change
     */
    public static UserPresence next(UserPresence stored, Map<String, DeviceState> live, Change change, Instant now) {
        // A row that only holds privacy is a user never seen: the first change is their first appearance.
        UserPresence current = stored == null || !stored.seen() ? null : stored;
        UserPrivacy privacy = stored == null ? null : stored.privacy();
        SortedMap<String, DeviceState> devices = new TreeMap<>(live);
        Instant lastSeen = current == null ? null : current.lastSeenAt();
        lastSeen = later(lastSeen, change.activityAt());
        SortedMap<String, PresenceStatus> statuses = new TreeMap<>();
        for (Map.Entry<String, DeviceState> device : devices.entrySet()) {
            statuses.put(device.getKey(), device.getValue().status());
            lastSeen = later(lastSeen, device.getValue().lastActiveAt());
        }
        Map<String, Object> visibleDevices = visible(devices);
        PresenceStatus status = aggregate(statuses.values());
        String message = change.message() == null
                ? (current == null ? null : current.message())
                : (change.message().isEmpty() ? null : change.message());

        Map<String, Object> visibleBefore = current == null ? Map.of() : visible(current.devices());
        boolean changed = current == null || status != current.status()
                || !Objects.equals(message, current.message()) || !visibleDevices.equals(visibleBefore);
        boolean publicChanged = current == null || !publicProjection(status, message, visibleDevices)
                .equals(publicProjection(current.status(), current.message(), visibleBefore));
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
                current == null ? 1 : current.publicVersion() + (publicChanged ? 1 : 0),
                privacy);
    }

    /**
     * Whether {@code next} must be written: always for a visible change, and for last-seen alone only
     * once it has moved by {@link #LAST_SEEN_WRITE_INTERVAL}, so activity that changes nothing writes at
     * most that often.
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
    private static Map<String, Object> publicProjection(PresenceStatus status, String message, Map<String, Object> devices) {
        Map<String, Object> projection = new TreeMap<>();
        boolean hidden = !seenByOthers(status);
        projection.put("status", hidden ? PresenceStatus.OFFLINE : status);
        projection.put("message", hidden || message == null ? "" : message);
        projection.put("devices", hidden ? Map.of() : devices);
        return projection;
    }

    /** What a viewer sees of each device: its status, and its metadata when it has some. */
    private static Map<String, Object> visible(Map<String, DeviceState> devices) {
        Map<String, Object> visible = new TreeMap<>();
        devices.forEach((device, state) -> visible.put(device,
                state.meta() == null ? state.status() : List.of(state.status(), state.meta())));
        return visible;
    }

    private static SortedMap<String, DeviceState> devicesOf(UserPresence current) {
        return current == null ? new TreeMap<>() : new TreeMap<>(current.devices());
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
     * @param activityAt activity this change stands for, {@code null} when none
     */
    public record Change(ChangeReason reason, String message, Instant activityAt) {
        public Change {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
