package io.presencegrid.api.presence;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.presencegrid.api.auth.Caller;
import io.presencegrid.api.web.NotFoundException;
import io.presencegrid.schema.ChangeReason;
import io.presencegrid.schema.PresenceStatus;
import io.presencegrid.tasks.presence.PresenceSnapshot;
import io.presencegrid.tasks.presence.PresenceUpdate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * The presence use cases with their permission rules: anyone signed in may read anyone and sees what
 * that user's privacy shows them ({@link PresenceViews}); writing and deleting a user, or their privacy,
 * needs to be that user or hold the admin scope.
 */
@Service
public class PresenceService {

    private final PresenceStore store;
    private final RestDeviceStatuses restStatuses = new RestDeviceStatuses();
    private final Timer updates;
    private final Timer reads;
    private final Timer refreshBatches;
    private final Counter refreshedSessions;
    private final Counter leaseWrites;

    PresenceService(PresenceStore store, MeterRegistry meters) {
        this.store = store;
        this.updates = Timer.builder("presence.updates").description("Status updates, grid round trip included")
                .publishPercentileHistogram().register(meters);
        this.reads = Timer.builder("presence.reads").description("Presence reads, single and batch")
                .publishPercentileHistogram().register(meters);
        // Batches, not sessions: one sample per grid call, so its mean is what a tick waits for the grid.
        this.refreshBatches = Timer.builder("presence.device.refresh.batches")
                .description("Batched refreshes of the sessions this node's device sockets hold, grid round trip included")
                .register(meters);
        this.refreshedSessions = Counter.builder("presence.device.refreshed.sessions")
                .description("Device-socket sessions refreshed by this node's batches").register(meters);
        this.leaseWrites = Counter.builder("presence.api.node.lease.writes")
                .description("Writes of this node's lease, which keeps its device sockets' sessions alive").register(meters);
    }

    public PresenceView update(Caller caller, UpdateStatusRequest request) {
        caller.requireMayActFor("userId", request.userId());
        PresenceUpdate update = new PresenceUpdate(request.userId(), request.deviceOrDefault(),
                PresenceStatus.fromWireName(request.status()), request.message(), ChangeReason.UPDATE,
                DeviceMeta.canonical(request.meta()));
        PresenceStatus last = restStatuses.lastWritten(update);
        boolean knownChange = last != null && last != update.status();
        PresenceSnapshot snapshot = updates.record(() -> knownChange ? store.change(update) : store.update(update));
        // A repeat, most REST updates, leaves the hint as it is: one lookup, no write.
        if (last != update.status()) {
            restStatuses.written(update);
        }
        return PresenceViews.forViewer(snapshot, Caller.self(request.userId()));
    }

    /**
     * The device of a socket on this API node: the session is recorded as held by this node, so the grid
     * ends it (reason disconnect) if the node dies.
     *
     * @param statusBefore the status the socket last set for its device: a status other than it is a change
     *                     the grid need not first find out by refreshing the session
     */
    public PresenceView updateSocketDevice(Caller caller, String device, PresenceStatus statusBefore, PresenceStatus status,
                                           String message, String meta) {
        PresenceUpdate update = new PresenceUpdate(caller.userId(), device, status, message, ChangeReason.UPDATE, meta);
        PresenceSnapshot snapshot = updates.record(() -> status == statusBefore
                ? store.updateHeldSession(update)
                : store.changeHeldSession(update));
        return PresenceViews.forViewer(snapshot, caller);
    }

    /**
     * A device socket on this API node opened: it continues the device's session where one stands (a
     * reload within the disconnect grace, an offline the device holds), else starts it online.
     *
     * @return the device's status now, offline where the device holds offline
     */
    public PresenceStatus openSocketDevice(Caller caller, String device) {
        PresenceUpdate opening = new PresenceUpdate(caller.userId(), device, PresenceStatus.ONLINE, null, ChangeReason.UPDATE);
        PresenceSnapshot snapshot = updates.record(() -> store.openHeldSession(opening));
        PresenceStatus listed = snapshot.presence() == null ? null : snapshot.presence().deviceStatus(device);
        return listed == null ? PresenceStatus.OFFLINE : listed;
    }

    /** A device socket on this API node closed without saying offline: the device goes after {@code grace}. */
    public void closeSocketDevice(Caller caller, String device, Duration grace) {
        store.releaseHeldSession(caller.userId(), device, grace);
    }

    /**
     * The periodic heartbeats of device sockets on this API node, in one batch. Not timed as updates:
     * they are bookkeeping of open sockets, not requests.
     */
    public void refreshSocketDevices(List<PresenceUpdate> heartbeats) {
        refreshBatches.record(() -> store.refreshHeldSessions(heartbeats));
        refreshedSessions.increment(heartbeats.size());
    }

    /**
     * Renews this API node's lease on its device sockets' sessions (see {@link PresenceStore#renewLease}).
     *
     * @return whether the lease was still there
     */
    public boolean renewSocketLease() {
        boolean held = store.renewLease();
        leaseWrites.increment();
        return held;
    }

    public PresenceView get(Caller caller, String userId) {
        PresenceSnapshot snapshot = reads.record(() -> store.find(userId));
        PresenceView view = PresenceViews.forViewer(snapshot, caller);
        if (view == null) {
            throw new NotFoundException("userId: no presence for user " + userId);
        }
        return view;
    }

    public PresenceList getAll(Caller caller, Collection<String> userIds) {
        Map<String, PresenceSnapshot> snapshots = reads.record(() -> store.findAll(userIds));
        List<PresenceView> views = new ArrayList<>(userIds.size());
        for (String userId : userIds) {
            PresenceSnapshot snapshot = snapshots.get(userId);
            PresenceView view = snapshot == null ? null : PresenceViews.forViewer(snapshot, caller);
            views.add(view == null ? PresenceViews.unknown(userId) : view);
        }
        return new PresenceList(views);
    }

    public void delete(Caller caller, String userId) {
        caller.requireMayActFor("userId", userId);
        // Idempotent, as DELETE is meant to be: a retry after a lost answer, or a purge of a user who
        // never came online, gets the same 204 as the first delete.
        store.delete(userId);
    }
}
