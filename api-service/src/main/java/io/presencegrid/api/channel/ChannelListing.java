package io.presencegrid.api.channel;

import java.util.List;

/**
 * A page of a channel's members, sorted by user id; {@code next} is the {@code after} of the next page,
 * {@code null} on the last. Members hidden from the viewer count in {@code occupancy} but are not listed,
 * so a page may hold fewer than its limit and still have a next.
 */
public record ChannelListing(String channelId, long occupancy, List<ChannelMemberView> members, String next) {
}
