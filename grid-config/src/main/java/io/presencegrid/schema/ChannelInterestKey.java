package io.presencegrid.schema;

import java.util.Objects;
import org.apache.ignite.cache.affinity.AffinityKeyMapped;

/**
 * "API node {@code apiNodeId} has at least one socket watching {@code channelId}": the key of the
 * CHANNEL_INTEREST cache. Colocated with the channel's member rows, so the continuous query's remote filter
 * on CHANNEL_MEMBER answers "does anyone on that API node watch this channel?" with a local lookup.
 */
public final class ChannelInterestKey implements Comparable<ChannelInterestKey> {

    @AffinityKeyMapped
    private final String channelId;
    private final String apiNodeId;

    public ChannelInterestKey(String channelId, String apiNodeId) {
        this.channelId = Objects.requireNonNull(channelId, "channelId");
        this.apiNodeId = Objects.requireNonNull(apiNodeId, "apiNodeId");
    }

    public String channelId() {
        return channelId;
    }

    public String apiNodeId() {
        return apiNodeId;
    }

    /** By channel, then API node: the order Ignite asks of keys written in one batch. */
    @Override
    public int compareTo(ChannelInterestKey other) {
        int byChannel = channelId.compareTo(other.channelId);
        return byChannel != 0 ? byChannel : apiNodeId.compareTo(other.apiNodeId);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ChannelInterestKey that && channelId.equals(that.channelId) && apiNodeId.equals(that.apiNodeId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(channelId, apiNodeId);
    }

    @Override
    public String toString() {
        return apiNodeId + "->#" + channelId;
    }
}
