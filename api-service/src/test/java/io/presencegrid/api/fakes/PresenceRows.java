package io.presencegrid.api.fakes;

import io.presencegrid.schema.UserPresence;
import io.presencegrid.tasks.presence.PresenceSnapshot;
import io.presencegrid.testing.FakeEntry;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.cache.processor.EntryProcessor;

/**
 * The PRESENCE cache as a map. A row changes only through an entry processor, the very one the grid
 * runs on the row's primary, applied under the map's lock for that key as Ignite applies it under the
 * entry's: so versions, aggregation and privacy follow the grid's rules, not a copy of them.
 */
final class PresenceRows {

    private final ConcurrentMap<String, UserPresence> rows = new ConcurrentHashMap<>();

    /** @return what the processor answered */
    <T> T invoke(String userId, EntryProcessor<String, UserPresence, T> processor) {
        Object[] answer = new Object[1];
        rows.compute(userId, (key, current) -> {
            FakeEntry<String, UserPresence> entry = new FakeEntry<>(key, current);
            answer[0] = processor.process(entry);
            return entry.getValue();
        });
        @SuppressWarnings("unchecked")
        T result = (T) answer[0];
        return result;
    }

    UserPresence get(String userId) {
        return rows.get(userId);
    }

    boolean remove(String userId) {
        return rows.remove(userId) != null;
    }

    /** Every session lives as long as its device is in the row: the fake has no expiry. */
    boolean isLive(String userId, String device) {
        UserPresence row = rows.get(userId);
        return row != null && row.devices().containsKey(device);
    }

    /** As a read on the primary answers it: the row, and each listed device's activity as its live session. */
    PresenceSnapshot snapshot(String userId) {
        UserPresence row = rows.get(userId);
        return new PresenceSnapshot(userId, row, activity(row));
    }

    static Map<String, Instant> activity(UserPresence row) {
        Map<String, Instant> activity = new LinkedHashMap<>();
        if (row != null) {
            row.devices().forEach((device, state) -> activity.put(device, state.lastActiveAt()));
        }
        return activity;
    }

    List<UserPresence> all() {
        return List.copyOf(rows.values());
    }

    Map<String, UserPresence> byUser() {
        return Map.copyOf(rows);
    }

    void clear() {
        rows.clear();
    }
}
