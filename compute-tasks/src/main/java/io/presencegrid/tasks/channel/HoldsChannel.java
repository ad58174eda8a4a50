package io.presencegrid.tasks.channel;

import io.presencegrid.schema.DeviceChannels;
import io.presencegrid.schema.DeviceSessionKey;
import javax.cache.processor.MutableEntry;
import org.apache.ignite.cache.CacheEntryProcessor;

/**
 * Whether a device's entry still lists a channel, read at the entry's primary under its lock (a read
 * there sees every write acknowledged before it, which a read from a backup need not).
 */
public final class HoldsChannel implements CacheEntryProcessor<DeviceSessionKey, DeviceChannels, Boolean> {

    private static final long serialVersionUID = 1L;

    private final String channelId;

    public HoldsChannel(String channelId) {
        this.channelId = channelId;
    }

    @Override
    public Boolean process(MutableEntry<DeviceSessionKey, DeviceChannels> entry, Object... arguments) {
        return entry.getValue() != null && entry.getValue().contains(channelId);
    }
}
