package io.presencegrid.api.grid;

import io.presencegrid.api.admin.AdminStore;
import io.presencegrid.api.admin.GridView;
import io.presencegrid.api.admin.PurgeView;
import io.presencegrid.api.admin.StatsView;
import io.presencegrid.api.web.GridUnavailableException;
import io.presencegrid.tasks.stats.PresenceStats;
import io.presencegrid.tasks.stats.PresenceStatsTask;
import io.presencegrid.tasks.retention.PurgeResult;
import io.presencegrid.tasks.retention.RetentionPurge;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import javax.cache.CacheException;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteException;
import org.apache.ignite.cluster.ClusterNode;
import org.springframework.stereotype.Component;

/**
 * Statistics and purges on the grid. Statistics are one {@link PresenceStatsTask}: a job on every server
 * node counting its primary partitions. Purges go through a proxy to the cluster-singleton retention
 * service, wherever it runs now, so an on-demand purge never overlaps the scheduled one. Grid failures
 * surface as {@link GridUnavailableException} (503).
 */
@Component
class GridAdminStore implements AdminStore {

    /** A purge of millions of users takes a while; longer than this is a stuck grid. */
    private static final long PURGE_TIMEOUT_MILLIS = 10 * 60 * 1000;

    private final Ignite ignite;
    private final GridProperties properties;

    GridAdminStore(Ignite ignite, GridProperties properties) {
        this.ignite = ignite;
        this.properties = properties;
    }

    @Override
    public StatsView stats() {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        PresenceStats stats = onGrid(() -> ignite.compute().withTimeout(properties.statsTimeoutMillis())
                .execute(PresenceStatsTask.class, null));
        return new StatsView(at, stats.getUsers(), stats.getSessions(), stats.getByStatus(), stats.getByDevice(),
                stats.getOtherDevices(), topology());
    }

    @Override
    public PurgeView purge(Integer retentionDays) {
        PurgeResult result = onGrid(() -> {
            // Runs on the server node hosting the singleton; that node fans the purge out to every server.
            RetentionPurge purge = ignite.services().serviceProxy(RetentionPurge.SERVICE_NAME, RetentionPurge.class,
                    false, PURGE_TIMEOUT_MILLIS);
            return retentionDays == null ? purge.purgeNow() : purge.purgeOlderThan(retentionDays);
        });
        return new PurgeView(result.cutoff(), result.purged());
    }

    /** This API node's view: the state it last heard of and every node in join order. */
    private GridView topology() {
        List<ClusterNode> nodes = new ArrayList<>(ignite.cluster().nodes());
        nodes.sort(Comparator.comparingLong(ClusterNode::order));
        List<GridView.Node> views = new ArrayList<>(nodes.size());
        int servers = 0;
        for (ClusterNode node : nodes) {
            servers += node.isClient() ? 0 : 1;
            views.add(new GridView.Node(node.id().toString(), String.valueOf(node.consistentId()), node.order(),
                    node.addresses().stream().sorted().toList(), node.isClient()));
        }
        return new GridView(ignite.cluster().state().name(), servers, nodes.size() - servers, views);
    }

    private static <T> T onGrid(Supplier<T> call) {
        try {
            return call.get();
        } catch (IgniteException | CacheException | IllegalStateException e) {
            throw new GridUnavailableException(e.getMessage(), e);
        }
    }
}
