package io.presencegrid.api.grid;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.presencegrid.api.threads.DaemonThreads;
import io.presencegrid.schema.CacheNames;
import io.presencegrid.tasks.stats.GridStats;
import io.presencegrid.tasks.stats.GridStatsTask;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.ignite.Ignite;
import org.apache.ignite.cluster.ClusterState;
import org.apache.ignite.lang.IgniteFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The grid as this API node's client sees it, as gauges: server and client count, cluster state,
 * primary entries per presence cache. Computed on a thread of its own every
 * {@code presence.grid.metrics-refresh-millis}; a scrape only reads the last {@link GridSample}, so a
 * grid that is slow, inactive or gone never blocks or fails /actuator/prometheus.
 */
@Component
class GridMeters implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(GridMeters.class);
    /** Cluster states as the {@code state} label shows them; UNREACHABLE when the client is cut off. */
    static final List<String> STATES = List.of(ClusterState.ACTIVE.name(), ClusterState.ACTIVE_READ_ONLY.name(),
            ClusterState.INACTIVE.name(), GridSample.UNREACHABLE);

    private final Ignite ignite;
    private final GridProperties properties;
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("grid-meters"));
    private volatile GridSample sample = GridSample.unreachable();
    private volatile boolean running;

    GridMeters(Ignite ignite, GridProperties properties, MeterRegistry meters) {
        this.ignite = ignite;
        this.properties = properties;
        Gauge.builder("presence.grid.servers", this, self -> self.sample.servers())
                .description("Server nodes in the topology this API node's client sees").register(meters);
        Gauge.builder("presence.grid.clients", this, self -> self.sample.clients())
                .description("Client nodes (API nodes) in that topology, this one included").register(meters);
        Gauge.builder("presence.grid.active", this, self -> self.sample.state().equals("ACTIVE") ? 1 : 0)
                .description("1 while the cluster is ACTIVE (reads and writes work), else 0").register(meters);
        for (String state : STATES) {
            Gauge.builder("presence.grid.state", this, self -> self.sample.state().equals(state) ? 1 : 0)
                    .description("1 for the cluster state the client sees now, 0 for the others")
                    .tag("state", state).register(meters);
        }
        for (String cache : CacheNames.ALL) {
            Gauge.builder("presence.grid.cache.entries", this, self -> self.sample.entries(cache))
                    .description("Entries in the cache across the grid (primary copies), NaN when unknown")
                    .tag("cache", cache).register(meters);
        }
    }

    @Override
    public void start() {
        running = true;
        refresher.scheduleWithFixedDelay(this::refresh, 0, properties.metricsRefreshMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        running = false;
        refresher.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** What the last refresh read: the entries per cache of it are at most one refresh period old. */
    GridSample sample() {
        return sample;
    }

    private void refresh() {
        try {
            sample = read();
        } catch (RuntimeException e) {
            // Disconnected clients throw from topology calls: that is a state to report, not an error.
            LOG.debug("Grid gauges: grid unreachable: {}", e.getMessage());
            sample = GridSample.unreachable();
        }
    }

    /**
     * True while the client node is cut off from the grid and trying to rejoin. Ignite sets the future on
     * the first disconnect and never clears it, so after a rejoin it is there, and done.
     */
    static boolean reconnecting(Ignite ignite) {
        IgniteFuture<?> rejoined = ignite.cluster().clientReconnectFuture();
        return rejoined != null && !rejoined.isDone();
    }

    private GridSample read() {
        if (reconnecting(ignite)) {
            return GridSample.unreachable();
        }
        int servers = ignite.cluster().forServers().nodes().size();
        int clients = ignite.cluster().forClients().nodes().size();
        ClusterState state = ignite.cluster().state();
        Map<String, Long> entries = state.active() && servers > 0 ? entries() : Map.of();
        return new GridSample(servers, clients, state.name(), entries);
    }

    /** Runs GridStatsTask on the server nodes: each counts only its own primary entries. */
    private Map<String, Long> entries() {
        try {
            GridStats stats = ignite.compute(ignite.cluster().forServers())
                    .withTimeout(properties.statsTimeoutMillis()).execute(GridStatsTask.class, null);
            return stats.getTotalEntries();
        } catch (RuntimeException e) {
            LOG.debug("Grid gauges: entry counts unavailable: {}", e.getMessage());
            return Map.of();
        }
    }
}
