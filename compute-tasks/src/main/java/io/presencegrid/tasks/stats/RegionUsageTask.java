package io.presencegrid.tasks.stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.presencegrid.schema.PresenceCaches;
import org.apache.ignite.DataRegionMetrics;
import org.apache.ignite.Ignite;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.compute.ComputeJob;
import org.apache.ignite.compute.ComputeJobAdapter;
import org.apache.ignite.compute.ComputeJobResult;
import org.apache.ignite.compute.ComputeTaskAdapter;
import org.apache.ignite.internal.IgniteEx;
import org.apache.ignite.resources.IgniteInstanceResource;
import org.apache.ignite.spi.metric.LongMetric;

/**
 * Reads the off-heap usage of the presence data region, and the bytes written to the WAL, on every
 * server node: one job per server node reads that node's own metrics, which no other node can see. The
 * presence caches set no region name, so they live in the default region; the job looks its name up in
 * the node's own configuration rather than trusting a name passed in.
 *
 * <p>Lives here, on every server's classpath, because peer class loading is off: a client (the bench's
 * GridMemoryPerUser) could not ship the job itself.
 */
public class RegionUsageTask extends ComputeTaskAdapter<Object, List<NodeRegionUsage>> {

    @Override
    public Map<? extends ComputeJob, ClusterNode> map(List<ClusterNode> subgrid, Object ignored) {
        Map<ComputeJob, ClusterNode> jobs = new LinkedHashMap<>();
        for (ClusterNode node : subgrid) {
            if (!node.isClient()) {
                jobs.put(new LocalRegionUsageJob(), node);
            }
        }
        return jobs;
    }

    @Override
    public List<NodeRegionUsage> reduce(List<ComputeJobResult> results) {
        List<NodeRegionUsage> nodes = new ArrayList<>();
        for (ComputeJobResult result : results) {
            nodes.add(result.getData());
        }
        nodes.sort((a, b) -> a.getConsistentId().compareTo(b.getConsistentId()));
        return nodes;
    }

    /** Runs on one server node and reads only that node's metrics. */
    private static final class LocalRegionUsageJob extends ComputeJobAdapter {

        @IgniteInstanceResource
        private transient Ignite ignite;

        @Override
        public NodeRegionUsage execute() {
            String region = ignite.configuration().getDataStorageConfiguration().getDefaultDataRegionConfiguration().getName();
            DataRegionMetrics metrics = ignite.dataRegionMetrics(region);
            return new NodeRegionUsage(String.valueOf(ignite.cluster().localNode().consistentId()), region,
                    metrics.getTotalUsedSize(), metrics.getTotalAllocatedSize(), metrics.getPhysicalMemorySize(),
                    walWrittenBytes(), liveUsedBytes());
        }

        /** The in-memory region holds no partition files: its used size is its pages in use. */
        private long liveUsedBytes() {
            DataRegionMetrics live = ignite.dataRegionMetrics(PresenceCaches.LIVE_REGION);
            return live == null ? 0 : live.getTotalUsedSize();
        }

        /**
         * Ignite 2.17 no longer offers data-storage metrics through the public API: they live in the
         * "io.datastorage" metric registry (JMX group io, name datastorage), read here from inside the node.
         * They count only with DataStorageConfiguration.metricsEnabled (storage.xml sets it): -1 without.
         */
        private long walWrittenBytes() {
            if (!ignite.configuration().getDataStorageConfiguration().isMetricsEnabled()) {
                return -1;
            }
            LongMetric written = ((IgniteEx) ignite).context().metric().registry("io.datastorage").findMetric("WalWrittenBytes");
            return written == null ? -1 : written.value();
        }
    }
}
