package io.presencegrid.api.socket;

import java.time.Instant;

/**
 * A device joining ({@code joined}) or leaving a channel, as the grid reported it to this API node.
 *
 * @param at when the device joined, or when this node learnt it left
 */
public record ChannelMemberChange(String channelId, String userId, String device, boolean joined, Instant at) {
}
