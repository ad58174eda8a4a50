package io.presencegrid.api.fakes;

import io.presencegrid.api.admin.AdminStore;
import io.presencegrid.api.admin.GridView;
import io.presencegrid.api.admin.PurgeView;
import io.presencegrid.api.admin.StatsView;
import io.presencegrid.schema.PresenceStatus;
import io.presencegrid.schema.UserPresence;
import io.presencegrid.tasks.clock.PresenceClock;
import io.presencegrid.topology.ServerNodeSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Statistics counted over {@link PresenceRows}, and the retention purge over them: a user without a live
 * device, last seen before the cutoff, is deleted as {@code DELETE} deletes. A grid of no nodes.
 */
final class FakeAdminStore implements AdminStore {

    private final FakeGrid grid;

    FakeAdminStore(FakeGrid grid) {
        this.grid = grid;
    }

    @Override
    public StatsView stats() {
        grid.call();
        Map<String, Long> byStatus = new LinkedHashMap<>();
        for (PresenceStatus status : PresenceStatus.values()) {
            byStatus.put(status.wireName(), 0L);
        }
        Map<String, Long> byDevice = new TreeMap<>();
        long users = 0;
        for (UserPresence row : grid.rows().all()) {
            if (row.seen()) {
                users++;
                byStatus.merge(row.status().wireName(), 1L, Long::sum);
                row.devices().keySet().forEach(device -> byDevice.merge(device, 1L, Long::sum));
            }
        }
        long sessions = byDevice.values().stream().mapToLong(Long::longValue).sum();
        return new StatsView(PresenceClock.now(), users, sessions, byStatus, byDevice, 0,
                new GridView("ACTIVE", 0, 0, List.of()));
    }

    @Override
    public PurgeView purge(Integer retentionDays) {
        grid.call();
        int days = retentionDays == null ? ServerNodeSettings.DEFAULT_RETENTION_DAYS : retentionDays;
        Instant cutoff = PresenceClock.now().minus(Duration.ofDays(days));
        long purged = 0;
        for (Map.Entry<String, UserPresence> user : grid.rows().byUser().entrySet()) {
            UserPresence row = user.getValue();
            Instant lastActive = row.lastSeenAt() == null ? row.updatedAt() : row.lastSeenAt();
            if (row.devices().isEmpty() && lastActive.isBefore(cutoff)) {
                grid.presenceStore().delete(user.getKey());
                purged++;
            }
        }
        return new PurgeView(cutoff, purged);
    }
}
