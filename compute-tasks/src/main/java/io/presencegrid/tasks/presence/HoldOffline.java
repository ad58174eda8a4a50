package io.presencegrid.tasks.presence;

import io.presencegrid.schema.DeviceSession;
import io.presencegrid.schema.DeviceSessionKey;
import io.presencegrid.schema.PresenceStatus;
import java.time.Instant;
import javax.cache.processor.MutableEntry;
import org.apache.ignite.cache.CacheEntryProcessor;

/**
 * A device's explicit offline, at its session. The device leaves the user's presence at once (the caller
 * writes the row in parallel), and where an open device socket holds the session, on any API node, the
 * session stays as an offline hold: the socket's periodic refresh keeps a session's own status, so it
 * keeps the device offline until the device sends another status, instead of bringing it back online.
 * Nobody holds a REST session or a released one, and those simply end.
 */
public final class HoldOffline implements CacheEntryProcessor<DeviceSessionKey, DeviceSession, Long> {

    private static final long serialVersionUID = 1L;

    private final long owner;
    private final long atMillis;

    /**
     * @param owner the API node whose socket sent the offline, or {@link DeviceSession#NO_OWNER} for REST
     * @param at    when the device went offline, as the caller stamps it on the row too
     */
    public HoldOffline(long owner, Instant at) {
        this.owner = owner;
        this.atMillis = at.toEpochMilli();
    }

    /**
     * @return the API node holding the session when that is not the writer (a REST offline of a device a
     * socket holds), whose hold then needs its long TTL back ({@link ExtendHeldSession}); else {@code null}
     */
    @Override
    public Long process(MutableEntry<DeviceSessionKey, DeviceSession> entry, Object... arguments) {
        DeviceSession previous = entry.getValue();
        long holder = owner > DeviceSession.NO_OWNER ? owner
                : previous != null && previous.heldBySocket() ? previous.owner() : DeviceSession.NO_OWNER;
        if (holder == DeviceSession.NO_OWNER) {
            if (previous != null) {
                entry.remove();
            }
        } else {
            entry.setValue(new DeviceSession(PresenceStatus.OFFLINE, Instant.ofEpochMilli(atMillis), holder));
            if (holder != owner) {
                return holder;
            }
        }
        return null;
    }
}
