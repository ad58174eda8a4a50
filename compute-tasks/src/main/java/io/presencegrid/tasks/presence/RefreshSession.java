package io.presencegrid.tasks.presence;

import io.presencegrid.schema.CacheNames;
import io.presencegrid.schema.DeviceSession;
import io.presencegrid.schema.DeviceSessionKey;
import io.presencegrid.schema.PresenceStatus;
import io.presencegrid.schema.UserPresence;
import io.presencegrid.tasks.clock.PresenceClock;
import java.time.Instant;
import java.util.Objects;
import javax.cache.processor.MutableEntry;
import org.apache.ignite.Ignite;
import org.apache.ignite.cache.CacheEntryProcessor;
import org.apache.ignite.cache.CachePeekMode;

/**
 * The heartbeat: writes one device's in-memory session at its primary node, which restarts the session's
 * TTL, and reports whether the user's PRESENCE row already says what this session says. When it does,
 * nothing durable is owed and the heartbeat cost one write of the session (and its two backup copies,
 * no WAL). When it does not (a new or restarted session, another status), the caller applies the change
 * to the row with {@link ApplyDeviceUpdate}: the session is written first, so the row never lists a
 * device for longer than the session it names could be missing.
 *
 * <p>Runs in the primary's striped thread holding the session entry's lock, and peeks the user's PRESENCE
 * row, which lives in the same partition on the same node (both caches share the affinity function), so
 * the peek is local. Lock order: session, then row. No processor on a row ever waits for a session, so
 * the two cannot deadlock.
 */
public final class RefreshSession implements CacheEntryProcessor<DeviceSessionKey, DeviceSession, SessionRefreshed> {

    private static final long serialVersionUID = 1L;

    /** What the writer knows of the session it refreshes, which decides whose status wins. */
    private enum Kind {
        /** A status the device just sent (an update, a status frame): it wins. */
        SET,
        /**
         * An open socket's periodic refresh: the session's own status wins. A session this API node's
         * socket released is left alone: the refresh was queued before that socket closed (the node
         * releases a device only once none of its sockets holds it).
         */
        KEEP,
        /** A device socket just opened: it takes over the session as it is, released or held elsewhere. */
        TAKE_OVER
    }

    private final String status;
    private final Kind kind;
    private final long owner;
    /** The activity to record, in epoch millis; 0: the primary's clock when it runs. */
    private final long activityMillis;

    /**
     * @param status the device's status; never offline (that ends the session instead)
     * @param owner  the order of the API node whose socket holds the session, or {@link DeviceSession#NO_OWNER}
     */
    public RefreshSession(PresenceStatus status, long owner) {
        this(status, owner, null);
    }

    /**
     * @param activity the activity to record, when the caller stamps the same time on the user's row in
     *                 parallel: session and row then agree to the millisecond, so the last seen a reader
     *                 sees while the session lives is the one the row keeps after it
     */
    public RefreshSession(PresenceStatus status, long owner, Instant activity) {
        this(status, Kind.SET, owner, activity);
        if (status == PresenceStatus.OFFLINE) {
            throw new IllegalArgumentException("offline ends a session, it does not refresh one");
        }
    }

    /**
     * A socket's periodic refresh, which only keeps the session alive: a live session keeps the status it
     * has, and {@code status} applies only to start it again after it lapsed. The refresh is queued with
     * the socket's status of the moment, and a status frame or a REST update for the device may have
     * changed the session since; applying the older status would flip the user back and forth. A session
     * this API node released is not touched: the refresh was queued before its socket closed.
     */
    public static RefreshSession keepingStatus(PresenceStatus status, long owner) {
        return new RefreshSession(status, Kind.KEEP, owner, null);
    }

    /**
     * A device socket's first write: it continues the device's session as it stands (its status, an
     * offline the device holds, a session released by a socket that closed within the disconnect grace),
     * so a reload or a short network drop shows nobody a change. With no session, it starts one with
     * {@code status}.
     */
    public static RefreshSession takingOver(PresenceStatus status, long owner) {
        return new RefreshSession(status, Kind.TAKE_OVER, owner, null);
    }

    private RefreshSession(PresenceStatus status, Kind kind, long owner, Instant activity) {
        this.status = Objects.requireNonNull(status, "status").wireName();
        this.kind = kind;
        this.owner = owner;
        this.activityMillis = activity == null ? 0 : activity.toEpochMilli();
    }

    /**
     * @return what the refresh found; for a socket's periodic refresh ({@link #keepingStatus}) {@code null}
     * when the row already agrees, which is nearly always, and never the row itself: the socket's node
     * only needs to know whether the row must be told, and a batch of a thousand refreshes would otherwise
     * carry a thousand rows back to it
     */
    @Override
    public SessionRefreshed process(MutableEntry<DeviceSessionKey, DeviceSession> entry, Object... arguments) {
        Instant now = activityMillis == 0 ? PresenceClock.now() : Instant.ofEpochMilli(activityMillis);
        DeviceSession previous = entry.getValue();
        if (kind == Kind.KEEP && previous != null && previous.owner() == DeviceSession.releasedBy(owner)) {
            return null;
        }
        // The node from the entry, not injected: Ignite sends a processor with an injected resource wrapped in
        // a proxy that goes through its optimized marshaller and Java serialization, which cost every refresh
        // a Java object stream on each side where a binary object takes 66 bytes.
        UserPresence row = entry.unwrap(Ignite.class).<String, UserPresence>cache(CacheNames.PRESENCE)
                // Primary or backup: both groups switch primaries at the same topology change, and a copy the
                // API node's write already reached (FULL_SYNC) is as current as the primary's. Not found here
                // at all, the row counts as unknown and the caller writes it through its own primary.
                .localPeek(entry.getKey().userId(), CachePeekMode.PRIMARY, CachePeekMode.BACKUP);
        String device = entry.getKey().device();
        PresenceStatus requested = kind != Kind.SET && previous != null ? previous.status() : PresenceStatus.fromWireName(status);
        // A REST heartbeat does not take a socket's session away from it: the socket's node still holds it.
        long holder = owner == DeviceSession.NO_OWNER && previous != null && previous.heldBySocket() ? previous.owner() : owner;
        if (requested == PresenceStatus.OFFLINE) {
            // Held offline: the session only carries the hold, with the time the device went offline, and
            // the row must not list the device.
            Instant since = previous != null && !previous.live() ? previous.lastActiveAt() : now;
            entry.setValue(new DeviceSession(requested, since, holder));
            return answer(row, requested, since, previous == null, row == null || row.deviceStatus(device) == null, holder);
        }
        entry.setValue(new DeviceSession(requested, now, holder));
        boolean started = previous == null || !previous.live();
        boolean rowAgrees = !started && row != null && requested == row.deviceStatus(device);
        return answer(row, requested, now, started, rowAgrees, holder);
    }

    private SessionRefreshed answer(UserPresence row, PresenceStatus status, Instant refreshedAt, boolean started, boolean rowAgrees,
                                    long holder) {
        if (kind == Kind.KEEP) {
            return rowAgrees ? null : new SessionRefreshed(null, status, refreshedAt, started, false);
        }
        // A write that is not the holder's gave a held session the short TTL of this cache: the caller puts
        // the long one back (HeldSessions).
        long heldByAnother = owner == DeviceSession.NO_OWNER ? holder : DeviceSession.NO_OWNER;
        // It travels back to the API node with every heartbeat, for the user's own view: no privacy in it.
        return new SessionRefreshed(row == null ? null : row.withoutPrivacy(), status, refreshedAt, started, rowAgrees, heldByAnother);
    }
}
