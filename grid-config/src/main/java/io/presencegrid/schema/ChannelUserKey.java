package io.presencegrid.schema;

import java.util.Objects;
import org.apache.ignite.cache.affinity.AffinityKeyMapped;

/**
 * Key of one user's place in a channel (CHANNEL_USER), colocated with the channel's member rows and its
 * occupancy, so a join learns whether it adds a user without reading the channel.
 */
public final class ChannelUserKey implements Comparable<ChannelUserKey> {

    @AffinityKeyMapped
    private final String channelId;
    private final String userId;

    public ChannelUserKey(String channelId, String userId) {
        this.channelId = Objects.requireNonNull(channelId, "channelId");
        this.userId = Objects.requireNonNull(userId, "userId");
    }

    public String channelId() {
        return channelId;
    }

    public String userId() {
        return userId;
    }

    /** Key order, so batches are written in one order everywhere. */
    @Override
    public int compareTo(ChannelUserKey other) {
        int byChannel = channelId.compareTo(other.channelId);
        return byChannel != 0 ? byChannel : userId.compareTo(other.userId);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ChannelUserKey that && channelId.equals(that.channelId) && userId.equals(that.userId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(channelId, userId);
    }

    @Override
    public String toString() {
        return channelId + ":" + userId;
    }
}
