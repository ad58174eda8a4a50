package io.presencegrid.tasks.events;

import io.presencegrid.schema.CacheNames;
import io.presencegrid.schema.InterestKey;
import io.presencegrid.schema.UserPresence;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.EventType;
import org.apache.ignite.Ignite;
import org.apache.ignite.cache.CacheEntryEventSerializableFilter;
import org.apache.ignite.cache.CachePeekMode;
import org.apache.ignite.resources.IgniteInstanceResource;

/**
 * The remote filter of one API node's continuous query on PRESENCE. It is evaluated on the server nodes
 * that hold the changed row (primary and backups, in Ignite's striped threads, so it must not block):
 * an event goes to the API node only if the user's visible presence changed (either projection's
 * version moved, the user's privacy changed, or the row was deleted) and that API node registered interest in the user. The
 * interest record is colocated with the row, so the check is a local peek, never a network call.
 */
public final class PresenceChangeFilter implements CacheEntryEventSerializableFilter<String, UserPresence> {

    private static final long serialVersionUID = 1L;

    private final String apiNodeId;

    @IgniteInstanceResource
    private transient Ignite ignite;

    public PresenceChangeFilter(String apiNodeId) {
        this.apiNodeId = apiNodeId;
    }

    @Override
    public boolean evaluate(CacheEntryEvent<? extends String, ? extends UserPresence> event) {
        return isVisibleChange(event.getEventType(), event.getOldValue(), event.getValue())
                && ignite.cache(CacheNames.SOCKET_INTEREST)
                        .localPeek(new InterestKey(event.getKey(), apiNodeId), CachePeekMode.PRIMARY, CachePeekMode.BACKUP) != null;
    }

    /**
     * A heartbeat that only moves last-seen is no change; a new row or a deleted one always is, and so is
     * new privacy, which changes what some viewers may see.
     */
    public static boolean isVisibleChange(EventType type, UserPresence previous, UserPresence current) {
        if (type == EventType.REMOVED || type == EventType.EXPIRED) {
            return previous != null;
        }
        return previous == null || current == null
                || previous.version() != current.version() || previous.publicVersion() != current.publicVersion()
                || !previous.privacy().equals(current.privacy());
    }
}
