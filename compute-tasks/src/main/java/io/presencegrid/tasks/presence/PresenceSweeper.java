package io.presencegrid.tasks.presence;

import io.presencegrid.schema.CacheNames;
import io.presencegrid.schema.ChangeReason;
import io.presencegrid.schema.DeviceSession;
import io.presencegrid.schema.DeviceSessionKey;
import io.presencegrid.schema.DeviceState;
import io.presencegrid.schema.PresenceStatus;
import io.presencegrid.schema.UserPresence;
import io.presencegrid.tasks.clock.PresenceClock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.cache.Cache;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.IgniteLogger;
import org.apache.ignite.cache.CachePeekMode;
import org.apache.ignite.cache.query.QueryCursor;
import org.apache.ignite.cache.query.ScanQuery;
import org.apache.ignite.cluster.ClusterState;

/**
 * Runs on every server node over the PRESENCE rows it holds as primary, every few seconds. Two jobs:
 * <ul>
 *     <li>the safety net behind expiry notices: a device the row lists whose session is gone, a TTL
 *     after the row last heard from it, is ended (reason expired). It catches expiries whose notice was
 *     lost with a dying primary, and the rows of users who were online when the whole grid stopped
 *     (sessions live in memory);</li>
 *     <li>durable last seen: heartbeats refresh only the sessions, so a row whose live sessions are
 *     {@link PresenceRules#LAST_SEEN_WRITE_INTERVAL} ahead of its lastSeenAt is brought up to date.</li>
 * </ul>
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
            Sweep sweep = new Sweep();
            IgniteCache<String, UserPresence> presence = ignite.cache(CacheNames.PRESENCE);
            for (int partition : ignite.affinity(CacheNames.PRESENCE).primaryPartitions(ignite.cluster().localNode())) {
                ScanQuery<String, UserPresence> claimsLive = new ScanQuery<String, UserPresence>(partition)
                        .setLocal(true)
                        .setFilter((userId, row) -> row.status() != PresenceStatus.OFFLINE || row.deviceCount() > 0);
                try (QueryCursor<Cache.Entry<String, UserPresence>> rows = presence.query(claimsLive)) {
                    for (Cache.Entry<String, UserPresence> row : rows) {
                        sweep.user(row.getKey(), row.getValue());
                    }
                }
            }
            if (sweep.ended > 0 || sweep.recorded > 0) {
                log.info("Presence sweeper ended " + sweep.ended + " devices whose sessions were gone and recorded the"
                        + " last seen of " + sweep.recorded + " users");
            }
        } catch (RuntimeException e) {
            // A sweep that fails (node stopping, partitions moving) is simply tried again next time.
            log.warning("Presence sweep failed: " + e.getMessage());
        }
    }

    /** One pass: what it found, counted for the log. */
    private final class Sweep {
        private final Instant now = PresenceClock.now();
        private final LeasesSeen leases = new LeasesSeen(ignite);
        private int ended;
        private int recorded;

        void user(String userId, UserPresence row) {
            Map<String, Instant> activity = new LinkedHashMap<>();
            for (Map.Entry<String, DeviceState> device : row.devices().entrySet()) {
                DeviceSession session = store.liveSession(userId, device.getKey(), CachePeekMode.PRIMARY);
                if (session != null && leaseLapsed(session)) {
                    if (endHeldSession(userId, device.getKey(), session)) {
                        ended++;
                    }
                } else if (session != null) {
                    activity.put(device.getKey(), leases.activityOf(session));
                } else if (store.lapsed(device.getValue(), now)
                        && store.endIfNoSession(userId, device.getKey(), device.getValue().lastActiveAt(), ChangeReason.EXPIRED)) {
                    ended++;
                }
            }
            if (row.devices().isEmpty() || activityDue(row, activity)) {
                // A row that claims a status with no device at all is recomputed by the same write.
                store.recordActivity(userId, activity);
                recorded++;
            }
        }

        /**
         * A held session whose API node has no lease, and which its node has not written for a TTL either:
         * the lease expired and its notice was lost (the node that had it died meanwhile), or the node never
         * wrote one. A node that has just started writes its lease before a TTL passes.
         */
        private boolean leaseLapsed(DeviceSession session) {
            return session.heldBySocket() && !session.lastActiveAt().plus(store.ttl()).isAfter(now)
                    && leases.leaseOf(session.owner()) == null;
        }

        private boolean endHeldSession(String userId, String device, DeviceSession session) {
            DeviceSession ended = ignite.<DeviceSessionKey, DeviceSession>cache(CacheNames.DEVICE_SESSION)
                    .invoke(new DeviceSessionKey(userId, device), new EndSessionHeldBy(session.owner()));
            return ended != null && store.endIfNoSession(userId, device, ended.lastActiveAt(), ChangeReason.EXPIRED);
        }

        private boolean activityDue(UserPresence row, Map<String, Instant> activity) {
            Instant latest = activity.values().stream().max(Instant::compareTo).orElse(null);
            return latest != null && (row.lastSeenAt() == null
                    || !latest.isBefore(row.lastSeenAt().plus(PresenceRules.LAST_SEEN_WRITE_INTERVAL)));
        }
    }
}
