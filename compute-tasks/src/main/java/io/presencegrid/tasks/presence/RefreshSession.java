package io.presencegrid.tasks.presence;

import io.presencegrid.schema.CacheNames;
import io.presencegrid.schema.DeviceSession;
import io.presencegrid.schema.DeviceSessionKey;
import io.presencegrid.schema.PresenceStatus;
import io.presencegrid.schema.UserPresence;
import java.time.Instant;
import java.util.Objects;
import javax.cache.processor.MutableEntry;
import org.apache.ignite.Ignite;
import org.apache.ignite.cache.CacheEntryProcessor;
import org.apache.ignite.cache.CachePeekMode;
import org.apache.ignite.resources.IgniteInstanceResource;

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

    private final String status;
    private final boolean keepsStatus;
    private final long owner;
    /** The activity to record, in epoch millis; 0: the primary's clock when it runs. */
    private final long activityMillis;

    @IgniteInstanceResource
    private transient Ignite ignite;

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
        this(status, false, owner, activity);
    }

    /**
     * A socket's periodic refresh, which only keeps the session alive: a live session keeps the status it
     * has, and {@code status} applies only to start it again after it lapsed. The refresh is queued with
     * the socket's status of the moment, and a status frame or a REST update for the device may have
     * changed the session since; applying the older status would flip the user back and forth.
     */
    public static RefreshSession keepingStatus(PresenceStatus status, long owner) {
        return new RefreshSession(status, true, owner, null);
    }

    private RefreshSession(PresenceStatus status, boolean keepsStatus, long owner, Instant activity) {
        if (Objects.requireNonNull(status, "status") == PresenceStatus.OFFLINE) {
            throw new IllegalArgumentException("offline ends a session, it does not refresh one");
        }
        this.status = status.wireName();
        this.keepsStatus = keepsStatus;
        this.owner = owner;
        this.activityMillis = activity == null ? 0 : activity.toEpochMilli();
    }

    @Override
    public SessionRefreshed process(MutableEntry<DeviceSessionKey, DeviceSession> entry, Object... arguments) {
        Instant now = activityMillis == 0 ? PresenceClock.now() : Instant.ofEpochMilli(activityMillis);
        DeviceSession previous = entry.getValue();
        PresenceStatus requested = keepsStatus && previous != null ? previous.status() : PresenceStatus.fromWireName(status);
        // A REST heartbeat does not take a socket's session away from it: the socket's node still holds it.
        long holder = owner == DeviceSession.NO_OWNER && previous != null ? previous.owner() : owner;
        entry.setValue(new DeviceSession(requested, now, holder));
        UserPresence row = ignite.<String, UserPresence>cache(CacheNames.PRESENCE)
                // Primary or backup: both groups switch primaries at the same topology change, and a copy the
                // API node's write already reached (FULL_SYNC) is as current as the primary's. Not found here
                // at all, the row counts as unknown and the caller writes it through its own primary.
                .localPeek(entry.getKey().userId(), CachePeekMode.PRIMARY, CachePeekMode.BACKUP);
        boolean started = previous == null;
        boolean rowAgrees = !started && row != null && requested == row.deviceStatuses().get(entry.getKey().device());
        return new SessionRefreshed(row, requested, now, started, rowAgrees);
    }
}
