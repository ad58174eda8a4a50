package io.presencegrid.api.fakes;

import io.presencegrid.api.presence.PresenceStore;
import io.presencegrid.schema.PresenceStatus;
import io.presencegrid.schema.UserPresence;
import io.presencegrid.tasks.presence.ApplyDeviceUpdate;
import io.presencegrid.tasks.presence.PresenceSnapshot;
import io.presencegrid.tasks.presence.PresenceUpdate;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Presence in {@link PresenceRows}, written with the grid's {@link ApplyDeviceUpdate}. As on the grid, an
 * offline device leaves its channels and a delete takes the user's subscriptions and memberships with
 * the row. Sessions are the row's devices and never expire; the socket-held sessions, whose point is
 * what happens when an API node goes, are not faked.
 */
final class FakePresenceStore implements PresenceStore {

    private final FakeGrid grid;

    FakePresenceStore(FakeGrid grid) {
        this.grid = grid;
    }

    @Override
    public PresenceSnapshot update(PresenceUpdate update) {
        grid.call();
        // As the grid's non-heartbeat path does: the session was written just now, so the row takes its activity.
        UserPresence row = grid.rows().invoke(update.userId(), new ApplyDeviceUpdate(update.device(), update.status(),
                update.message(), update.meta(), update.reason(), true, null));
        if (update.status() == PresenceStatus.OFFLINE) {
            grid.channelStore().leaveAll(update.userId(), update.device());
        }
        return new PresenceSnapshot(update.userId(), row, PresenceRows.activity(row));
    }

    /** The fake's every update already writes the row as a change does. */
    @Override
    public PresenceSnapshot change(PresenceUpdate update) {
        return update(update);
    }

    @Override
    public PresenceSnapshot updateHeldSession(PresenceUpdate update) {
        throw socketSessionsAreNotFaked();
    }

    @Override
    public PresenceSnapshot changeHeldSession(PresenceUpdate update) {
        throw socketSessionsAreNotFaked();
    }

    @Override
    public PresenceSnapshot openHeldSession(PresenceUpdate opening) {
        throw socketSessionsAreNotFaked();
    }

    @Override
    public void releaseHeldSession(String userId, String device, Duration grace) {
        throw socketSessionsAreNotFaked();
    }

    @Override
    public void refreshHeldSessions(Collection<PresenceUpdate> heartbeats) {
        throw socketSessionsAreNotFaked();
    }

    /** Nothing here lapses: no lease ever expires in the fake. */
    @Override
    public boolean renewLease() {
        return true;
    }

    @Override
    public PresenceSnapshot find(String userId) {
        grid.call();
        return grid.rows().snapshot(userId);
    }

    /** Like the grid's read task: a snapshot for every id asked, with a null presence for those never seen. */
    @Override
    public Map<String, PresenceSnapshot> findAll(Collection<String> userIds) {
        grid.call();
        Map<String, PresenceSnapshot> snapshots = new LinkedHashMap<>();
        userIds.forEach(userId -> snapshots.put(userId, grid.rows().snapshot(userId)));
        return snapshots;
    }

    @Override
    public void delete(String userId) {
        grid.call();
        grid.rows().remove(userId);
        grid.subscriptionStore().forget(userId);
        grid.channelStore().leaveAllOfUser(userId);
    }

    private static UnsupportedOperationException socketSessionsAreNotFaked() {
        return new UnsupportedOperationException("sessions held by a device socket are tested against a real grid (PresenceSocketIT)");
    }
}
