package io.presencegrid.tasks.presence;

import io.presencegrid.schema.CacheNames;
import io.presencegrid.schema.ChangeReason;
import io.presencegrid.schema.DeviceSession;
import io.presencegrid.schema.DeviceSessionKey;
import io.presencegrid.tasks.channel.ChannelSweeper;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.ignite.Ignite;
import org.apache.ignite.binary.BinaryObject;
import org.apache.ignite.events.CacheEvent;
import org.apache.ignite.events.DiscoveryEvent;
import org.apache.ignite.events.EventType;
import org.apache.ignite.lang.IgnitePredicate;
import org.apache.ignite.resources.IgniteInstanceResource;
import org.apache.ignite.services.Service;
import org.apache.ignite.services.ServiceContext;

/**
 * One instance on every server node (a node-singleton grid service). It takes a device out of its
 * user's presence when the device's session expires, hands an API node's departure to
 * {@link DepartedApiNodeCleanup}, and runs the sweepers that repair what a notice missed and keep durable
 * last-seen times current.
 *
 * <p>Expiry: the node's ttl-cleanup-worker records EVT_CACHE_OBJECT_EXPIRED for DEVICE_SESSION on the
 * primary and on both backups; only the primary acts. The same for an API node's lease
 * ({@link HeldSessions}), whose primary has every server end the sessions that node holds. The listener
 * runs in the cleanup thread, so it only queues the session; a single worker thread then ends the device
 * in the user's PRESENCE row with an entry processor on this node. Expiry events can be lost (primary dies mid-expiry), so the ending is
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
        DepartedApiNodeCleanup departedApiNodes = new DepartedApiNodeCleanup(node, store);
        reconciler = Executors.newSingleThreadExecutor(daemon("presence-expiry"));
        sweeper = Executors.newSingleThreadScheduledExecutor(daemon("presence-sweeper"));
        expiryListener = event -> {
            if (CacheNames.API_NODE_LEASE.equals(event.cacheName()) && isPrimary(CacheNames.API_NODE_LEASE, event.key())) {
                long apiNodeOrder = deserialized(event.key());
                Long lastWritten = deserialized(event.oldValue());
                if (lastWritten != null) {
                    reconciler.execute(() -> leaseLapsed(apiNodeOrder, Instant.ofEpochMilli(lastWritten)));
                }
            }
            if (CacheNames.DEVICE_SESSION.equals(event.cacheName()) && isPrimary(CacheNames.DEVICE_SESSION, event.key())) {
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
                reconciler.execute(() -> departedApiNodes.forget(apiNodeId, apiNodeOrder));
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

    /** Expiry events may carry keys and values in binary form, depending on how they were written. */
    @SuppressWarnings("unchecked")
    private static <T> T deserialized(Object keyOrValue) {
        return keyOrValue instanceof BinaryObject binary ? binary.deserialize() : (T) keyOrValue;
    }

    private boolean isPrimary(String cacheName, Object key) {
        return node.affinity(cacheName).isPrimary(node.cluster().localNode(), key);
    }

    /** An API node's lease expired: every server ends the sessions it holds on its own primaries. */
    private void leaseLapsed(long apiNodeOrder, Instant lastWritten) {
        // Logged even when the sessions turn out to be gone already (a departure ended them first, and an
        // ending that finds nothing logs nothing): when an API node's users go offline late, this line says
        // whether the lease lapsed, and when.
        node.log().info("Lease of API node of order " + apiNodeOrder + " lapsed (last written " + lastWritten
                + "): ending the sessions it holds on every server");
        try {
            // Not waited for: the sessions' own expiries queue on this thread meanwhile.
            node.compute(node.cluster().forServers()).broadcastAsync(new LeaseLapse(apiNodeOrder, lastWritten)).listen(done -> {
                try {
                    done.get();
                } catch (RuntimeException e) {
                    leaseLapseFailed(apiNodeOrder, e);
                }
            });
        } catch (RuntimeException e) {
            leaseLapseFailed(apiNodeOrder, e);
        }
    }

    /** The sweeper ends what is left: held sessions whose node has no lease. */
    private void leaseLapseFailed(long apiNodeOrder, RuntimeException e) {
        node.log().warning("Could not end the sessions of API node of order " + apiNodeOrder + " whose lease lapsed: " + e.getMessage());
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
