package io.presencegrid.api.grid;

import io.micrometer.core.instrument.MeterRegistry;
import io.presencegrid.api.presence.PresenceStore;
import io.presencegrid.schema.CacheNames;
import io.presencegrid.schema.DeviceSession;
import io.presencegrid.tasks.clock.PresenceClock;
import io.presencegrid.tasks.presence.DeletePresenceJob;
import io.presencegrid.tasks.presence.PresenceSnapshot;
import io.presencegrid.tasks.presence.PresenceUpdate;
import io.presencegrid.tasks.presence.PresenceWrites;
import io.presencegrid.tasks.presence.ReadPresenceJob;
import io.presencegrid.tasks.presence.ReadPresenceTask;
import io.presencegrid.tasks.presence.SessionRefreshed;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.ignite.Ignite;
import org.springframework.stereotype.Component;

/**
 * Presence on the grid. Writes are entry processors at the primary of the key they change, one round
 * trip for a heartbeat or a change and no transaction of ours ({@link PresenceWrites}); the sessions of
 * REST heartbeats that arrive together are refreshed in one call ({@link HeartbeatBatches}); a device
 * socket's session is recorded as held by this node, so the servers end it if this node leaves. Reads
 * are a compute job on the user's primary (one round trip, both caches local there), or one job per
 * primary node for a batch.
 * Calls ride out topology changes ({@link GridCalls}); other grid failures surface as
 * {@link io.presencegrid.api.web.GridUnavailableException} (503), never as a 500.
 */
@Component
class GridPresenceStore implements PresenceStore {

    /** What reads touch: pinning only these keeps a read's partition reservations small. */
    private static final List<String> PRESENCE_CACHES = List.of(CacheNames.PRESENCE, CacheNames.DEVICE_SESSION);

    private final Ignite ignite;
    private final GridCalls grid;
    private final PresenceWrites writes;
    private final HeartbeatBatches heartbeats;

    GridPresenceStore(Ignite ignite, GridCalls grid, GridProperties properties, HeartbeatBatchingProperties batching,
                      MeterRegistry meters) {
        this.ignite = ignite;
        this.grid = grid;
        this.writes = new PresenceWrites(ignite);
        this.heartbeats = new HeartbeatBatches(batch -> grid.call(() -> writes.refreshEach(batch, DeviceSession.NO_OWNER)),
                properties.retryMillis() * 2, Duration.ofMillis(batching.lingerMillis()), meters);
    }

    @PreDestroy
    void stopBatching() {
        heartbeats.close();
    }

    @Override
    public PresenceSnapshot update(PresenceUpdate update) {
        if (update.mayBeHeartbeat()) {
            SessionRefreshed refreshed = heartbeats.refresh(update);
            return grid.call(() -> writes.afterRefresh(update, refreshed));
        }
        return grid.call(() -> writes.update(update, DeviceSession.NO_OWNER));
    }

    /**
     * A REST change without a message: its session joins the heartbeats' batch while its row's write is
     * on its way, so it waits for the slower of the two and costs the grid no call of its own.
     */
    @Override
    public PresenceSnapshot change(PresenceUpdate update) {
        if (!update.mayBeHeartbeat()) {
            return update(update);
        }
        return grid.call(() -> writes.change(update, at -> heartbeats.refresh(update, at)));
    }

    @Override
    public PresenceSnapshot updateHeldSession(PresenceUpdate update) {
        return grid.call(() -> writes.update(update, thisNode()));
    }

    @Override
    public PresenceSnapshot changeHeldSession(PresenceUpdate update) {
        return grid.call(() -> writes.change(update, thisNode()));
    }

    @Override
    public PresenceSnapshot openHeldSession(PresenceUpdate opening) {
        return grid.call(() -> writes.takeOver(opening, thisNode()));
    }

    @Override
    public void releaseHeldSession(String userId, String device, Duration grace) {
        grid.call(() -> {
            writes.release(userId, device, thisNode(), grace);
            return null;
        });
    }

    @Override
    public void refreshHeldSessions(Collection<PresenceUpdate> heartbeats) {
        grid.call(() -> {
            writes.refreshAll(heartbeats, thisNode());
            return null;
        });
    }

    @Override
    public boolean renewLease() {
        return grid.call(() -> ignite.<Long, Long>cache(CacheNames.API_NODE_LEASE).getAndPut(thisNode(),
                PresenceClock.now().toEpochMilli()) != null);
    }

    /** This API node as a session's holder: its order, which changes when it reconnects as a new node. */
    private long thisNode() {
        return ignite.cluster().localNode().order();
    }

    @Override
    public PresenceSnapshot find(String userId) {
        return grid.call(() -> ignite.compute().affinityCall(PRESENCE_CACHES, userId, new ReadPresenceJob(userId)));
    }

    @Override
    public Map<String, PresenceSnapshot> findAll(Collection<String> userIds) {
        return grid.call(() -> ignite.compute().execute(ReadPresenceTask.class, new ArrayList<>(userIds)));
    }

    @Override
    public void delete(String userId) {
        grid.call(() -> ignite.compute().affinityCall(DeletePresenceJob.CACHES, userId, new DeletePresenceJob(userId)));
    }
}
