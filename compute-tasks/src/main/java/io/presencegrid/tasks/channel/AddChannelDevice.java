package io.presencegrid.tasks.channel;

import io.presencegrid.schema.ChannelUserDevices;
import io.presencegrid.schema.ChannelUserKey;
import javax.cache.processor.MutableEntry;
import org.apache.ignite.cache.CacheEntryProcessor;

/** Adds a device to a user's devices in a channel; whether the user was not in the channel before. */
public final class AddChannelDevice implements CacheEntryProcessor<ChannelUserKey, ChannelUserDevices, Boolean> {

    private static final long serialVersionUID = 1L;

    private final String device;

    public AddChannelDevice(String device) {
        this.device = device;
    }

    @Override
    public Boolean process(MutableEntry<ChannelUserKey, ChannelUserDevices> entry, Object... arguments) {
        ChannelUserDevices devices = entry.getValue();
        if (devices == null) {
            entry.setValue(ChannelUserDevices.of(device));
            return true;
        }
        if (!devices.contains(device)) {
            entry.setValue(devices.with(device));
        }
        return false;
    }
}
