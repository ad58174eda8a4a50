package io.presencegrid.tasks.stats;

import io.presencegrid.schema.CacheNames;
import io.presencegrid.schema.PresenceStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.cache.Cache;
import org.apache.ignite.Ignite;
import org.apache.ignite.binary.BinaryObject;
import org.apache.ignite.cache.CachePeekMode;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.compute.ComputeJob;
import org.apache.ignite.compute.ComputeJobAdapter;
import org.apache.ignite.compute.ComputeJobResult;
import org.apache.ignite.compute.ComputeTaskAdapter;
import org.apache.ignite.resources.IgniteInstanceResource;

/**
 * Presence counts of the whole grid, map-reduced where the data lives: one job per server node counts
 * users by status and live sessions by device over the partitions that node holds as PRIMARY (so each
 * row is counted once, not once per copy), and the reduce step sums the nodes' answers.
 *
 * <p>Run by the API for {@code GET /v1/admin/stats} and by operators over Ignite REST:
 * {@code /ignite?cmd=exe&name=io.presencegrid.tasks.stats.PresenceStatsTask}.
 */
public class PresenceStatsTask extends ComputeTaskAdapter<Object, PresenceStats> {

    private static final long serialVersionUID = 1L;

    /** Devices named in the grid's answer; the rest are summed as other devices. */
    public static final int DEVICE_LIMIT = 50;

    /**
     * Devices each node names in its answer. Larger than {@link #DEVICE_LIMIT} so the grid's top 50 is
     * exact unless a node has more than this many distinct device ids.
     */
    static final int NODE_DEVICE_LIMIT = 200;

    /**
     * Distinct device ids one job tracks while counting. A client inventing ids cannot grow the job's
     * map past this; sessions of ids met after it is full count as other devices.
     */
    static final int TRACKED_DEVICE_LIMIT = 10_000;

    private static final String OFFLINE_HOLD = PresenceStatus.OFFLINE.wireName();

    @Override
    public Map<? extends ComputeJob, ClusterNode> map(List<ClusterNode> subgrid, Object ignored) {
        Map<ComputeJob, ClusterNode> jobs = new LinkedHashMap<>();
        for (ClusterNode node : subgrid) {
            if (!node.isClient()) {
                jobs.put(new LocalPrimaryStatsJob(), node);
            }
        }
        return jobs;
    }

    @Override
    public PresenceStats reduce(List<ComputeJobResult> results) {
        List<PresenceStats> nodes = new ArrayList<>(results.size());
        for (ComputeJobResult result : results) {
            nodes.add(result.getData());
        }
        return PresenceStats.sum(nodes, DEVICE_LIMIT);
    }

    /** Runs on one server node and reads only that node's primary partitions. */
    private static final class LocalPrimaryStatsJob extends ComputeJobAdapter {

        private static final long serialVersionUID = 1L;

        @IgniteInstanceResource
        private transient Ignite ignite;

        @Override
        public PresenceStats execute() {
            // An inactive cluster refuses cache access; this node then has nothing to report.
            if (!ignite.cluster().state().active()) {
                return PresenceStats.empty();
            }
            long users = 0;
            Map<String, Long> byStatus = new HashMap<>();
            // Binary rows: only the one field we count is read, nothing is deserialized.
            for (Cache.Entry<String, BinaryObject> row : ignite.cache(CacheNames.PRESENCE).<String, BinaryObject>withKeepBinary()
                    .localEntries(CachePeekMode.PRIMARY)) {
                users++;
                byStatus.merge(row.getValue().<String>field("status"), 1L, Long::sum);
            }
            long sessions = 0;
            long untracked = 0;
            Map<String, Long> byDevice = new HashMap<>();
            for (Cache.Entry<BinaryObject, BinaryObject> session : ignite.cache(CacheNames.DEVICE_SESSION)
                    .<BinaryObject, BinaryObject>withKeepBinary().localEntries(CachePeekMode.PRIMARY)) {
                if (OFFLINE_HOLD.equals(session.getValue().field("status"))) {
                    // A device socket keeping its device offline: no live session (DeviceSession#live).
                    continue;
                }
                sessions++;
                String device = session.getKey().field("device");
                if (byDevice.containsKey(device) || byDevice.size() < TRACKED_DEVICE_LIMIT) {
                    byDevice.merge(device, 1L, Long::sum);
                } else {
                    untracked++;
                }
            }
            return new PresenceStats(users, sessions, byStatus, byDevice, untracked, NODE_DEVICE_LIMIT);
        }
    }
}
