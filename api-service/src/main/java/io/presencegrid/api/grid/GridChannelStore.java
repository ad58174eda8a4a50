package io.presencegrid.api.grid;

import io.presencegrid.api.channel.ChannelStore;
import io.presencegrid.schema.CacheNames;
import io.presencegrid.schema.ChannelMember;
import io.presencegrid.schema.ChannelMemberKey;
import io.presencegrid.schema.DeviceChannels;
import io.presencegrid.schema.DeviceSessionKey;
import io.presencegrid.tasks.channel.ChannelCount;
import io.presencegrid.tasks.channel.ChannelCountJob;
import io.presencegrid.tasks.channel.ChannelJoin;
import io.presencegrid.tasks.channel.ChannelPage;
import io.presencegrid.tasks.channel.ChannelPageJob;
import io.presencegrid.tasks.channel.ChannelRoster;
import io.presencegrid.tasks.channel.HoldsChannel;
import io.presencegrid.tasks.channel.JoinChannel;
import io.presencegrid.tasks.channel.LeaveChannel;
import io.presencegrid.tasks.clock.PresenceClock;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.springframework.stereotype.Component;

/**
 * Channel memberships on the grid: the device's DEVICE_CHANNELS entry (colocated with its user, where
 * whether it is online is known) and the member row in CHANNEL_MEMBER (colocated by channel, where the
 * channel is listed and counted). A join writes the entry first; a leave and every exit remove the row
 * first (ChannelExits), so a row exists only while its device's entry names the channel; a join that ran
 * into an exit finds its entry gone after writing the row, and takes the row back. Rows are written through
 * ChannelRoster, which keeps each channel's count beside them; reading the count and listing are jobs on the
 * channel's primary node, which holds all of its members.
 */
@Component
class GridChannelStore implements ChannelStore {

    private final Ignite ignite;
    private final GridCalls grid;

    GridChannelStore(Ignite ignite, GridCalls grid) {
        this.ignite = ignite;
        this.grid = grid;
    }

    private IgniteCache<DeviceSessionKey, DeviceChannels> deviceChannels() {
        return ignite.cache(CacheNames.DEVICE_CHANNELS);
    }

    @Override
    public Joined join(String channelId, String userId, String device) {
        DeviceSessionKey deviceKey = new DeviceSessionKey(userId, device);
        ChannelMemberKey row = new ChannelMemberKey(channelId, userId, device);
        return grid.call(() -> {
            ChannelCount count = count(channelId, userId);
            if (!count.userIsMember() && count.occupancy() >= ChannelMember.MAX_PER_CHANNEL) {
                // Checked before the write, not under a lock: joins racing at the limit may pass it by
                // their number, which a channel of ten thousand does not notice.
                return new Joined(ChannelJoin.CHANNEL_FULL, count.occupancy());
            }
            ChannelJoin outcome = deviceChannels().invoke(deviceKey, new JoinChannel(channelId));
            if (outcome != ChannelJoin.JOINED && outcome != ChannelJoin.ALREADY_MEMBER) {
                return new Joined(outcome, count.occupancy());
            }
            long occupancy = ChannelRoster.add(ignite, row, new ChannelMember(PresenceClock.now()));
            if (!deviceChannels().invoke(deviceKey, new HoldsChannel(channelId))) {
                // The device left presence between the two writes, and its exit did not see this row.
                return new Joined(ChannelJoin.DEVICE_OFFLINE, ChannelRoster.remove(ignite, row));
            }
            return new Joined(outcome, occupancy);
        });
    }

    @Override
    public long leave(String channelId, String userId, String device) {
        return grid.call(() -> {
            long occupancy = ChannelRoster.remove(ignite, new ChannelMemberKey(channelId, userId, device));
            deviceChannels().invoke(new DeviceSessionKey(userId, device), new LeaveChannel(channelId));
            return occupancy;
        });
    }

    @Override
    public ChannelPage members(String channelId, String afterUserId, int limit) {
        return grid.call(() -> ignite.compute().affinityCall(ChannelCountJob.caches(), channelId,
                new ChannelPageJob(channelId, afterUserId, limit)));
    }

    private ChannelCount count(String channelId, String userId) {
        return ignite.compute().affinityCall(ChannelCountJob.caches(), channelId, new ChannelCountJob(channelId, userId));
    }
}
