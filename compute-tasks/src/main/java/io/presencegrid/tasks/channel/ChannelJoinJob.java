package io.presencegrid.tasks.channel;

import io.presencegrid.schema.CacheNames;
import io.presencegrid.schema.ChannelMember;
import io.presencegrid.schema.ChannelMemberKey;
import io.presencegrid.schema.DeviceChannels;
import io.presencegrid.schema.DeviceSessionKey;
import io.presencegrid.tasks.clock.PresenceClock;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.lang.IgniteCallable;
import org.apache.ignite.resources.IgniteInstanceResource;

/**
 * The channel's half of a join, after {@link JoinChannel} has recorded the channel in the device's entry:
 * runs on the channel's primary node, which holds its count, its users and its rows, so the limit is
 * checked, the row written and the user counted in without a round trip from the API node for each; then
 * it checks that the device's entry still names the channel, and takes the row back if an exit removed it
 * meanwhile. Run through an affinity call on {@link ChannelRoster#caches()}.
 *
 * <p>A full channel is found after the device's entry was written, so the entry is taken back here. It is
 * refused only when the device has no row in the channel, so the entry it takes back names no membership
 * (a row without its entry would be one no exit finds).
 */
public final class ChannelJoinJob implements IgniteCallable<ChannelJoined> {

    private static final long serialVersionUID = 1L;

    private final String channelId;
    private final String userId;
    private final String device;
    /** What {@link JoinChannel} found: {@link ChannelJoin#JOINED} or {@link ChannelJoin#ALREADY_MEMBER}. */
    private final ChannelJoin recorded;

    @IgniteInstanceResource
    private transient Ignite ignite;

    public ChannelJoinJob(String channelId, String userId, String device, ChannelJoin recorded) {
        this.channelId = channelId;
        this.userId = userId;
        this.device = device;
        this.recorded = recorded;
    }

    @Override
    public ChannelJoined call() {
        DeviceSessionKey deviceKey = new DeviceSessionKey(userId, device);
        ChannelMemberKey row = new ChannelMemberKey(channelId, userId, device);
        ChannelCount count = ChannelRoster.countOnPrimary(ignite, channelId, userId);
        if (!count.userIsMember() && count.occupancy() >= ChannelMember.MAX_PER_CHANNEL && !ChannelRoster.hasRowOnPrimary(ignite, row)) {
            // Checked before the write, not under a lock: joins racing at the limit may pass it by their
            // number, which a channel of ten thousand does not notice.
            deviceChannels().invoke(deviceKey, new LeaveChannel(channelId));
            return new ChannelJoined(ChannelJoin.CHANNEL_FULL, count.occupancy());
        }
        long occupancy = ChannelRoster.add(ignite, row, new ChannelMember(PresenceClock.now()));
        if (!deviceChannels().invoke(deviceKey, new HoldsChannel(channelId))) {
            // The device left presence between the two writes, and its exit did not see this row.
            return new ChannelJoined(ChannelJoin.DEVICE_OFFLINE, ChannelRoster.remove(ignite, row));
        }
        return new ChannelJoined(recorded, occupancy);
    }

    private IgniteCache<DeviceSessionKey, DeviceChannels> deviceChannels() {
        return ignite.cache(CacheNames.DEVICE_CHANNELS);
    }
}
