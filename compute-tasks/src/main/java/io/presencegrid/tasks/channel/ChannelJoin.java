package io.presencegrid.tasks.channel;

/** What {@link JoinChannel} found at the device's entry. */
public enum ChannelJoin {
    /** Recorded now. */
    JOINED,
    /** Already recorded: a repeated join, which must still make sure the member row exists. */
    ALREADY_MEMBER,
    /** The device is not in its user's presence: only a device that is online (any status but offline) joins. */
    DEVICE_OFFLINE,
    /** The device is in {@link io.presencegrid.schema.DeviceChannels#MAX_CHANNELS} channels already. */
    TOO_MANY_CHANNELS,
    /** The channel has {@link io.presencegrid.schema.ChannelMember#MAX_PER_CHANNEL} members and the user is not one. */
    CHANNEL_FULL
}
