package io.presencegrid.tasks.stats;

import io.presencegrid.schema.CacheNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.CachePeekMode;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.compute.ComputeJob;
import org.apache.ignite.compute.ComputeJobAdapter;
import org.apache.ignite.compute.ComputeJobResult;
import org.apache.ignite.compute.ComputeTaskAdapter;
import org.apache.ignite.resources.IgniteInstanceResource;

/**
 * Counts the primary entries of every presence cache on every server node. One job is mapped to each
 * server node and counts what that node holds as primary, so the data never moves; the reduce step
 * adds the counts up. Primary-only counting makes the totals exact (each entry is counted once, not
 * once per copy).
 *
 * <p>Run by the API's health indicator ({@code ignite.compute().execute(GridStatsTask.class, null)})
 * and by operators over Ignite REST: {@code /ignite?cmd=exe&name=io.presencegrid.tasks.stats.GridStatsTask}.
 */
public class GridStatsTask extends ComputeTaskAdapter<Object, GridStats> {

    @Override
    public Map<? extends ComputeJob, ClusterNode> map(List<ClusterNode> subgrid, Object ignored) {
        Map<ComputeJob, ClusterNode> jobs = new LinkedHashMap<>();
        for (ClusterNode node : subgrid) {
            if (!node.isClient()) {
                jobs.put(new LocalPrimaryCountJob(), node);
            }
        }
        return jobs;
    }

    @Override
    public GridStats reduce(List<ComputeJobResult> results) {
        List<NodeCacheCounts> nodes = new ArrayList<>();
        for (ComputeJobResult result : results) {
            nodes.add(result.getData());
        }
        return new GridStats(nodes);
    }

    /** Runs on one server node and reads only that node's primary partitions. */
    private static final class LocalPrimaryCountJob extends ComputeJobAdapter {

        @IgniteInstanceResource
        private transient Ignite ignite;

        @Override
        public NodeCacheCounts execute() {
            Map<String, Long> primaryEntries = new LinkedHashMap<>();
            // An inactive cluster refuses cache access; report the node with no counts instead of failing.
            if (ignite.cluster().state().active()) {
                for (String cacheName : CacheNames.ALL) {
                    IgniteCache<Object, Object> cache = ignite.cache(cacheName);
                    primaryEntries.put(cacheName, cache == null ? 0L : cache.localSizeLong(CachePeekMode.PRIMARY));
                }
            }
            return new NodeCacheCounts(String.valueOf(ignite.cluster().localNode().consistentId()), primaryEntries);
        }
    }
}
