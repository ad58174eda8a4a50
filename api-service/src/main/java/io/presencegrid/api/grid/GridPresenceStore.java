package io.presencegrid.api.grid;

import io.presencegrid.api.presence.PresenceStore;
import io.presencegrid.schema.CacheNames;
import io.presencegrid.tasks.presence.DeletePresenceJob;
import io.presencegrid.tasks.presence.PresenceSnapshot;
import io.presencegrid.tasks.presence.PresenceUpdate;
import io.presencegrid.tasks.presence.ReadPresenceJob;
import io.presencegrid.tasks.presence.ReadPresenceTask;
import io.presencegrid.tasks.presence.UpdatePresenceJob;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.ignite.Ignite;
import org.springframework.stereotype.Component;

/**
 * Presence on the grid. Each call is one compute request to the node that owns the data: an affinity
 * call to the user's primary for single-user operations (the PRESENCE, DEVICE_SESSION and SUBSCRIPTION
 * partitions of the user are pinned there while the job runs), a task mapped per primary node for
 * batches. Calls ride out topology changes ({@link GridCalls}); other grid failures surface as
 * {@link GridUnavailableException} (503), never as a 500.
 */
@Component
class GridPresenceStore implements PresenceStore {

    /** What updates and reads touch: pinning only these keeps the hot path's reservations small. */
    private static final List<String> PRESENCE_CACHES = List.of(CacheNames.PRESENCE, CacheNames.DEVICE_SESSION);

    private final Ignite ignite;
    private final GridCalls grid;

    GridPresenceStore(Ignite ignite, GridCalls grid) {
        this.ignite = ignite;
        this.grid = grid;
    }

    @Override
    public PresenceSnapshot update(PresenceUpdate update) {
        // Runs on the user's primary: locks, reads and aggregation are local there.
        return grid.call(() -> ignite.compute().affinityCall(PRESENCE_CACHES, update.userId(), new UpdatePresenceJob(update)));
    }

    @Override
    public PresenceSnapshot updateHeldSession(PresenceUpdate update) {
        return update(update.ownedBy(ignite.cluster().localNode().id().toString()));
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
    public boolean delete(String userId) {
        return grid.call(() -> ignite.compute().affinityCall(DeletePresenceJob.CACHES, userId, new DeletePresenceJob(userId)));
    }
}
