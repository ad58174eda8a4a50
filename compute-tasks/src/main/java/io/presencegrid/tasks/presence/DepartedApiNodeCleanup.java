package io.presencegrid.tasks.presence;

import io.presencegrid.schema.CacheNames;
import io.presencegrid.schema.ChangeReason;
import io.presencegrid.schema.ChannelInterestKey;
import io.presencegrid.schema.DeviceSession;
import io.presencegrid.schema.DeviceSessionKey;
import io.presencegrid.schema.InterestKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.cache.Cache;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.query.QueryCursor;
import org.apache.ignite.cache.query.ScanQuery;
import org.apache.ignite.lang.IgniteBiPredicate;

/**
 * What a server node does for its own primary partitions when an API node leaves the grid: that node's
 * sockets are gone, so what they asked the grid to keep for them goes too. Run by
 * {@link PresenceExpiryService} on its worker thread, one departure at a time.
 */
final class DepartedApiNodeCleanup {

    /**
     * Sessions ended per grid call: one call per batch to the backups instead of one per session, which
     * at some 5 ms a session left a node with thousands of sockets online for a minute after it died.
     */
    private static final int BATCH = 1_000;

    private final Ignite node;
    private final UserPresenceStore store;

    DepartedApiNodeCleanup(Ignite node, UserPresenceStore store) {
        this.node = node;
        this.store = store;
    }

    /**
     * An API node left or failed: its interest records (users followed, channels watched) on this node's
     * primary partitions go, so the continuous-query filters stop forwarding to a node that is not there,
     * and so do the device sessions its sockets held.
     */
    void forget(String apiNodeId, long apiNodeOrder) {
        try {
            // Sorted, as Ignite asks of batch writes; all of one API node, so the user (the channel) orders them.
            removeLocalPrimaries(CacheNames.SOCKET_INTEREST, (InterestKey key, Object since) -> key.apiNodeId().equals(apiNodeId),
                    new TreeSet<>(Comparator.comparing(InterestKey::userId)));
            removeLocalPrimaries(CacheNames.CHANNEL_INTEREST, (ChannelInterestKey key, Object since) -> key.apiNodeId().equals(apiNodeId),
                    new TreeSet<>());
            endSessionsHeldBy(apiNodeOrder, ChangeReason.DISCONNECT, null);
            IgniteCache<Long, Long> leases = node.cache(CacheNames.API_NODE_LEASE);
            if (node.affinity(CacheNames.API_NODE_LEASE).isPrimary(node.cluster().localNode(), apiNodeOrder)) {
                // Removed, not left to expire: its expiry would only look for sessions already ended here.
                leases.remove(apiNodeOrder);
            }
        } catch (RuntimeException e) {
            node.log().warning("Could not forget departed API node " + apiNodeId + ": " + e.getMessage());
        }
    }

    /**
     * An API node's lease expired: the node stayed in the grid but stopped saying it is alive, so the
     * sessions its sockets hold end as sessions that stopped being refreshed do, with reason expired.
     *
     * @param leaseLastWritten the lease's last write, the latest moment the node vouched for its sockets
     */
    void leaseLapsed(long apiNodeOrder, Instant leaseLastWritten) {
        try {
            endSessionsHeldBy(apiNodeOrder, ChangeReason.EXPIRED, leaseLastWritten);
        } catch (RuntimeException e) {
            node.log().warning("Could not end the sessions of API node of order " + apiNodeOrder + " whose lease lapsed: "
                    + e.getMessage());
        }
    }

    /** Removes the entries of {@code cacheName} on this node's primary partitions whose key {@code matches}. */
    private <K> void removeLocalPrimaries(String cacheName, IgniteBiPredicate<K, Object> matches, Set<K> sorted) {
        IgniteCache<K, Object> cache = node.cache(cacheName);
        for (int partition : node.affinity(cacheName).primaryPartitions(node.cluster().localNode())) {
            ScanQuery<K, Object> scan = new ScanQuery<K, Object>(partition).setLocal(true).setFilter(matches);
            try (QueryCursor<Cache.Entry<K, Object>> rows = cache.query(scan)) {
                rows.forEach(row -> sorted.add(row.getKey()));
            }
        }
        cache.removeAll(sorted);
    }

    /**
     * The API node's device sockets are gone with it (it left), or nobody vouches for them any more (its
     * lease lapsed): their sessions end now, with the device's last activity as last seen, the later of the
     * session's own last write and the node's last lease. A session the same device meanwhile opened
     * through another API node is kept.
     */
    private void endSessionsHeldBy(long apiNodeOrder, ChangeReason reason, Instant leaseLastWritten) {
        IgniteCache<DeviceSessionKey, DeviceSession> sessions = node.cache(CacheNames.DEVICE_SESSION);
        // Sorted, as Ignite asks of batch writes.
        TreeSet<DeviceSessionKey> held = new TreeSet<>();
        for (int partition : node.affinity(CacheNames.DEVICE_SESSION).primaryPartitions(node.cluster().localNode())) {
            ScanQuery<DeviceSessionKey, DeviceSession> scan = new ScanQuery<DeviceSessionKey, DeviceSession>(partition)
                    .setLocal(true)
                    .setFilter((key, session) -> session.owner() == apiNodeOrder);
            try (QueryCursor<Cache.Entry<DeviceSessionKey, DeviceSession>> rows = sessions.query(scan)) {
                rows.forEach(row -> held.add(row.getKey()));
            }
        }
        if (held.isEmpty()) {
            return;
        }
        int ended = 0;
        // Every one of these sessions is the one node's: its last word is looked up once, not per session.
        Instant vouched = PresenceRules.later(leaseLastWritten, HeldSessions.leaseOf(node, apiNodeOrder));
        List<DeviceSessionKey> keys = new ArrayList<>(held);
        for (int from = 0; from < keys.size(); from += BATCH) {
            // A slice of the sorted keys, kept in their order: every batch that locks sessions together must take
            // them in one order, or two of them could deadlock.
            Set<DeviceSessionKey> batch = new LinkedHashSet<>(keys.subList(from, Math.min(keys.size(), from + BATCH)));
            Map<DeviceSessionKey, Instant> lastActive = new HashMap<>();
            sessions.invokeAll(batch, new EndSessionHeldBy(apiNodeOrder)).forEach((key, removed) -> {
                DeviceSession session = removed.get();
                if (session != null) {
                    lastActive.put(key, PresenceRules.later(session.lastActiveAt(), vouched));
                }
            });
            ended += store.endAllIfNoSession(lastActive, reason);
        }
        if (ended > 0) {
            node.log().info("Ended " + ended + " device sessions held by API node of order " + apiNodeOrder + " (" + reason.wireName() + ")");
        }
    }
}
