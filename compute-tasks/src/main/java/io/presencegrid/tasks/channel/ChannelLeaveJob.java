package io.presencegrid.tasks.channel;

import io.presencegrid.schema.CacheNames;
import io.presencegrid.schema.ChannelMemberKey;
import io.presencegrid.schema.DeviceChannels;
import io.presencegrid.schema.DeviceSessionKey;
import org.apache.ignite.Ignite;
import org.apache.ignite.lang.IgniteCallable;
import org.apache.ignite.resources.IgniteInstanceResource;

/**
 * A leave, on the channel's primary node: removes the member row and counts the user out there, then takes
 * the channel out of the device's entry, row first as every exit does ({@link ChannelExits}). One round
 * trip from the API node; the channel's occupancy after. Nothing to remove is no failure. Run through an
 * affinity call on {@link ChannelRoster#caches()}.
 */
public final class ChannelLeaveJob implements IgniteCallable<Long> {

    private static final long serialVersionUID = 1L;

    private final String channelId;
    private final String userId;
    private final String device;

    @IgniteInstanceResource
    private transient Ignite ignite;

    public ChannelLeaveJob(String channelId, String userId, String device) {
        this.channelId = channelId;
        this.userId = userId;
        this.device = device;
    }

    @Override
    public Long call() {
        long occupancy = ChannelRoster.remove(ignite, new ChannelMemberKey(channelId, userId, device));
        ignite.<DeviceSessionKey, DeviceChannels>cache(CacheNames.DEVICE_CHANNELS)
                .invoke(new DeviceSessionKey(userId, device), new LeaveChannel(channelId));
        return occupancy;
    }
}
