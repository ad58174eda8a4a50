package io.presencegrid.tasks.presence;

import io.presencegrid.schema.DeviceSession;
import io.presencegrid.schema.DeviceSessionKey;
import java.time.Instant;
import javax.cache.processor.MutableEntry;
import org.apache.ignite.cache.CacheEntryProcessor;

/**
 * A device socket closed without saying offline. If its API node still holds the device's session (a
 * socket of the same device opened since, anywhere, has taken it over and keeps it), the session is
 * either ended at once, with no grace, or marked {@link DeviceSession#released released}: the caller
 * writes it with the grace as its expiry, so a socket of the device that opens within the grace takes it
 * over and followers see nothing, and otherwise it expires and the device goes with reason disconnect.
 * Answers the session as it was when it ended at once, so the caller can take the device out of the row;
 * {@code null} otherwise.
 */
public final class ReleaseSession implements CacheEntryProcessor<DeviceSessionKey, DeviceSession, DeviceSession> {

    private static final long serialVersionUID = 1L;

    private final long owner;
    private final boolean withGrace;
    private final long atMillis;

    /** @param at the socket's close, the device's last activity */
    public ReleaseSession(long owner, boolean withGrace, Instant at) {
        this.owner = owner;
        this.withGrace = withGrace;
        this.atMillis = at.toEpochMilli();
    }

    @Override
    public DeviceSession process(MutableEntry<DeviceSessionKey, DeviceSession> entry, Object... arguments) {
        DeviceSession session = entry.getValue();
        if (session == null || session.owner() != owner) {
            return null;
        }
        if (withGrace) {
            // An offline hold keeps the time it went offline: that is what a reload continues.
            Instant lastActive = session.live() ? Instant.ofEpochMilli(atMillis) : session.lastActiveAt();
            entry.setValue(new DeviceSession(session.status(), lastActive, DeviceSession.releasedBy(owner)));
            return null;
        }
        entry.remove();
        return session;
    }
}
