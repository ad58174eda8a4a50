package io.presencegrid.tasks.channel;

import io.presencegrid.schema.CacheNames;
import io.presencegrid.schema.DeviceChannels;
import io.presencegrid.schema.DeviceSessionKey;
import java.util.ArrayList;
import java.util.List;
import javax.cache.Cache;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.CachePeekMode;
import org.apache.ignite.cache.query.QueryCursor;
import org.apache.ignite.cache.query.ScanQuery;

/**
 * A device that leaves its user's presence (offline, expiry, disconnect, its API node gone, the user
 * deleted) leaves every channel it was in. Its entry goes first, then its member rows: a join racing
 * with the exit either is in the entry the exit takes, or checks the entry after writing its member row
 * and takes the row back itself (the API's channel store), so no member row outlives its device.
 */
public final class ChannelExits {

    private ChannelExits() {
    }

    /** Ends the memberships of a device no longer in its user's presence; the channels it left. */
    public static List<String> leaveAll(Ignite ignite, String userId, String device) {
        IgniteCache<DeviceSessionKey, DeviceChannels> deviceChannels = ignite.cache(CacheNames.DEVICE_CHANNELS);
        List<String> channels = deviceChannels.invoke(new DeviceSessionKey(userId, device), new TakeDeviceChannels());
        if (channels != null && !channels.isEmpty()) {
            ChannelRoster.removeDevice(ignite, userId, device, channels);
        }
        return channels == null ? List.of() : channels;
    }

    /**
     * As {@link #leaveAll}, run on the user's primary node (the expiry service, the sweeper, a read's
     * repair): a device with no channels, nearly every one, costs a local peek and no grid call.
     */
    public static void leaveAllOnPrimary(Ignite ignite, String userId, String device) {
        DeviceChannels channels = ignite.<DeviceSessionKey, DeviceChannels>cache(CacheNames.DEVICE_CHANNELS)
                .localPeek(new DeviceSessionKey(userId, device), CachePeekMode.PRIMARY);
        if (channels != null) {
            leaveAll(ignite, userId, device);
        }
    }

    /** Ends the memberships of every device of a user who is gone from presence (deleted). */
    public static void leaveAllOfUser(Ignite ignite, String userId) {
        IgniteCache<DeviceSessionKey, DeviceChannels> deviceChannels = ignite.cache(CacheNames.DEVICE_CHANNELS);
        int partition = ignite.affinity(CacheNames.DEVICE_CHANNELS).partition(new DeviceSessionKey(userId, ""));
        List<String> devices = new ArrayList<>();
        ScanQuery<DeviceSessionKey, DeviceChannels> scan = new ScanQuery<DeviceSessionKey, DeviceChannels>(partition)
                .setFilter((key, channels) -> key.userId().equals(userId));
        try (QueryCursor<Cache.Entry<DeviceSessionKey, DeviceChannels>> rows = deviceChannels.query(scan)) {
            rows.forEach(row -> devices.add(row.getKey().device()));
        }
        devices.forEach(device -> leaveAll(ignite, userId, device));
    }
}
