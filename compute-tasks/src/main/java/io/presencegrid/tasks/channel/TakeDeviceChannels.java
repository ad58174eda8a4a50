package io.presencegrid.tasks.channel;

import io.presencegrid.schema.DeviceChannels;
import io.presencegrid.schema.DeviceSessionKey;
import java.util.ArrayList;
import javax.cache.processor.MutableEntry;
import org.apache.ignite.Ignite;
import org.apache.ignite.cache.CacheEntryProcessor;

/**
 * Removes a device's DEVICE_CHANNELS entry and returns its channels, unless the device is back in its
 * user's presence: an exit noticed late (by the sweeper) must not end the memberships of a device that
 * came back online and joined again meanwhile.
 */
public final class TakeDeviceChannels implements CacheEntryProcessor<DeviceSessionKey, DeviceChannels, ArrayList<String>> {

    private static final long serialVersionUID = 1L;

    @Override
    public ArrayList<String> process(MutableEntry<DeviceSessionKey, DeviceChannels> entry, Object... arguments) {
        DeviceChannels channels = entry.getValue();
        DeviceSessionKey device = entry.getKey();
        if (channels == null || DeviceLiveness.live(entry.unwrap(Ignite.class), device.userId(), device.device())) {
            return new ArrayList<>();
        }
        entry.remove();
        return new ArrayList<>(channels.channels());
    }
}
