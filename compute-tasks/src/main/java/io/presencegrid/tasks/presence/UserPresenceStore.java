package io.presencegrid.tasks.presence;

import io.presencegrid.schema.CacheNames;
import io.presencegrid.schema.ChangeReason;
import io.presencegrid.schema.DeviceSession;
import io.presencegrid.schema.DeviceSessionKey;
import io.presencegrid.schema.PresenceStatus;
import io.presencegrid.schema.UserPresence;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.transactions.Transaction;
import org.apache.ignite.transactions.TransactionConcurrency;
import org.apache.ignite.transactions.TransactionIsolation;

/**
 * Reads and changes one user's presence on the node where it lives. Every change runs in a pessimistic
 * transaction that first locks the user's PRESENCE row, so concurrent updates from many devices and
 * API nodes, expiries and the sweeper are serialised per user and never lose a device or move
 * {@code version} backwards. Meant to run on the user's primary node (from an affinity call, the expiry
 * listener or the sweeper), where every read is local; elsewhere it is still correct, only slower.
 */
public final class UserPresenceStore {

    /** A lock held longer than this is a bug or a dead node; fail the change rather than hang. */
    private static final long TRANSACTION_TIMEOUT_MILLIS = 5_000;

    /** Presence times to the millisecond: what clients and SQL need, and what JSON shows. */
    public static final Clock MILLISECOND_CLOCK = Clock.tickMillis(java.time.ZoneOffset.UTC);

    private final Ignite ignite;
    private final Clock clock;

    public UserPresenceStore(Ignite ignite, Clock clock) {
        this.ignite = ignite;
        this.clock = clock;
    }

    private IgniteCache<String, UserPresence> presence() {
        return ignite.cache(CacheNames.PRESENCE);
    }

    private IgniteCache<DeviceSessionKey, DeviceSession> sessions() {
        return ignite.cache(CacheNames.DEVICE_SESSION);
    }

    /** Applies one device's update; an {@code offline} status ends that device's session. */
    public PresenceSnapshot update(PresenceUpdate update) {
        Instant now = clock.instant();
        PresenceSnapshot refreshed = refreshUnchanged(update, now);
        if (refreshed != null) {
            return refreshed;
        }
        try (Transaction tx = begin()) {
            UserPresence current = presence().get(update.userId());
            Map<String, DeviceSession> live = liveSessions(update.userId(), current, update.device());
            DeviceSessionKey key = new DeviceSessionKey(update.userId(), update.device());
            if (update.status() == PresenceStatus.OFFLINE) {
                if (live.remove(update.device()) != null) {
                    sessions().remove(key);
                }
            } else {
                DeviceSession session = new DeviceSession(update.status(), now, update.owner());
                // Every write restarts the session's TTL (modified-expiry policy): this is the heartbeat.
                sessions().put(key, session);
                live.put(update.device(), session);
            }
            UserPresence next = PresenceRules.next(current, live,
                    new PresenceRules.Change(update.reason(), update.message(), now), now);
            UserPresence stored = write(update.userId(), current, next);
            tx.commit();
            return snapshot(update.userId(), stored, live);
        }
    }

    /**
     * The heartbeat, nine in ten updates: the device's session is live, and with it refreshed PRESENCE
     * would not be worth writing (same status, message and devices, last-seen recent enough). Then the
     * only write owed is the session's, which restarts its TTL. It is a compare-and-set against the
     * session read here, without the user's lock: if that session changed or expired since (a
     * concurrent update, the expiry that PRESENCE has not caught up with), the set fails and the update
     * takes the locked path. Same copies, same durability as that path; one key locked instead of the
     * user's PRESENCE row and sessions in a two-cache transaction.
     *
     * @return the snapshot the locked path would have returned, or {@code null} when it must run
     */
    private PresenceSnapshot refreshUnchanged(PresenceUpdate update, Instant now) {
        if (update.status() == PresenceStatus.OFFLINE) {
            return null;
        }
        UserPresence current = presence().get(update.userId());
        if (current == null || !current.devices().containsKey(update.device())) {
            return null;
        }
        Map<String, DeviceSession> live = liveSessions(update.userId(), current, null);
        DeviceSession seen = live.get(update.device());
        if (seen == null || seen.status() != update.status()) {
            return null;
        }
        DeviceSession session = new DeviceSession(update.status(), now, update.owner());
        live.put(update.device(), session);
        UserPresence next = PresenceRules.next(current, live,
                new PresenceRules.Change(update.reason(), update.message(), now), now);
        if (PresenceRules.worthWriting(current, next)
                || !sessions().replace(new DeviceSessionKey(update.userId(), update.device()), seen, session)) {
            return null;
        }
        return snapshot(update.userId(), current, live);
    }

    /**
     * Ends a session whose holder is gone (its API node left the grid): reason disconnect, and last seen
     * is the session's own last refresh, not the moment the grid noticed.
     */
    public void endOrphanedSession(DeviceSessionKey key) {
        try (Transaction tx = begin()) {
            UserPresence current = presence().get(key.userId());
            if (current == null) {
                // Deleted meanwhile: drop the session, never bring the user back.
                sessions().remove(key);
                tx.commit();
                return;
            }
            Map<String, DeviceSession> live = liveSessions(key.userId(), current, key.device());
            DeviceSession ended = live.remove(key.device());
            if (ended != null) {
                sessions().remove(key);
            }
            UserPresence next = PresenceRules.next(current, live, new PresenceRules.Change(ChangeReason.DISCONNECT, null,
                    ended == null ? null : ended.lastActiveAt()), clock.instant());
            write(key.userId(), current, next);
            tx.commit();
        }
    }

    /**
     * Brings the PRESENCE row in line with the sessions that are still live: after an expiry, or when
     * the sweeper finds a row that claims a status no session backs. Idempotent.
     *
     * @param endedActivity last activity of a session that just ended, if known; it may be newer than
     *                      what PRESENCE stored, since heartbeats write last-seen only now and then
     */
    public void reconcile(String userId, ChangeReason reason, Instant endedActivity) {
        try (Transaction tx = begin()) {
            UserPresence current = presence().get(userId);
            if (current == null) {
                tx.commit();
                return;
            }
            Map<String, DeviceSession> live = liveSessions(userId, current, null);
            UserPresence next = PresenceRules.next(current, live,
                    new PresenceRules.Change(reason, null, endedActivity), clock.instant());
            write(userId, current, next);
            tx.commit();
        }
    }

    public PresenceSnapshot read(String userId) {
        UserPresence current = presence().get(userId);
        if (current == null) {
            return new PresenceSnapshot(userId, null, Map.of());
        }
        return snapshot(userId, current, liveSessions(userId, current, null));
    }

    /** Removes the user's sessions and PRESENCE row, and the subscriptions that follow them. */
    public boolean delete(String userId) {
        try (Transaction tx = begin()) {
            UserPresence current = presence().get(userId);
            Set<DeviceSessionKey> keys = new LinkedHashSet<>();
            if (current != null) {
                current.devices().keySet().forEach(device -> keys.add(new DeviceSessionKey(userId, device)));
            }
            sessions().removeAll(keys);
            boolean existed = presence().remove(userId);
            tx.commit();
            return existed;
        }
    }

    /** What {@link #deleteIfInactiveSince} did. */
    public enum InactiveRemoval {
        /** The row was there, inactive, and is gone now. */
        DELETED,
        /** Active since the cutoff, or a session is live: kept. */
        KEPT_ACTIVE,
        /** No row (deleted meanwhile, or by an earlier attempt that failed before its subscriptions went). */
        ABSENT
    }

    /**
     * Deletes the user like {@link #delete} only if they are inactive: last seen (or, never seen, last
     * changed) before {@code cutoff} and no live session. Checked and deleted under the user's lock, so a
     * user who comes back between the retention scan and this call is kept.
     */
    public InactiveRemoval deleteIfInactiveSince(String userId, Instant cutoff) {
        try (Transaction tx = begin()) {
            UserPresence current = presence().get(userId);
            if (current == null) {
                tx.commit();
                return InactiveRemoval.ABSENT;
            }
            if (!inactiveSince(current, cutoff) || !liveSessions(userId, current, null).isEmpty()) {
                tx.commit();
                return InactiveRemoval.KEPT_ACTIVE;
            }
            Set<DeviceSessionKey> keys = new LinkedHashSet<>();
            current.devices().keySet().forEach(device -> keys.add(new DeviceSessionKey(userId, device)));
            sessions().removeAll(keys);
            presence().remove(userId);
            tx.commit();
            return InactiveRemoval.DELETED;
        }
    }

    /** Last seen before {@code cutoff}; a row never seen active ages by its last change instead. */
    public static boolean inactiveSince(UserPresence presence, Instant cutoff) {
        Instant lastActive = presence.lastSeenAt() != null ? presence.lastSeenAt() : presence.updatedAt();
        return lastActive.isBefore(cutoff);
    }

    private Transaction begin() {
        return ignite.transactions().txStart(TransactionConcurrency.PESSIMISTIC,
                TransactionIsolation.REPEATABLE_READ, TRANSACTION_TIMEOUT_MILLIS, 0);
    }

    /** The sessions still live of the devices PRESENCE knows, plus {@code extraDevice}; all colocated. */
    private Map<String, DeviceSession> liveSessions(String userId, UserPresence current, String extraDevice) {
        Set<DeviceSessionKey> keys = new LinkedHashSet<>();
        if (current != null) {
            current.devices().keySet().forEach(device -> keys.add(new DeviceSessionKey(userId, device)));
        }
        if (extraDevice != null) {
            keys.add(new DeviceSessionKey(userId, extraDevice));
        }
        Map<String, DeviceSession> live = new TreeMap<>();
        sessions().getAll(keys).forEach((key, session) -> live.put(key.device(), session));
        return live;
    }

    private UserPresence write(String userId, UserPresence current, UserPresence next) {
        if (!PresenceRules.worthWriting(current, next)) {
            return current;
        }
        presence().put(userId, next);
        return next;
    }

    private static PresenceSnapshot snapshot(String userId, UserPresence presence, Map<String, DeviceSession> live) {
        Map<String, Instant> activity = new LinkedHashMap<>();
        live.forEach((device, session) -> activity.put(device, session.lastActiveAt()));
        return new PresenceSnapshot(userId, presence, activity);
    }
}
