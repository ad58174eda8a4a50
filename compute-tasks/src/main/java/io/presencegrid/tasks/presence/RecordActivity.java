package io.presencegrid.tasks.presence;

import io.presencegrid.schema.UserPresence;
import io.presencegrid.tasks.clock.PresenceClock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import javax.cache.processor.MutableEntry;
import org.apache.ignite.cache.CacheEntryProcessor;

/**
 * Writes the activity of a user's live sessions into the durable PRESENCE row: its lastSeenAt and each
 * device's last activity. Heartbeats refresh only the sessions, so the sweeper sends this, from the row's
 * primary, once the sessions are {@link PresenceRules#LAST_SEEN_WRITE_INTERVAL} ahead of the row. Nothing
 * visible changes, so no event follows.
 */
public final class RecordActivity implements CacheEntryProcessor<String, UserPresence, Void> {

    private static final long serialVersionUID = 1L;

    /** Device id to the epoch millis of its session's last activity. */
    private final HashMap<String, Long> sessionActivityMillis = new HashMap<>();
    /** Read once, where the record is sent: every copy of the row runs this and must compute the same row. */
    private final long nowMillis = PresenceClock.now().toEpochMilli();

    public RecordActivity(Map<String, Instant> sessionActivity) {
        sessionActivity.forEach((device, at) -> sessionActivityMillis.put(device, at.toEpochMilli()));
    }

    @Override
    public Void process(MutableEntry<String, UserPresence> entry, Object... arguments) {
        UserPresence current = entry.getValue();
        Map<String, Instant> activity = new HashMap<>();
        sessionActivityMillis.forEach((device, millis) -> activity.put(device, Instant.ofEpochMilli(millis)));
        UserPresence next = PresenceRules.recordActivity(current, activity, Instant.ofEpochMilli(nowMillis));
        if (next != null && PresenceRules.worthWriting(current, next)) {
            entry.setValue(next);
        }
        return null;
    }
}
