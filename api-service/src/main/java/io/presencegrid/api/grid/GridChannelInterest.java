package io.presencegrid.api.grid;

import io.presencegrid.api.socket.ChannelInterest;
import io.presencegrid.schema.CacheNames;
import io.presencegrid.schema.ChannelInterestKey;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.springframework.stereotype.Component;

/**
 * Channel interest records in CHANNEL_INTEREST, keyed by (channel, this client node's id) and colocated
 * with the channel's member rows, where {@code ChannelMemberFilter} looks them up. Records of an API node
 * that leaves the cluster are removed by the servers (PresenceExpiryService). Writing or removing one
 * twice ends in the same state, so a call a crashed server broke is retried ({@link GridCalls}).
 */
@Component
class GridChannelInterest implements ChannelInterest {

    private final Ignite ignite;
    private final GridCalls calls;

    GridChannelInterest(Ignite ignite, GridCalls calls) {
        this.ignite = ignite;
        this.calls = calls;
    }

    private IgniteCache<ChannelInterestKey, Long> interest() {
        return ignite.cache(CacheNames.CHANNEL_INTEREST);
    }

    @Override
    public void watching(String channelId) {
        calls.call(() -> {
            interest().put(key(channelId), System.currentTimeMillis());
            return null;
        });
    }

    @Override
    public void notWatching(String channelId) {
        calls.call(() -> interest().remove(key(channelId)));
    }

    private ChannelInterestKey key(String channelId) {
        return new ChannelInterestKey(channelId, ignite.cluster().localNode().id().toString());
    }
}
