package io.presencegrid.tasks.presence;

import io.presencegrid.schema.DeviceSession;
import io.presencegrid.schema.DeviceSessionKey;
import javax.cache.processor.MutableEntry;
import org.apache.ignite.cache.CacheEntryProcessor;

/**
 * Puts a held session's long TTL back after a write that was not its holder's gave it the session TTL (a
 * REST update or offline of a device whose socket holds it: the holder refreshes a held session only every
 * third of the long TTL, so it would lapse meanwhile). Sent through {@link HeldSessions#cache}, and
 * rewrites the session as it is only if {@code holder} still holds it: a socket that took it over on
 * another node, or released it, wins.
 */
public final class ExtendHeldSession implements CacheEntryProcessor<DeviceSessionKey, DeviceSession, Void> {

    private static final long serialVersionUID = 1L;

    private final long holder;

    public ExtendHeldSession(long holder) {
        this.holder = holder;
    }

    @Override
    public Void process(MutableEntry<DeviceSessionKey, DeviceSession> entry, Object... arguments) {
        DeviceSession session = entry.getValue();
        if (session != null && session.owner() == holder) {
            entry.setValue(session);
        }
        return null;
    }
}
