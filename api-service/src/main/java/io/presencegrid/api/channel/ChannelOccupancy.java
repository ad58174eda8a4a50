package io.presencegrid.api.channel;

/** The answer to a join or leave: the channel and how many users are in it now. */
public record ChannelOccupancy(String channelId, long occupancy) {
}
