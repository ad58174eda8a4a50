package io.presencegrid.api.channel;

import io.presencegrid.tasks.channel.ChannelJoin;
import io.presencegrid.tasks.channel.ChannelPage;

/** Where channel memberships live. The grid implementation keeps a channel's members on one primary. */
public interface ChannelStore {

    /**
     * Makes the device a member of the channel if it is online and within the limits: what it found, and
     * the channel's occupancy with this join, counted by the same look at the channel that checked its limit
     * (0 when the device was refused before the channel was looked at: offline, or in too many channels).
     */
    Joined join(String channelId, String userId, String device);

    /**
     * Ends the device's membership; nothing to end is no failure. The channel's occupancy after: users with
     * at least one device in it.
     */
    long leave(String channelId, String userId, String device);

    /**
     * Up to {@code limit} members whose user id sorts after {@code afterUserId} ({@code null}: from the
     * first), each with their devices in the channel, in user-id order; whether more follow; the occupancy.
     */
    ChannelPage members(String channelId, String afterUserId, int limit);

    /** What a join found, and how many users the channel holds with it. */
    record Joined(ChannelJoin outcome, long occupancy) {
    }
}
