package io.presencegrid.tasks.channel;

import io.presencegrid.schema.DeviceChannels;
import io.presencegrid.schema.DeviceSessionKey;
import javax.cache.processor.MutableEntry;
import org.apache.ignite.cache.CacheEntryProcessor;

/** Takes a channel out of a device's DEVICE_CHANNELS entry; whether it was there. */
public final class LeaveChannel implements CacheEntryProcessor<DeviceSessionKey, DeviceChannels, Boolean> {

    private static final long serialVersionUID = 1L;

    private final String channelId;

    public LeaveChannel(String channelId) {
        this.channelId = channelId;
    }

    @Override
    public Boolean process(MutableEntry<DeviceSessionKey, DeviceChannels> entry, Object... arguments) {
        DeviceChannels channels = entry.getValue();
        if (channels == null || !channels.contains(channelId)) {
            return false;
        }
        DeviceChannels left = channels.without(channelId);
        if (left == null) {
            entry.remove();
        } else {
            entry.setValue(left);
        }
        return true;
    }
}
