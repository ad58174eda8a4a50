package io.presencegrid.api.grid;

import io.presencegrid.api.ratelimit.ApiNodeCount;
import org.apache.ignite.Ignite;
import org.springframework.stereotype.Component;

/**
 * Counts the API nodes in the grid's topology: client nodes that carry {@link GridClientConfiguration}'s
 * role attribute (the bench's and the drills' client nodes do not). Recounted at most once a second:
 * the topology changes rarely, and a request should not walk it.
 */
@Component
class GridApiNodes implements ApiNodeCount {

    private static final long RECOUNT_NANOS = 1_000_000_000L;

    private final Ignite ignite;
    private volatile int count = 1;
    private volatile long countedAt = Long.MIN_VALUE;

    GridApiNodes(Ignite ignite) {
        this.ignite = ignite;
    }

    @Override
    public int current() {
        long now = System.nanoTime();
        if (countedAt == Long.MIN_VALUE || now - countedAt > RECOUNT_NANOS) {
            try {
                count = Math.max(1, ignite.cluster().forAttribute(GridClientConfiguration.ROLE_ATTRIBUTE,
                        GridClientConfiguration.API_ROLE).nodes().size());
            } catch (RuntimeException disconnected) {
                // Keep the last count: while the grid is away, the shares stay as they were.
            }
            countedAt = now;
        }
        return count;
    }
}
