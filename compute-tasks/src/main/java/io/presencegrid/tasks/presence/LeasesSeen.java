package io.presencegrid.tasks.presence;

import io.presencegrid.schema.DeviceSession;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;
import org.apache.ignite.Ignite;

/**
 * The API nodes' leases as one pass over many sessions sees them (a sweep, a batch read): each node's
 * lease is looked up once. A grid of more than three servers holds
 * a given lease on three of them, so elsewhere every look-up is a network call, and a sweep made one or
 * two per held session. There are only as many leases as API nodes; a pass lasts seconds, and a lease
 * written or lapsed meanwhile is read afresh by the next pass. Not shared between threads.
 */
final class LeasesSeen {

    private final LongFunction<Instant> lookUp;
    private final Map<Long, Optional<Instant>> seen = new HashMap<>();

    LeasesSeen(Ignite ignite) {
        this(owner -> HeldSessions.leaseOf(ignite, owner));
    }

    /** @param lookUp when an API node last wrote its lease, {@code null} when it has none */
    LeasesSeen(LongFunction<Instant> lookUp) {
        this.lookUp = lookUp;
    }

    /** When the API node of order {@code owner} last wrote its lease, as this pass first found it; {@code null}: none. */
    Instant leaseOf(long owner) {
        return seen.computeIfAbsent(owner, node -> Optional.ofNullable(lookUp.apply(node))).orElse(null);
    }

    /**
     * The device's last activity as far as anyone can tell: a held session's is its node's last word that
     * the socket is open, when that is later than the session's own last write.
     */
    Instant activityOf(DeviceSession session) {
        if (!session.heldBySocket()) {
            return session.lastActiveAt();
        }
        Instant lease = leaseOf(session.owner());
        return lease != null && lease.isAfter(session.lastActiveAt()) ? lease : session.lastActiveAt();
    }
}
