package io.presencegrid.tasks.channel;

import io.presencegrid.schema.DeviceChannels;
import io.presencegrid.schema.DeviceSessionKey;
import javax.cache.processor.MutableEntry;
import org.apache.ignite.Ignite;
import org.apache.ignite.cache.CacheEntryProcessor;

/**
 * Records a channel in a device's DEVICE_CHANNELS entry, if the device is online and under its limit of
 * channels. Under the entry's lock, so a device's joins and its exit ({@link TakeDeviceChannels}) are
 * serialised: an exit either sees this channel and removes its member row, or comes first and this join
 * finds the device offline.
 */
public final class JoinChannel implements CacheEntryProcessor<DeviceSessionKey, DeviceChannels, ChannelJoin> {

    private static final long serialVersionUID = 1L;

    private final String channelId;

    public JoinChannel(String channelId) {
        this.channelId = channelId;
    }

    @Override
    public ChannelJoin process(MutableEntry<DeviceSessionKey, DeviceChannels> entry, Object... arguments) {
        DeviceSessionKey device = entry.getKey();
        if (!DeviceLiveness.live(entry.unwrap(Ignite.class), device.userId(), device.device())) {
            return ChannelJoin.DEVICE_OFFLINE;
        }
        DeviceChannels channels = entry.getValue();
        if (channels == null) {
            entry.setValue(DeviceChannels.of(channelId));
            return ChannelJoin.JOINED;
        }
        if (channels.contains(channelId)) {
            return ChannelJoin.ALREADY_MEMBER;
        }
        if (channels.size() >= DeviceChannels.MAX_CHANNELS) {
            return ChannelJoin.TOO_MANY_CHANNELS;
        }
        entry.setValue(channels.with(channelId));
        return ChannelJoin.JOINED;
    }
}
