package io.presencegrid.tasks.presence;

import io.presencegrid.schema.CacheNames;
import io.presencegrid.schema.DeviceSession;
import io.presencegrid.schema.DeviceSessionKey;
import java.time.Instant;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.CachePeekMode;

/**
 * Sessions a device socket holds live as long as their API node does. The node already knows each of its
 * sockets is open, and the servers already end every session a node held when it leaves the grid; what a
 * per-session TTL still guarded against is a node that stays in the grid but stops refreshing (a long
 * pause, a grid client stuck). One lease per API node ({@link CacheNames#API_NODE_LEASE}, living the session
 * TTL less the time its sessions take to end, rewritten every third of that) guards against the same with
 * one write where there were thousands: when it expires, every session the node holds ends with reason
 * expired. A held session still carries a TTL of
 * its own, {@link #TTL_FACTOR} session TTLs, refreshed by its node a third as often: a backstop should
 * both the lease's expiry notice and the sweeper miss it.
 *
 * <p>Measured before this was built (docs/capacity.md, "Watched channels"): the members' own refreshes
 * were most of a 10,000-member channel's event tail, about 1,500 writes a second on three copies at the
 * bench's TTL.
 */
public final class HeldSessions {

    /** A held session's own TTL, in session TTLs. */
    public static final int TTL_FACTOR = 10;

    private HeldSessions() {
    }

    /** DEVICE_SESSION as a held session is written: living {@link #TTL_FACTOR} session TTLs without a write of its own. */
    static IgniteCache<DeviceSessionKey, DeviceSession> cache(Ignite ignite) {
        return ExpiringWrites.after(ignite.cache(CacheNames.DEVICE_SESSION), SessionTtl.of(ignite).multipliedBy(TTL_FACTOR));
    }

    /**
     * When the API node of order {@code owner} last wrote its lease, {@code null} when it has none. A copy
     * on this node answers without a network call (every node of a three-node grid holds one).
     */
    static Instant leaseOf(Ignite ignite, long owner) {
        IgniteCache<Long, Long> leases = ignite.cache(CacheNames.API_NODE_LEASE);
        Long millis = leases.localPeek(owner, CachePeekMode.PRIMARY, CachePeekMode.BACKUP);
        if (millis == null && !ignite.affinity(CacheNames.API_NODE_LEASE).isPrimaryOrBackup(ignite.cluster().localNode(), owner)) {
            millis = leases.get(owner);
        }
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }
}
