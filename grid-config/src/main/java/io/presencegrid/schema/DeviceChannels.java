package io.presencegrid.schema;

import java.util.Arrays;
import java.util.List;

/**
 * Value of the DEVICE_CHANNELS cache, keyed by the device's {@link DeviceSessionKey} and so colocated with
 * the user's PRESENCE row: the channels the device is a member of, sorted, without repeats. It is how a
 * device's memberships are found when the device leaves its user's presence (offline, expiry, disconnect,
 * deletion), and what caps a device's channels.
 */
public final class DeviceChannels {

    /** Channels one device may be a member of at once (DESIGN.md). */
    public static final int MAX_CHANNELS = 100;

    private final String[] channels;

    private DeviceChannels(String[] sortedUnique) {
        this.channels = sortedUnique;
    }

    public static DeviceChannels of(String channelId) {
        return new DeviceChannels(new String[] {channelId});
    }

    public boolean contains(String channelId) {
        return SortedIds.contains(channels, channelId);
    }

    public int size() {
        return channels.length;
    }

    public List<String> channels() {
        return List.of(channels);
    }

    /** With {@code channelId} added in its place; this one when it is already there. */
    public DeviceChannels with(String channelId) {
        String[] added = SortedIds.with(channels, channelId);
        return added == channels ? this : new DeviceChannels(added);
    }

    /** Without {@code channelId}; null when none is left, since an empty entry would only cost memory. */
    public DeviceChannels without(String channelId) {
        String[] removed = SortedIds.without(channels, channelId);
        if (removed == channels) {
            return this;
        }
        return removed.length == 0 ? null : new DeviceChannels(removed);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DeviceChannels that && Arrays.equals(channels, that.channels);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(channels);
    }

    @Override
    public String toString() {
        return "DeviceChannels" + Arrays.toString(channels);
    }
}
