package io.presencegrid.tasks.presence;

import io.presencegrid.schema.CacheNames;
import io.presencegrid.schema.ChangeReason;
import io.presencegrid.schema.DeviceSession;
import io.presencegrid.schema.DeviceSessionKey;
import io.presencegrid.schema.DeviceState;
import io.presencegrid.schema.UserPresence;
import io.presencegrid.tasks.channel.ChannelExits;
import io.presencegrid.tasks.clock.PresenceClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.cache.processor.EntryProcessorResult;
import org.apache.ignite.Ignite;
import javax.cache.CacheException;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.IgniteException;
import org.apache.ignite.cache.CachePeekMode;

/**
 * One user's presence as the servers handle it: reads, endings noticed by the grid itself (expiry, an
 * API node gone), deletes. Meant to run on the user's primary node (from an affinity call, the expiry
 * service or the sweeper), where the row and the sessions are local; every change is an entry processor
 * on the row, so it is serialised with the API nodes' updates of the same user without a transaction.
 */
public final class UserPresenceStore {

    private final Ignite ignite;
    private final Duration ttl;

    public UserPresenceStore(Ignite ignite) {
        this.ignite = ignite;
        this.ttl = SessionTtl.of(ignite);
    }

    private IgniteCache<String, UserPresence> presence() {
        return ignite.cache(CacheNames.PRESENCE);
    }

    private IgniteCache<DeviceSessionKey, DeviceSession> sessions() {
        return ignite.cache(CacheNames.DEVICE_SESSION);
    }

    /**
     * The user's row and the activity of each device's live session. A device the row lists whose session
     * is gone and whose last known activity is a TTL old is ended first (reason expired): its expiry
     * notice was lost, or the whole grid restarted (sessions live in memory). So no reader ever sees a
     * ghost, whatever the sweeper's pace.
     */
    public PresenceSnapshot read(String userId) {
        return read(userId, new LeasesSeen(ignite));
    }

    /** As {@link #read(String)}, one of many in a pass that looks up each API node's lease once. */
    PresenceSnapshot read(String userId, LeasesSeen leases) {
        UserPresence current = presence().get(userId);
        if (current == null) {
            return new PresenceSnapshot(userId, null, Map.of());
        }
        Map<String, Instant> activity = new LinkedHashMap<>();
        boolean repaired = false;
        Instant now = PresenceClock.now();
        for (Map.Entry<String, DeviceState> device : current.devices().entrySet()) {
            DeviceSession session = liveSession(userId, device.getKey(), CachePeekMode.PRIMARY, CachePeekMode.BACKUP);
            if (session != null) {
                activity.put(device.getKey(), leases.activityOf(session));
            } else if (lapsed(device.getValue(), now)) {
                repaired |= repair(userId, device.getKey(), device.getValue().lastActiveAt());
            }
        }
        return repaired ? read(userId, leases) : new PresenceSnapshot(userId, current, activity);
    }

    /**
     * A read must still answer where writes are refused (a node cut off under PRESENCE_WRITE_QUORUM):
     * then the row is shown as it is, and the sweeper of the side that may write repairs it.
     */
    private boolean repair(String userId, String device, Instant lastActive) {
        try {
            return endIfNoSession(userId, device, lastActive, ChangeReason.EXPIRED);
        } catch (IgniteException | CacheException refused) {
            return false;
        }
    }

    /** No session for a TTL since the row last heard from the device: it can only have ended. */
    boolean lapsed(DeviceState device, Instant now) {
        return !device.lastActiveAt().plus(ttl).isAfter(now);
    }

    /**
     * Ends {@code device} for the grid's own reasons, if its session is indeed gone: the session may
     * have been started again since the notice was raised, and then the device stays.
     *
     * @param sessionLastActive the ended session's last activity, the user's last seen
     * @return whether the row changed
     */
    public boolean endIfNoSession(String userId, String device, Instant sessionLastActive, ChangeReason reason) {
        if (liveSession(userId, device, CachePeekMode.PRIMARY, CachePeekMode.BACKUP) != null) {
            return false;
        }
        boolean ended = presence().invoke(userId, new EndDeviceSession(device, sessionLastActive, ttl.dividedBy(2), reason));
        if (ended) {
            ChannelExits.leaveAllOnPrimary(ignite, userId, device);
        }
        return ended;
    }

    /**
     * {@link #endIfNoSession} for many devices at once, in one grid call per round rather than one per
     * device: each round ends at most one device of each user, since a batch holds one change per row. The
     * one device of an expiry keeps its single {@code invoke}, a single-key transaction on this cache.
     * Meant for a node's own primaries, as when an API node's sessions all end together.
     *
     * @param sessionLastActive each ended session's last activity, by device
     * @return how many devices were ended
     */
    int endAllIfNoSession(Map<DeviceSessionKey, Instant> sessionLastActive, ChangeReason reason) {
        Map<String, Deque<DeviceSessionKey>> byUser = new TreeMap<>();
        sessionLastActive.keySet().stream()
                .filter(key -> liveSession(key.userId(), key.device(), CachePeekMode.PRIMARY, CachePeekMode.BACKUP) == null)
                .forEach(key -> byUser.computeIfAbsent(key.userId(), user -> new ArrayDeque<>()).add(key));
        int ended = 0;
        while (!byUser.isEmpty()) {
            // Sorted, as Ignite asks of batch writes.
            Map<String, EndDeviceSession> round = new TreeMap<>();
            Map<String, String> roundDevice = new HashMap<>();
            for (Iterator<Deque<DeviceSessionKey>> users = byUser.values().iterator(); users.hasNext();) {
                Deque<DeviceSessionKey> devices = users.next();
                DeviceSessionKey key = devices.poll();
                round.put(key.userId(), new EndDeviceSession(key.device(), sessionLastActive.get(key), ttl.dividedBy(2), reason));
                roundDevice.put(key.userId(), key.device());
                if (devices.isEmpty()) {
                    users.remove();
                }
            }
            for (Map.Entry<String, EntryProcessorResult<Boolean>> result : presence().invokeAll(round).entrySet()) {
                if (Boolean.TRUE.equals(result.getValue().get())) {
                    ChannelExits.leaveAllOnPrimary(ignite, result.getKey(), roundDevice.get(result.getKey()));
                    ended++;
                }
            }
        }
        return ended;
    }

    /**
     * The device's session on this node, if live: an offline hold ({@link DeviceSession#live}) keeps a
     * device out of the row, so to readers it is no session at all.
     */
    DeviceSession liveSession(String userId, String device, CachePeekMode... copies) {
        DeviceSession session = sessions().localPeek(new DeviceSessionKey(userId, device), copies);
        return session != null && session.live() ? session : null;
    }

    /** The session TTL this grid runs with. */
    Duration ttl() {
        return ttl;
    }

    /** Writes the live sessions' activity into the row's durable last seen, when it is due. */
    public void recordActivity(String userId, Map<String, Instant> sessionActivity) {
        presence().invoke(userId, new RecordActivity(sessionActivity));
    }

    /** Removes the user's sessions and PRESENCE row; whether there was a row. */
    public boolean delete(String userId) {
        UserPresence current = presence().get(userId);
        if (current != null) {
            sessions().removeAll(sessionKeys(userId, current));
        }
        // The row goes last: its removal is the event subscribers hear (reason deleted).
        boolean removed = presence().remove(userId);
        ChannelExits.leaveAllOfUser(ignite, userId);
        return removed;
    }

    /** What {@link #deleteIfInactiveSince} did. */
    public enum InactiveRemoval {
        /** The row was there, inactive, and is gone now. */
        DELETED,
        /** Active since the cutoff, or a device is live: kept. */
        KEPT_ACTIVE,
        /** No row (deleted meanwhile, or by an earlier attempt that failed before its subscriptions went). */
        ABSENT
    }

    /**
     * Deletes the user like {@link #delete} only if they are inactive: last seen (or, never seen, last
     * changed) before {@code cutoff} and no live device, decided under the row's lock.
     */
    public InactiveRemoval deleteIfInactiveSince(String userId, Instant cutoff) {
        return InactiveRemoval.valueOf(presence().invoke(userId, new RemoveIfInactive(cutoff)));
    }

    /** Last seen before {@code cutoff}; a row never seen active ages by its last change instead. */
    public static boolean inactiveSince(UserPresence presence, Instant cutoff) {
        Instant lastActive = presence.lastSeenAt() != null ? presence.lastSeenAt() : presence.updatedAt();
        return lastActive.isBefore(cutoff);
    }

    private static Set<DeviceSessionKey> sessionKeys(String userId, UserPresence presence) {
        Set<DeviceSessionKey> keys = new TreeSet<>();
        presence.devices().keySet().forEach(device -> keys.add(new DeviceSessionKey(userId, device)));
        return keys;
    }
}
