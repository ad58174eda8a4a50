package io.presencegrid.schema;

import java.util.Arrays;
import java.util.List;

/**
 * Value of the CHANNEL_USER cache: the devices through which a user is in a channel, sorted, without
 * repeats. The user counts once in the channel's occupancy however many devices joined; this entry is
 * where the first device in and the last device out are told apart, under the entry's lock.
 */
public final class ChannelUserDevices {

    private final String[] devices;

    private ChannelUserDevices(String[] sortedUnique) {
        this.devices = sortedUnique;
    }

    public static ChannelUserDevices of(String device) {
        return new ChannelUserDevices(new String[] {device});
    }

    /** The devices given, in any order; null when there are none. */
    public static ChannelUserDevices ofAll(List<String> devices) {
        String[] sorted = devices.stream().distinct().sorted().toArray(String[]::new);
        return sorted.length == 0 ? null : new ChannelUserDevices(sorted);
    }

    public boolean contains(String device) {
        return SortedIds.contains(devices, device);
    }

    public List<String> devices() {
        return List.of(devices);
    }

    /** With {@code device} added in its place; this one when it is already there. */
    public ChannelUserDevices with(String device) {
        String[] added = SortedIds.with(devices, device);
        return added == devices ? this : new ChannelUserDevices(added);
    }

    /** Without {@code device}; null when none is left: the user is no longer in the channel. */
    public ChannelUserDevices without(String device) {
        String[] removed = SortedIds.without(devices, device);
        if (removed == devices) {
            return this;
        }
        return removed.length == 0 ? null : new ChannelUserDevices(removed);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ChannelUserDevices that && Arrays.equals(devices, that.devices);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(devices);
    }

    @Override
    public String toString() {
        return "ChannelUserDevices" + Arrays.toString(devices);
    }
}
