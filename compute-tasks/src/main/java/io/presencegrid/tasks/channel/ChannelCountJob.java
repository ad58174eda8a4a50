package io.presencegrid.tasks.channel;

import io.presencegrid.schema.CacheNames;
import java.util.List;
import org.apache.ignite.Ignite;
import org.apache.ignite.lang.IgniteCallable;
import org.apache.ignite.resources.IgniteInstanceResource;

/**
 * Counts a channel's users on the channel's primary node, where all of its members are (colocated by
 * channel), so neither the API node nor any other server takes part. Run through an affinity call, which
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
        return ChannelScan.count(ignite, channelId, userId);
    }

    /** The caches an affinity call of this job must keep on the node. */
    public static List<String> caches() {
        return List.of(CacheNames.CHANNEL_MEMBER);
    }
}
