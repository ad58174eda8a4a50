package io.presencegrid.api.grid;

import io.presencegrid.api.socket.InterestRegistry;
import io.presencegrid.schema.CacheNames;
import io.presencegrid.schema.InterestKey;
import io.presencegrid.tasks.presence.FollowAndReadJob;
import io.presencegrid.tasks.presence.PresenceSnapshot;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.springframework.stereotype.Component;

/**
 * Interest records in SOCKET_INTEREST, keyed by (user, this client node's id) and colocated with the
 * user's PRESENCE row, where {@code PresenceChangeFilter} looks them up. Records of an API node that
 * leaves the cluster are removed by the servers (PresenceExpiryService), so none outlive their node.
 * Writing or removing a record twice ends in the same state, so a call a crashed server broke is
 * retried ({@link GridCalls}).
 */
@Component
class GridInterestRegistry implements InterestRegistry {

    /**
     * Batch writes in a sorted collection, as Ignite asks (it warns of any other), so that two batches
     * never wait on each other's keys. A batch is one API node's, so the user orders it.
     */
    private static final Comparator<InterestKey> BY_USER = Comparator.comparing(InterestKey::userId);

    private final Ignite ignite;
    private final GridCalls calls;

    GridInterestRegistry(Ignite ignite, GridCalls calls) {
        this.ignite = ignite;
        this.calls = calls;
    }

    private IgniteCache<InterestKey, Long> interest() {
        return ignite.cache(CacheNames.SOCKET_INTEREST);
    }

    @Override
    public void interested(Collection<String> userIds) {
        if (userIds.isEmpty()) {
            return;
        }
        long now = System.currentTimeMillis();
        Map<InterestKey, Long> records = new TreeMap<>(BY_USER);
        keys(userIds).forEach(key -> records.put(key, now));
        calls.call(() -> {
            interest().putAll(records);
            return null;
        });
    }

    @Override
    public PresenceSnapshot interestedAndRead(String userId) {
        FollowAndReadJob job = new FollowAndReadJob(userId, apiNodeId(), System.currentTimeMillis());
        return calls.call(() -> ignite.compute().affinityCall(FollowAndReadJob.CACHES, userId, job));
    }

    @Override
    public void notInterested(Collection<String> userIds) {
        if (userIds.isEmpty()) {
            return;
        }
        SortedSet<InterestKey> records = keys(userIds);
        calls.call(() -> {
            interest().removeAll(records);
            return null;
        });
    }

    private SortedSet<InterestKey> keys(Collection<String> userIds) {
        String apiNodeId = apiNodeId();
        SortedSet<InterestKey> keys = new TreeSet<>(BY_USER);
        userIds.forEach(userId -> keys.add(new InterestKey(userId, apiNodeId)));
        return keys;
    }

    private String apiNodeId() {
        return ignite.cluster().localNode().id().toString();
    }
}
