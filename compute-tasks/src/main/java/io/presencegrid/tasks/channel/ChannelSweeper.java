package io.presencegrid.tasks.channel;

import io.presencegrid.schema.CacheNames;
import io.presencegrid.schema.DeviceChannels;
import io.presencegrid.schema.DeviceSessionKey;
import java.util.ArrayList;
import java.util.List;
import javax.cache.Cache;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.IgniteLogger;
import org.apache.ignite.cache.CachePeekMode;
import org.apache.ignite.cache.query.QueryCursor;
import org.apache.ignite.cache.query.ScanQuery;

/**
 * The safety net behind {@link ChannelExits}: an exit is made by whoever ended the device (an API node,
 * the expiry service), and one that crashed in between leaves memberships of a device that is gone. Every
 * few seconds each server looks at the devices with channels on its primary partitions, reading their
 * users' rows locally, and ends the memberships of those no longer in presence; then it recounts the
 * channels there ({@link ChannelRecount}).
 */
public final class ChannelSweeper {

    private final Ignite ignite;
    private final IgniteLogger log;
    private final ChannelRecount recount;

    public ChannelSweeper(Ignite ignite, IgniteLogger log) {
        this.ignite = ignite;
        this.log = log;
        this.recount = new ChannelRecount(ignite, log);
    }

    public void sweepLocalPrimaries() {
        try {
            endMembershipsOfDevicesGone();
            recount.recountLocalPrimaries();
        } catch (RuntimeException e) {
            // The next sweep tries again; a node stopping ends up here too.
            log.warning("Channel sweep failed: " + e.getMessage());
        }
    }

    private void endMembershipsOfDevicesGone() {
        IgniteCache<DeviceSessionKey, DeviceChannels> deviceChannels = ignite.cache(CacheNames.DEVICE_CHANNELS);
        if (deviceChannels.localSizeLong(CachePeekMode.PRIMARY) == 0) {
            // No device here is in a channel: no scan of a thousand empty partitions every sweep.
            return;
        }
        List<DeviceSessionKey> gone = new ArrayList<>();
        for (int partition : ignite.affinity(CacheNames.DEVICE_CHANNELS).primaryPartitions(ignite.cluster().localNode())) {
            ScanQuery<DeviceSessionKey, DeviceChannels> scan = new ScanQuery<DeviceSessionKey, DeviceChannels>(partition)
                    .setLocal(true);
            try (QueryCursor<Cache.Entry<DeviceSessionKey, DeviceChannels>> rows = deviceChannels.query(scan)) {
                for (Cache.Entry<DeviceSessionKey, DeviceChannels> row : rows) {
                    if (!DeviceLiveness.live(ignite, row.getKey().userId(), row.getKey().device())) {
                        gone.add(row.getKey());
                    }
                }
            }
        }
        int left = 0;
        for (DeviceSessionKey device : gone) {
            left += ChannelExits.leaveAll(ignite, device.userId(), device.device()).size();
        }
        if (left > 0) {
            log.info("Channel sweep: " + gone.size() + " devices gone from presence left " + left + " channels");
        }
    }
}
