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
        return Arrays.binarySearch(channels, channelId) >= 0;
    }

    public int size() {
        return channels.length;
    }

    public List<String> channels() {
        return List.of(channels);
    }

    /** With {@code channelId} added in its place; this one when it is already there. */
    public DeviceChannels with(String channelId) {
        int at = Arrays.binarySearch(channels, channelId);
        if (at >= 0) {
            return this;
        }
        int insertion = -at - 1;
        String[] added = new String[channels.length + 1];
        System.arraycopy(channels, 0, added, 0, insertion);
        added[insertion] = channelId;
        System.arraycopy(channels, insertion, added, insertion + 1, channels.length - insertion);
        return new DeviceChannels(added);
    }

    /** Without {@code channelId}; null when none is left, since an empty entry would only cost memory. */
    public DeviceChannels without(String channelId) {
        int at = Arrays.binarySearch(channels, channelId);
        if (at < 0) {
            return this;
        }
        if (channels.length == 1) {
            return null;
        }
        String[] removed = new String[channels.length - 1];
        System.arraycopy(channels, 0, removed, 0, at);
        System.arraycopy(channels, at + 1, removed, at, channels.length - at - 1);
        return new DeviceChannels(removed);
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
