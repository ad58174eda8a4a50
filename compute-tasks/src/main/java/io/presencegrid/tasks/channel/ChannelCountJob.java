package io.presencegrid.tasks.channel;

import io.presencegrid.schema.CacheNames;
import java.util.List;
import org.apache.ignite.Ignite;
import org.apache.ignite.lang.IgniteCallable;
import org.apache.ignite.resources.IgniteInstanceResource;

/**
 * Reads a channel's count of users, and whether a user is one of them, on the channel's primary node,
 * where its count and its users' entries are (colocated by channel): one round trip for both, and the
 * primary's copy is the one every acknowledged write has reached. Run through an affinity call, which
 * keeps the partition on this node meanwhile.
 */
public final class ChannelCountJob implements IgniteCallable<ChannelCount> {

    private static final long serialVersionUID = 1L;

    private final String channelId;
    /** Whose membership to report, or {@code null}. */
    private final String userId;

    @IgniteInstanceResource
    private transient Ignite ignite;

    public ChannelCountJob(String channelId, String userId) {
        this.channelId = channelId;
        this.userId = userId;
    }

    @Override
    public ChannelCount call() {
        return ChannelRoster.countOnPrimary(ignite, channelId, userId);
    }

    /** The caches an affinity call of this job must keep on the node. */
    public static List<String> caches() {
        return List.of(CacheNames.CHANNEL_MEMBER, CacheNames.CHANNEL_USER, CacheNames.CHANNEL_OCCUPANCY);
    }
}
