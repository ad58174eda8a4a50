package io.presencegrid.tasks.stats;

import io.presencegrid.schema.PresenceStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Presence counts over some partitions: one node's primaries (what a {@link PresenceStatsTask} job
 * answers) or the whole grid (what the task reduces to). Known users by true status, live sessions in
 * total and by device id. Device ids are chosen by clients, so only the largest {@code limit} devices
 * are named; the sessions of all others are summed in {@link #getOtherDevices()}, and
 * {@code sum(byDevice) + otherDevices == sessions} always holds.
 *
 * <p>A plain class with getters: it crosses the wire through Ignite's binary marshaller (which cannot
 * build records on Java 17) and leaves through Ignite REST's JSON mapper (which reads getters).
 */
public final class PresenceStats {

    /** Largest first; equal counts by name, so the answer does not depend on the order nodes replied in. */
    private static final Comparator<Map.Entry<String, Long>> LARGEST_FIRST =
            Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey());

    private final long users;
    private final long sessions;
    private final LinkedHashMap<String, Long> byStatus;
    private final LinkedHashMap<String, Long> byDevice;
    private final long otherDevices;

    public PresenceStats(long users, long sessions, Map<String, Long> byStatus, Map<String, Long> byDevice,
                         long otherDevices, int deviceLimit) {
        this.users = users;
        this.sessions = sessions;
        this.byStatus = new LinkedHashMap<>();
        for (PresenceStatus status : PresenceStatus.values()) {
            this.byStatus.put(status.wireName(), byStatus.getOrDefault(status.wireName(), 0L));
        }
        List<Map.Entry<String, Long>> devices = new ArrayList<>(byDevice.entrySet());
        devices.sort(LARGEST_FIRST);
        this.byDevice = new LinkedHashMap<>();
        long other = otherDevices;
        for (Map.Entry<String, Long> device : devices) {
            if (this.byDevice.size() < deviceLimit) {
                this.byDevice.put(device.getKey(), device.getValue());
            } else {
                other += device.getValue();
            }
        }
        this.otherDevices = other;
    }

    public static PresenceStats empty() {
        return new PresenceStats(0, 0, Map.of(), Map.of(), 0, 0);
    }

    /** The sum of {@code parts}, naming at most {@code deviceLimit} devices. */
    public static PresenceStats sum(List<PresenceStats> parts, int deviceLimit) {
        long users = 0;
        long sessions = 0;
        long other = 0;
        Map<String, Long> byStatus = new LinkedHashMap<>();
        Map<String, Long> byDevice = new LinkedHashMap<>();
        for (PresenceStats part : parts) {
            users += part.users;
            sessions += part.sessions;
            other += part.otherDevices;
            part.byStatus.forEach((status, count) -> byStatus.merge(status, count, Long::sum));
            part.byDevice.forEach((device, count) -> byDevice.merge(device, count, Long::sum));
        }
        return new PresenceStats(users, sessions, byStatus, byDevice, other, deviceLimit);
    }

    /** Known users: PRESENCE rows. */
    public long getUsers() {
        return users;
    }

    /** Live device sessions: DEVICE_SESSION rows. */
    public long getSessions() {
        return sessions;
    }

    /** Users by true status (invisible counted as invisible); all five statuses, in enum order. */
    public Map<String, Long> getByStatus() {
        return Collections.unmodifiableMap(byStatus);
    }

    /** Live sessions of the most used device ids, largest first. */
    public Map<String, Long> getByDevice() {
        return Collections.unmodifiableMap(byDevice);
    }

    /** Live sessions of every device id not named in {@link #getByDevice()}. */
    public long getOtherDevices() {
        return otherDevices;
    }

    @Override
    public String toString() {
        return "PresenceStats[users=" + users + ", sessions=" + sessions + ", byStatus=" + byStatus
                + ", byDevice=" + byDevice + ", otherDevices=" + otherDevices + "]";
    }
}
