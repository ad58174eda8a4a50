package io.presencegrid.tasks.presence;

import io.presencegrid.schema.CacheNames;
import io.presencegrid.schema.ChannelInterestKey;
import io.presencegrid.schema.ChangeReason;
import io.presencegrid.schema.DeviceSession;
import io.presencegrid.schema.DeviceSessionKey;
import io.presencegrid.schema.InterestKey;
import io.presencegrid.tasks.channel.ChannelSweeper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.binary.BinaryObject;
import org.apache.ignite.cache.query.QueryCursor;
import org.apache.ignite.cache.query.ScanQuery;
import org.apache.ignite.events.CacheEvent;
import org.apache.ignite.events.DiscoveryEvent;
import org.apache.ignite.events.EventType;
import org.apache.ignite.lang.IgniteBiPredicate;
import org.apache.ignite.lang.IgnitePredicate;
import org.apache.ignite.resources.IgniteInstanceResource;
import org.apache.ignite.services.Service;
import org.apache.ignite.services.ServiceContext;

/**
 * One instance on every server node (a node-singleton grid service). It takes a device out of its
 * user's presence when the device's session expires or the API node holding its socket leaves, and runs
 * the sweeper that repairs what a notice missed and keeps durable last-seen times current.
 *
 * <p>Expiry: the node's ttl-cleanup-worker records EVT_CACHE_OBJECT_EXPIRED for DEVICE_SESSION on the
 * primary and on both backups; only the primary acts. The listener runs in the cleanup thread, so it
 * only queues the session; a single worker thread then ends the device in the user's PRESENCE row with an
 * entry processor on this node. Expiry events can be lost (primary dies mid-expiry), so the ending is
 * idempotent and {@link PresenceSweeper} runs every few seconds as the safety net.
 */
public final class PresenceExpiryService implements Service {

    private static final long serialVersionUID = 1L;

    private final int sweepSeconds;

    @IgniteInstanceResource
    private transient Ignite ignite;

    /**
     * The node, kept apart from the injected field: Ignite clears injected resources when the service
     * is cancelled, while a queued reconcile may still be finishing.
     */
    private transient Ignite node;
    private transient ExecutorService reconciler;
    private transient ScheduledExecutorService sweeper;
    private transient IgnitePredicate<CacheEvent> expiryListener;
    private transient IgnitePredicate<DiscoveryEvent> departureListener;

    public PresenceExpiryService(int sweepSeconds) {
        this.sweepSeconds = sweepSeconds;
    }

    @Override
    public void init(ServiceContext context) {
        node = ignite;
        UserPresenceStore store = new UserPresenceStore(node);
        reconciler = Executors.newSingleThreadExecutor(daemon("presence-expiry"));
        sweeper = Executors.newSingleThreadScheduledExecutor(daemon("presence-sweeper"));
        expiryListener = event -> {
            if (CacheNames.DEVICE_SESSION.equals(event.cacheName()) && isPrimary(event.key())) {
                DeviceSessionKey key = deserialized(event.key());
                DeviceSession ended = deserialized(event.oldValue());
                if (ended != null) {
                    // A released session's socket closed and no socket of the device came back within the grace.
                    ChangeReason reason = ended.released() ? ChangeReason.DISCONNECT : ChangeReason.EXPIRED;
                    reconciler.execute(() -> endExpired(store, key, ended.lastActiveAt(), reason));
                }
            }
            return true;
        };
        node.events().localListen(expiryListener, EventType.EVT_CACHE_OBJECT_EXPIRED);
        departureListener = event -> {
            if (event.eventNode().isClient()) {
                String apiNodeId = event.eventNode().id().toString();
                long apiNodeOrder = event.eventNode().order();
                reconciler.execute(() -> forgetApiNode(store, apiNodeId, apiNodeOrder));
            }
            return true;
        };
        node.events().localListen(departureListener, EventType.EVT_NODE_LEFT, EventType.EVT_NODE_FAILED);
        PresenceSweeper sweep = new PresenceSweeper(node, store, node.log());
        ChannelSweeper channelSweep = new ChannelSweeper(node, node.log());
        sweeper.scheduleWithFixedDelay(() -> {
            sweep.sweepLocalPrimaries();
            channelSweep.sweepLocalPrimaries();
        }, sweepSeconds, sweepSeconds, TimeUnit.SECONDS);
    }

    @Override
    public void cancel(ServiceContext context) {
        if (expiryListener != null) {
            node.events().stopLocalListen(expiryListener, EventType.EVT_CACHE_OBJECT_EXPIRED);
        }
        if (departureListener != null) {
            node.events().stopLocalListen(departureListener, EventType.EVT_NODE_LEFT, EventType.EVT_NODE_FAILED);
        }
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
        if (reconciler != null) {
            reconciler.shutdownNow();
        }
    }

    /**
     * An API node left or failed: its interest records, users followed and channels watched (on this node's
     * primary partitions), go, so the continuous-query filters stop forwarding to a node that is not there, and so do the device sessions
     * its sockets held.
     */
    private void forgetApiNode(UserPresenceStore store, String apiNodeId, long apiNodeOrder) {
        try {
            // Sorted, as Ignite asks of batch writes; all of one API node, so the user (the channel) orders them.
            removeLocalPrimaries(CacheNames.SOCKET_INTEREST, (InterestKey key, Object since) -> key.apiNodeId().equals(apiNodeId),
                    new TreeSet<>(Comparator.comparing(InterestKey::userId)));
            removeLocalPrimaries(CacheNames.CHANNEL_INTEREST, (ChannelInterestKey key, Object since) -> key.apiNodeId().equals(apiNodeId),
                    new TreeSet<>());
            endSessionsHeldBy(store, apiNodeOrder);
        } catch (RuntimeException e) {
            node.log().warning("Could not forget departed API node " + apiNodeId + ": " + e.getMessage());
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
     * The departed API node's device sockets are gone with it: their sessions end now, with reason
     * disconnect and the session's own last activity as last seen, instead of lingering online until
     * their TTL runs out. A session the same device meanwhile opened through another API node is kept.
     */
    private void endSessionsHeldBy(UserPresenceStore store, long apiNodeOrder) {
        IgniteCache<DeviceSessionKey, DeviceSession> sessions = node.cache(CacheNames.DEVICE_SESSION);
        List<DeviceSessionKey> held = new ArrayList<>();
        for (int partition : node.affinity(CacheNames.DEVICE_SESSION).primaryPartitions(node.cluster().localNode())) {
            ScanQuery<DeviceSessionKey, DeviceSession> scan = new ScanQuery<DeviceSessionKey, DeviceSession>(partition)
                    .setLocal(true)
                    .setFilter((key, session) -> session.owner() == apiNodeOrder);
            try (QueryCursor<Cache.Entry<DeviceSessionKey, DeviceSession>> rows = sessions.query(scan)) {
                rows.forEach(row -> held.add(row.getKey()));
            }
        }
        int ended = 0;
        for (DeviceSessionKey key : held) {
            DeviceSession session = sessions.invoke(key, new EndSessionHeldBy(apiNodeOrder));
            if (session != null) {
                store.endIfNoSession(key.userId(), key.device(), session.lastActiveAt(), ChangeReason.DISCONNECT);
                ended++;
            }
        }
        if (ended > 0) {
            node.log().info("Ended " + ended + " device sessions held by departed API node of order " + apiNodeOrder);
        }
    }

    /** Expiry events may carry keys and values in binary form, depending on how they were written. */
    @SuppressWarnings("unchecked")
    private static <T> T deserialized(Object keyOrValue) {
        return keyOrValue instanceof BinaryObject binary ? binary.deserialize() : (T) keyOrValue;
    }

    private boolean isPrimary(Object key) {
        return node.affinity(CacheNames.DEVICE_SESSION).isPrimary(node.cluster().localNode(), key);
    }

    private void endExpired(UserPresenceStore store, DeviceSessionKey key, Instant lastActivity, ChangeReason reason) {
        try {
            store.endIfNoSession(key.userId(), key.device(), lastActivity, reason);
        } catch (RuntimeException e) {
            // The sweeper retries whatever is left inconsistent; a node stopping ends up here too.
            node.log().warning("Could not end the presence of an expired session: " + e.getMessage());
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
