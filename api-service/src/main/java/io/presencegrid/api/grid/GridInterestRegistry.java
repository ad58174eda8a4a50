package io.presencegrid.api.grid;

import io.presencegrid.api.socket.InterestRegistry;
import io.presencegrid.schema.CacheNames;
import io.presencegrid.schema.InterestKey;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.springframework.stereotype.Component;

/**
 * Interest records in SOCKET_INTEREST, keyed by (user, this client node's id) and colocated with the
 * user's PRESENCE row, where {@code PresenceChangeFilter} looks them up. Records of an API node that
 * leaves the cluster are removed by the servers (PresenceExpiryService), so none outlive their node.
 */
@Component
class GridInterestRegistry implements InterestRegistry {

    private final Ignite ignite;

    GridInterestRegistry(Ignite ignite) {
        this.ignite = ignite;
    }

    private IgniteCache<InterestKey, Long> interest() {
        return ignite.cache(CacheNames.SOCKET_INTEREST);
    }

    @Override
    public void interested(String userId) {
        interest().put(key(userId), System.currentTimeMillis());
    }

    @Override
    public void notInterested(String userId) {
        interest().remove(key(userId));
    }

    private InterestKey key(String userId) {
        return new InterestKey(userId, ignite.cluster().localNode().id().toString());
    }
}
