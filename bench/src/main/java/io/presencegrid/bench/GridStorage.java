package io.presencegrid.bench;

import io.presencegrid.tasks.stats.NodeRegionUsage;
import io.presencegrid.tasks.stats.RegionUsageTask;
import java.util.List;
import org.apache.ignite.Ignite;

/** What the grid's servers hold in their data region and have written to their WAL, read on each server. */
final class GridStorage {

    private GridStorage() {
    }

    /** One reading per server node, by consistent id: RegionUsageTask runs a job on each. */
    static List<NodeRegionUsage> perServer(Ignite ignite) {
        return ignite.compute(ignite.cluster().forServers()).execute(RegionUsageTask.class, null);
    }

    /** Bytes every server node has written to its WAL since it started, added up. */
    static long walWrittenBytes(Ignite ignite) {
        return perServer(ignite).stream().mapToLong(NodeRegionUsage::getWalWrittenBytes).sum();
    }
}
