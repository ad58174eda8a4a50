package io.presencegrid.api.grid;

import io.presencegrid.api.channel.ChannelStore;
import io.presencegrid.schema.CacheNames;
import io.presencegrid.schema.DeviceChannels;
import io.presencegrid.schema.DeviceSessionKey;
import io.presencegrid.tasks.channel.ChannelJoin;
import io.presencegrid.tasks.channel.ChannelJoinJob;
import io.presencegrid.tasks.channel.ChannelJoined;
import io.presencegrid.tasks.channel.ChannelLeaveJob;
import io.presencegrid.tasks.channel.ChannelPage;
import io.presencegrid.tasks.channel.ChannelPageJob;
import io.presencegrid.tasks.channel.ChannelRoster;
import io.presencegrid.tasks.channel.JoinChannel;
import org.apache.ignite.Ignite;
import org.apache.ignite.lang.IgniteCallable;
import org.springframework.stereotype.Component;

/**
 * Channel memberships on the grid: the device's DEVICE_CHANNELS entry (colocated with its user, where
 * whether it is online is known) and the member row in CHANNEL_MEMBER (colocated by channel, where the
 * channel is listed and counted). A join writes the entry first; a leave and every exit remove the row
 * first (ChannelExits), so a row exists only while its device's entry names the channel; a join that ran
 * into an exit finds its entry gone after writing the row, and takes the row back. What happens at the
 * channel runs as one job on its primary node, which holds its rows, users and count (ChannelJoinJob,
 * ChannelLeaveJob): a join is two round trips from here and a leave one, not one per write and read of
 * the channel, each of which is wire time when the API node and the grid are on different hosts.
 */
@Component
class GridChannelStore implements ChannelStore {

    private final Ignite ignite;
    private final GridCalls grid;

    GridChannelStore(Ignite ignite, GridCalls grid) {
        this.ignite = ignite;
        this.grid = grid;
    }

    @Override
    public Joined join(String channelId, String userId, String device) {
        return grid.call(() -> {
            ChannelJoin recorded = ignite.<DeviceSessionKey, DeviceChannels>cache(CacheNames.DEVICE_CHANNELS)
                    .invoke(new DeviceSessionKey(userId, device), new JoinChannel(channelId));
            if (recorded != ChannelJoin.JOINED && recorded != ChannelJoin.ALREADY_MEMBER) {
                return new Joined(recorded, 0);
            }
            ChannelJoined joined = atChannel(channelId, new ChannelJoinJob(channelId, userId, device, recorded));
            return new Joined(joined.outcome(), joined.occupancy());
        });
    }

    @Override
    public long leave(String channelId, String userId, String device) {
        return grid.call(() -> atChannel(channelId, new ChannelLeaveJob(channelId, userId, device)));
    }

    @Override
    public ChannelPage members(String channelId, String afterUserId, int limit) {
        return grid.call(() -> atChannel(channelId, new ChannelPageJob(channelId, afterUserId, limit)));
    }

    private <T> T atChannel(String channelId, IgniteCallable<T> job) {
        return ignite.compute().affinityCall(ChannelRoster.caches(), channelId, job);
    }
}
