package io.presencegrid.tasks.presence;

import io.presencegrid.schema.UserPresence;
import java.time.Instant;
import javax.cache.processor.MutableEntry;
import org.apache.ignite.cache.CacheEntryProcessor;

/**
 * The retention purge's delete of one PRESENCE row: only if the user is still inactive since the cutoff
 * and lists no live device, decided under the row's lock, so a user who comes back between the purge's
 * scan and this is kept. Answers what happened.
 */
public final class RemoveIfInactive implements CacheEntryProcessor<String, UserPresence, String> {

    private static final long serialVersionUID = 1L;

    private final long cutoffMillis;

    public RemoveIfInactive(Instant cutoff) {
        this.cutoffMillis = cutoff.toEpochMilli();
    }

    @Override
    public String process(MutableEntry<String, UserPresence> entry, Object... arguments) {
        UserPresence current = entry.getValue();
        if (current == null) {
            return UserPresenceStore.InactiveRemoval.ABSENT.name();
        }
        if (!UserPresenceStore.inactiveSince(current, Instant.ofEpochMilli(cutoffMillis)) || current.deviceCount() > 0) {
            return UserPresenceStore.InactiveRemoval.KEPT_ACTIVE.name();
        }
        entry.remove();
        return UserPresenceStore.InactiveRemoval.DELETED.name();
    }
}
