package io.presencegrid.api.grid;

import java.util.Map;
import org.apache.ignite.Ignite;
import org.apache.ignite.cluster.ClusterState;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * The grid as {@code /actuator/health} (and its readiness group) shows it: UP while the cluster is ACTIVE
 * with at least one server node and this node's change feed is listening (it is not, for a moment,
 * after a reconnect). It asks the grid nothing: state and servers are what the client node already
 * knows, and the entries per cache come from {@link GridMeters}' last sample (taken every
 * {@code presence.grid.metrics-refresh-millis} on a thread of its own), so a probe every second costs
 * no task on the servers.
 */
@Component("grid")
class GridHealthIndicator extends AbstractHealthIndicator {

    private final Ignite ignite;
    private final GridMeters meters;
    private final PresenceEventFeed events;

    GridHealthIndicator(Ignite ignite, GridMeters meters, PresenceEventFeed events) {
        super("Grid health check failed");
        this.ignite = ignite;
        this.meters = meters;
        this.events = events;
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        if (GridMeters.reconnecting(ignite)) {
            health.down().withDetail("state", GridSample.UNREACHABLE).withDetail("servers", 0);
            return;
        }
        ClusterState state = ignite.cluster().state();
        int servers = ignite.cluster().forServers().nodes().size();
        health.withDetail("state", state.name()).withDetail("servers", servers);
        health.withDetail("events", events.listening() ? "listening" : "restarting");
        if (state != ClusterState.ACTIVE || servers == 0 || !events.listening()) {
            health.down();
            return;
        }
        Map<String, Long> entries = meters.sample().entries();
        health.up().withDetail("entries", entries.isEmpty() ? "not counted yet" : entries);
    }
}
