package io.presencegrid.api.grid;

import io.presencegrid.tasks.GridStats;
import io.presencegrid.tasks.GridStatsTask;
import org.apache.ignite.Ignite;
import org.apache.ignite.cluster.ClusterState;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * The grid as {@code /actuator/health} shows it: UP while the cluster is ACTIVE with at least one
 * server node and this node's change feed is listening (it is not, for a moment, after a reconnect);
 * details give the cluster state, the server count, the feed and the entries per cache.
 */
@Component("grid")
class GridHealthIndicator extends AbstractHealthIndicator {

    private final Ignite ignite;
    private final GridProperties properties;
    private final PresenceEventFeed events;

    GridHealthIndicator(Ignite ignite, GridProperties properties, PresenceEventFeed events) {
        super("Grid health check failed");
        this.ignite = ignite;
        this.properties = properties;
        this.events = events;
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        ClusterState state = ignite.cluster().state();
        int servers = ignite.cluster().forServers().nodes().size();
        health.withDetail("state", state.name()).withDetail("servers", servers);
        health.withDetail("events", events.listening() ? "listening" : "restarting");
        if (state != ClusterState.ACTIVE || servers == 0 || !events.listening()) {
            health.down();
            return;
        }
        health.up().withDetail("entries", entriesPerCache());
    }

    /** Runs GridStatsTask on the server nodes: each counts its own primary entries. */
    private Object entriesPerCache() {
        try {
            GridStats stats = ignite.compute().withTimeout(properties.statsTimeoutMillis())
                    .execute(GridStatsTask.class, null);
            return stats.getTotalEntries();
        } catch (RuntimeException e) {
            // The grid answered its state; a slow stats task should not turn the node DOWN.
            return "unavailable: " + e.getMessage();
        }
    }
}
