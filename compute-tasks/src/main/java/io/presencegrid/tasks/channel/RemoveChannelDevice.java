package io.presencegrid.tasks.channel;

import io.presencegrid.schema.ChannelUserDevices;
import io.presencegrid.schema.ChannelUserKey;
import javax.cache.processor.MutableEntry;
import org.apache.ignite.cache.CacheEntryProcessor;

/** Takes a device out of a user's devices in a channel; whether that took the user out of the channel. */
public final class RemoveChannelDevice implements CacheEntryProcessor<ChannelUserKey, ChannelUserDevices, Boolean> {

    private static final long serialVersionUID = 1L;

    private final String device;

    public RemoveChannelDevice(String device) {
        this.device = device;
    }

    @Override
    public Boolean process(MutableEntry<ChannelUserKey, ChannelUserDevices> entry, Object... arguments) {
        ChannelUserDevices devices = entry.getValue();
        if (devices == null || !devices.contains(device)) {
            return false;
        }
        ChannelUserDevices left = devices.without(device);
        if (left == null) {
            entry.remove();
            return true;
        }
        entry.setValue(left);
        return false;
    }
}
