package io.presencegrid.tasks.presence;

import io.presencegrid.schema.CacheNames;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.ignite.Ignite;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.compute.ComputeJob;
import org.apache.ignite.compute.ComputeJobAdapter;
import org.apache.ignite.compute.ComputeJobResult;
import org.apache.ignite.compute.ComputeTaskAdapter;
import org.apache.ignite.resources.IgniteInstanceResource;

/**
 * Reads many users at once: the ids are grouped by primary node and each node gets one job that reads
 * its users locally, so a batch of 500 costs one round trip to each server in parallel.
 */
public final class ReadPresenceTask extends ComputeTaskAdapter<Collection<String>, Map<String, PresenceSnapshot>> {

    private static final long serialVersionUID = 1L;

    @IgniteInstanceResource
    private transient Ignite ignite;

    @Override
    public Map<? extends ComputeJob, ClusterNode> map(List<ClusterNode> subgrid, Collection<String> userIds) {
        Map<ComputeJob, ClusterNode> jobs = new LinkedHashMap<>();
        ignite.<String>affinity(CacheNames.PRESENCE).mapKeysToNodes(userIds)
                .forEach((node, ids) -> jobs.put(new LocalReadJob(new ArrayList<>(ids)), node));
        return jobs;
    }

    @Override
    public Map<String, PresenceSnapshot> reduce(List<ComputeJobResult> results) {
        Map<String, PresenceSnapshot> snapshots = new LinkedHashMap<>();
        for (ComputeJobResult result : results) {
            List<PresenceSnapshot> part = result.getData();
            part.forEach(snapshot -> snapshots.put(snapshot.userId(), snapshot));
        }
        return snapshots;
    }

    /** Runs on one server node and reads the users whose primary it is. */
    private static final class LocalReadJob extends ComputeJobAdapter {

        private static final long serialVersionUID = 1L;

        private final ArrayList<String> userIds;

        @IgniteInstanceResource
        private transient Ignite ignite;

        LocalReadJob(ArrayList<String> userIds) {
            this.userIds = userIds;
        }

        @Override
        public ArrayList<PresenceSnapshot> execute() {
            UserPresenceStore store = new UserPresenceStore(ignite);
            ArrayList<PresenceSnapshot> snapshots = new ArrayList<>(userIds.size());
            LeasesSeen leases = new LeasesSeen(ignite);
            userIds.forEach(userId -> snapshots.add(store.read(userId, leases)));
            return snapshots;
        }
    }
}
