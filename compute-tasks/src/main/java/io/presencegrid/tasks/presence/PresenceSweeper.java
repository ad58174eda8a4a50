package io.presencegrid.tasks.presence;

import io.presencegrid.schema.CacheNames;
import io.presencegrid.schema.ChangeReason;
import io.presencegrid.schema.DeviceSessionKey;
import io.presencegrid.schema.PresenceStatus;
import io.presencegrid.schema.UserPresence;
import java.util.ArrayList;
import java.util.List;
import javax.cache.Cache;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.IgniteLogger;
import org.apache.ignite.cache.CachePeekMode;
import org.apache.ignite.cache.query.QueryCursor;
import org.apache.ignite.cache.query.ScanQuery;
import org.apache.ignite.cluster.ClusterState;

/**
 * The safety net behind expiry events, run on every server node over the partitions it holds as
 * primary: any PRESENCE row that names a device whose session is gone, or is not offline with no
 * device at all, is reconciled with the sessions that are really live. It catches expiries whose event
 * was lost with a dying primary, and rows left behind by a crash between two writes.
 */
final class PresenceSweeper {

    private final Ignite ignite;
    private final UserPresenceStore store;
    private final IgniteLogger log;

    PresenceSweeper(Ignite ignite, UserPresenceStore store, IgniteLogger log) {
        this.ignite = ignite;
        this.store = store;
        this.log = log;
    }

    void sweepLocalPrimaries() {
        try {
            if (ignite.cluster().state() != ClusterState.ACTIVE) {
                return;
            }
            int repaired = 0;
            for (String userId : inconsistentLocalUsers()) {
                store.reconcile(userId, ChangeReason.EXPIRED, null);
                repaired++;
            }
            if (repaired > 0) {
                log.info("Presence sweeper reconciled " + repaired + " users whose sessions had ended");
            }
        } catch (RuntimeException e) {
            // A sweep that fails (node stopping, partitions moving) is simply tried again next time.
            log.warning("Presence sweep failed: " + e.getMessage());
        }
    }

    private List<String> inconsistentLocalUsers() {
        IgniteCache<String, UserPresence> presence = ignite.cache(CacheNames.PRESENCE);
        IgniteCache<DeviceSessionKey, Object> sessions = ignite.cache(CacheNames.DEVICE_SESSION);
        List<String> users = new ArrayList<>();
        for (int partition : ignite.affinity(CacheNames.PRESENCE).primaryPartitions(ignite.cluster().localNode())) {
            ScanQuery<String, UserPresence> claimsLive = new ScanQuery<String, UserPresence>(partition)
                    .setLocal(true)
                    .setFilter((userId, row) -> row.status() != PresenceStatus.OFFLINE || row.deviceCount() > 0);
            try (QueryCursor<Cache.Entry<String, UserPresence>> rows = presence.query(claimsLive)) {
                for (Cache.Entry<String, UserPresence> row : rows) {
                    boolean backed = !row.getValue().devices().isEmpty() && row.getValue().devices().keySet().stream()
                            .allMatch(device -> sessions.localPeek(new DeviceSessionKey(row.getKey(), device),
                                    CachePeekMode.PRIMARY) != null);
                    if (!backed) {
                        users.add(row.getKey());
                    }
                }
            }
        }
        return users;
    }
}
