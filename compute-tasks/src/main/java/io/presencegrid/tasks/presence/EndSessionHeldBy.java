package io.presencegrid.tasks.presence;

import io.presencegrid.schema.DeviceSession;
import io.presencegrid.schema.DeviceSessionKey;
import javax.cache.processor.MutableEntry;
import org.apache.ignite.cache.CacheEntryProcessor;

/**
 * Removes a device session if, and only if, the given API node still holds it: a socket of the same
 * device that reconnected to another API node meanwhile has rewritten the session with its own node, and
 * must keep it. Answers the removed session, {@code null} when it was kept or already gone.
 */
public final class EndSessionHeldBy implements CacheEntryProcessor<DeviceSessionKey, DeviceSession, DeviceSession> {

    private static final long serialVersionUID = 1L;

    private final long owner;

    public EndSessionHeldBy(long owner) {
        this.owner = owner;
    }

    @Override
    public DeviceSession process(MutableEntry<DeviceSessionKey, DeviceSession> entry, Object... arguments) {
        DeviceSession session = entry.getValue();
        if (session == null || session.owner() != owner) {
            return null;
        }
        entry.remove();
        return session;
    }
}
