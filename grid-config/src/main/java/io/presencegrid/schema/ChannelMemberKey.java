package io.presencegrid.schema;

import java.util.Objects;
import org.apache.ignite.cache.affinity.AffinityKeyMapped;

/**
 * Key of one device's membership of a channel. Affinity on {@code channelId} keeps a channel's members in
 * one partition, so listing, counting and watching a channel touch one primary node, whoever its members are.
 */
public final class ChannelMemberKey implements Comparable<ChannelMemberKey> {

    @AffinityKeyMapped
    private final String channelId;
    private final String userId;
    private final String device;

    public ChannelMemberKey(String channelId, String userId, String device) {
        this.channelId = Objects.requireNonNull(channelId, "channelId");
        this.userId = Objects.requireNonNull(userId, "userId");
        this.device = Objects.requireNonNull(device, "device");
    }

    public String channelId() {
        return channelId;
    }

    public String userId() {
        return userId;
    }

    public String device() {
        return device;
    }

    /** Key order, so batches of memberships are written in one order everywhere. */
    @Override
    public int compareTo(ChannelMemberKey other) {
        int byChannel = channelId.compareTo(other.channelId);
        if (byChannel != 0) {
            return byChannel;
        }
        int byUser = userId.compareTo(other.userId);
        return byUser != 0 ? byUser : device.compareTo(other.device);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ChannelMemberKey that && channelId.equals(that.channelId) && userId.equals(that.userId)
                && device.equals(that.device);
    }

    @Override
    public int hashCode() {
        return Objects.hash(channelId, userId, device);
    }

    @Override
    public String toString() {
        return channelId + ":" + userId + "/" + device;
    }
}
