package io.presencegrid.tasks.presence;

import io.presencegrid.schema.CacheNames;
import io.presencegrid.schema.DeviceSession;
import io.presencegrid.schema.DeviceSessionKey;
import io.presencegrid.schema.PresenceStatus;
import io.presencegrid.schema.UserPresence;
import io.presencegrid.tasks.channel.ChannelExits;
import io.presencegrid.schema.ChangeReason;
import io.presencegrid.tasks.clock.PresenceClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.binary.BinaryObject;
import org.apache.ignite.lang.IgniteFuture;

/**
 * The write path, as an API node (or any node) drives it: each write is an entry processor at the key's
 * primary node; the row's is an implicit single-key transaction, as PRESENCE is TRANSACTIONAL
 * (docs/presence-write-path.md).
 * <ul>
 *     <li>a heartbeat (a device repeating its status, no message) is one {@link RefreshSession} on the
 *     device's in-memory session; only when the user's PRESENCE row does not already say the same (a new
 *     session, another status) does an {@link ApplyDeviceUpdate} on the row follow;</li>
 *     <li>a change with a message or metadata, to offline, or to a status a device socket knows its device
 *     did not have ({@link #change}), sends both at once, so the caller waits for the slower of the two,
 *     not for one after the other (an offline the device's socket must keep is held in its session:
 *     {@link HoldOffline});</li>
 *     <li>the heartbeats of many device sockets go as one batch, which Ignite sends as one request to
 *     each primary node.</li>
 * </ul>
 * Every step may be repeated after a failure (the caller retries on topology changes): it ends in the
 * same state and spends no version twice.
 */
public final class PresenceWrites {

    private final Ignite ignite;
    /** DEVICE_SESSION as held sessions are written, with their long TTL; made on first use (it reads the cache's TTL). */
    private volatile IgniteCache<DeviceSessionKey, DeviceSession> heldSessions;

    public PresenceWrites(Ignite ignite) {
        this.ignite = ignite;
    }

    private IgniteCache<String, UserPresence> presence() {
        return ignite.cache(CacheNames.PRESENCE);
    }

    private IgniteCache<DeviceSessionKey, DeviceSession> sessions() {
        return ignite.cache(CacheNames.DEVICE_SESSION);
    }

    /** Where {@code owner} writes a session: a socket's node with the held sessions' long TTL ({@link HeldSessions}). */
    private IgniteCache<DeviceSessionKey, DeviceSession> sessionsOf(long owner) {
        if (owner <= DeviceSession.NO_OWNER) {
            return sessions();
        }
        IgniteCache<DeviceSessionKey, DeviceSession> held = heldSessions;
        if (held == null) {
            held = HeldSessions.cache(ignite);
            heldSessions = held;
        }
        return held;
    }

    /**
     * After a write that was not the holder's: the session of a device a socket holds got this cache's
     * short TTL, and its node refreshes it only every third of the long one.
     */
    private void keepHeld(DeviceSessionKey key, long holder) {
        if (holder > DeviceSession.NO_OWNER) {
            sessionsOf(holder).invoke(key, new ExtendHeldSession(holder));
        }
    }

    /**
     * Applies one device's update.
     *
     * @param owner the order of the API node whose socket holds the device's session, or
     *              {@link DeviceSession#NO_OWNER} for a REST update
     */
    public PresenceSnapshot update(PresenceUpdate update, long owner) {
        if (update.mayBeHeartbeat()) {
            return afterRefresh(update, sessionsOf(owner).invoke(sessionKey(update), new RefreshSession(update.status(), owner)));
        }
        return change(update, owner);
    }

    /**
     * Applies one device's update that the caller knows changes the device: a message, metadata, offline,
     * or a status other than the one the device's socket last set. The session's and the row's writes go
     * at once, where a heartbeat's refresh must answer before the row is told. Given an update that
     * changes nothing after all (another writer set the same status meanwhile), it still ends right: the
     * row records the device's activity and raises no version.
     *
     * @param owner as in {@link #update}
     */
    public PresenceSnapshot change(PresenceUpdate update, long owner) {
        DeviceSessionKey key = sessionKey(update);
        return change(update, at -> update.status() == PresenceStatus.OFFLINE
                ? sessionsOf(owner).invoke(key, new HoldOffline(owner, at))
                : sessionsOf(owner).invoke(key, new RefreshSession(update.status(), owner, at)));
    }

    /**
     * A change as in {@link #change(PresenceUpdate, long)} whose session the caller writes, while the
     * row's write is on its way: a REST change's session joins the batch of heartbeats that is going to
     * its primary anyway, where sent alone it would be a whole set of messages to the primary and both
     * backups of its own (docs/capacity.md, "A REST change's session in the heartbeats' batch").
     *
     * @param writeSession writes the session with the change's time stamp; answers a {@link SessionRefreshed},
     *                     or for an offline the holder {@link HoldOffline} returns
     */
    public PresenceSnapshot change(PresenceUpdate update, Function<Instant, Object> writeSession) {
        // One stamp for both writes: the session and the row record the same activity, so the last seen a
        // reader sees while the session lives is the one the row keeps after it (a full restart, say).
        Instant at = PresenceClock.now();
        // The session may have just lapsed, and its expiry notice be on its way: the row's record of the
        // device's activity moves to now with this write, which makes that notice old news.
        IgniteFuture<UserPresence> row = presence().invokeAsync(update.userId(), new ApplyDeviceUpdate(update.device(),
                update.status(), update.message(), update.meta(), update.reason(), true, at));
        Object sessionWritten = writeSession.apply(at);
        keepHeld(sessionKey(update), sessionWritten instanceof SessionRefreshed refreshed ? refreshed.heldBy()
                : sessionWritten instanceof Long holder ? holder : DeviceSession.NO_OWNER);
        UserPresence written = row.get();
        if (update.status() == PresenceStatus.OFFLINE) {
            ChannelExits.leaveAll(ignite, update.userId(), update.device());
        }
        return snapshot(update.userId(), written, null, null);
    }

    /**
     * A device socket's first write: it {@link RefreshSession#takingOver takes over} the device's session
     * as it stands, so a reload within the disconnect grace, or a second socket of the device, changes
     * nothing anyone sees; with no session it starts one with the opening's status.
     */
    public PresenceSnapshot takeOver(PresenceUpdate opening, long owner) {
        return afterRefresh(opening, sessionsOf(owner).invoke(sessionKey(opening), RefreshSession.takingOver(opening.status(), owner)));
    }

    /**
     * A device socket closed without saying offline ({@link ReleaseSession}). With a grace, the session
     * waits it out as its expiry, and the primary's expiry notice ends the device with reason disconnect
     * unless a socket of the device took the session over meanwhile; without, the device goes now.
     */
    public void release(String userId, String device, long owner, Duration grace) {
        DeviceSessionKey key = new DeviceSessionKey(userId, device);
        Instant at = PresenceClock.now();
        if (!grace.isZero()) {
            // Per write: the grace replaces the session's TTL only on this one, and a socket's next write
            // of the session (a take-over) puts the cache's own TTL back.
            ExpiringWrites.after(sessions(), grace).invoke(key, new ReleaseSession(owner, true, at));
            return;
        }
        DeviceSession ended = sessions().invoke(key, new ReleaseSession(owner, false, at));
        if (ended != null && ended.live()) {
            presence().invoke(userId, new ApplyDeviceUpdate(device, PresenceStatus.OFFLINE, null, ChangeReason.DISCONNECT, true, at));
            ChannelExits.leaveAll(ignite, userId, device);
        }
    }

    /**
     * The second half of a heartbeat whose session was refreshed (alone, or in a batch by
     * {@link #refreshEach}): when the row does not say what the session says, the row is told. Repeatable,
     * like every write here.
     */
    public PresenceSnapshot afterRefresh(PresenceUpdate heartbeat, SessionRefreshed refreshed) {
        keepHeld(sessionKey(heartbeat), refreshed.heldBy());
        if (refreshed.rowAgrees()) {
            return snapshot(heartbeat.userId(), refreshed.row(), heartbeat.device(), refreshed.refreshedAt());
        }
        UserPresence row = presence().invoke(heartbeat.userId(), rowCatchingUp(heartbeat, refreshed));
        return snapshot(heartbeat.userId(), row, heartbeat.device(), refreshed.refreshedAt());
    }

    /**
     * The first half of many heartbeats in one grid call: one {@link RefreshSession} per session, which
     * Ignite sends as one request to each primary node. Refreshes of the same session collapse into one
     * (the last given wins); callers that must each have their own answer send distinct sessions.
     *
     * @return what each session's refresh found, by session
     */
    public Map<DeviceSessionKey, SessionRefreshed> refreshEach(Collection<BatchedRefresh> refreshes, long owner) {
        return invokeAll(bySession(refreshes, BatchedRefresh::update), owner, refresh -> refresh.refresh(owner));
    }

    /** One grid call: each session's refresh, as {@code refresh} makes it from what the session was given. */
    private <T> Map<DeviceSessionKey, SessionRefreshed> invokeAll(Map<DeviceSessionKey, T> bySession, long owner,
                                                                  Function<T, RefreshSession> refresh) {
        // Sorted: a batch locks its entries together, and batches must take them in one order.
        Map<DeviceSessionKey, RefreshSession> refreshes = new TreeMap<>();
        bySession.forEach((key, given) -> refreshes.put(key, refresh.apply(given)));
        Map<DeviceSessionKey, SessionRefreshed> refreshed = new HashMap<>();
        sessionsOf(owner).invokeAll(refreshes).forEach((key, result) -> refreshed.put(key, deserialized(result.get())));
        return refreshed;
    }

    /**
     * The periodic refreshes of many devices held by one API node's sockets, in one grid call as in
     * {@link #refreshEach}, each {@link RefreshSession#keepingStatus keeping} the status a live session
     * has. The few whose row disagrees (a session that had lapsed, a status the row missed) get their
     * {@link ApplyDeviceUpdate}, all at once; only those answer at all (a refresh that owes nothing
     * returns nothing, and Ignite leaves it out of the batch's answer).
     */
    public void refreshAll(Collection<PresenceUpdate> heartbeats, long owner) {
        if (heartbeats.isEmpty()) {
            return;
        }
        Map<DeviceSessionKey, PresenceUpdate> byKey = bySession(heartbeats, Function.identity());
        List<IgniteFuture<UserPresence>> rowWrites = new ArrayList<>();
        invokeAll(byKey, owner, heartbeat -> RefreshSession.keepingStatus(heartbeat.status(), owner)).forEach((key, refreshed) -> {
            if (refreshed != null && !refreshed.rowAgrees()) {
                rowWrites.add(presence().invokeAsync(key.userId(), rowCatchingUp(byKey.get(key), refreshed)));
            }
        });
        rowWrites.forEach(IgniteFuture::get);
    }

    /** The row's write after a refresh found that it does not list the device with this status. */
    private static ApplyDeviceUpdate rowCatchingUp(PresenceUpdate heartbeat, SessionRefreshed refreshed) {
        return new ApplyDeviceUpdate(heartbeat.device(), refreshed.status(), null, heartbeat.reason(),
                refreshed.sessionStarted(), refreshed.refreshedAt());
    }

    /** What was given for each session, by the session of its update; of two for one session, the last given stays. */
    private static <T> Map<DeviceSessionKey, T> bySession(Collection<T> given, Function<T, PresenceUpdate> update) {
        Map<DeviceSessionKey, T> bySession = new HashMap<>();
        given.forEach(each -> bySession.put(sessionKey(update.apply(each)), each));
        return bySession;
    }

    public static DeviceSessionKey sessionKey(PresenceUpdate update) {
        return new DeviceSessionKey(update.userId(), update.device());
    }

    /**
     * The results of a batch arrive from the primaries as binary objects, unlike those of a single
     * invoke (Ignite 2.17 does not unwrap them for the map form of invokeAll).
     */
    @SuppressWarnings("unchecked")
    private static <T> T deserialized(Object result) {
        return result instanceof BinaryObject binary ? binary.deserialize() : (T) result;
    }

    /**
     * The view's activity per device: this device's from its session just written, the others' as the
     * row last recorded them (their sessions are not read on the write path; a read shows them live).
     */
    private static PresenceSnapshot snapshot(String userId, UserPresence row, String device, Instant refreshedAt) {
        Map<String, Instant> activity = new LinkedHashMap<>();
        if (row != null) {
            row.devices().forEach((id, state) -> activity.put(id, state.lastActiveAt()));
            if (device != null && activity.containsKey(device)) {
                activity.put(device, refreshedAt);
            }
        }
        return new PresenceSnapshot(userId, row, activity);
    }
}
