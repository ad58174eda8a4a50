package io.presencegrid.tasks.retention;

import io.presencegrid.schema.CacheNames;
import io.presencegrid.tasks.presence.DeletePresenceJob;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.cache.Cache;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCompute;
import org.apache.ignite.IgniteException;
import org.apache.ignite.binary.BinaryObject;
import org.apache.ignite.cache.CachePeekMode;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.compute.ComputeJob;
import org.apache.ignite.compute.ComputeJobAdapter;
import org.apache.ignite.compute.ComputeJobResult;
import org.apache.ignite.compute.ComputeTaskAdapter;
import org.apache.ignite.resources.IgniteInstanceResource;

/**
 * Removes every user inactive since a cutoff (argument: epoch millis), with their sessions and
 * subscriptions; answers how many went. One job per server node scans the PRESENCE rows that node holds
 * as primary, so each user is looked at once and the scan never leaves the node; each candidate is
 * then deleted by {@link DeletePresenceJob} through the user's affinity, which re-checks inactivity under
 * the user's lock and sends subscribers the same {@code deleted} event as {@code DELETE /v1/status}.
 */
public class RetentionPurgeTask extends ComputeTaskAdapter<Long, Long> {

    private static final long serialVersionUID = 1L;

    @Override
    public Map<? extends ComputeJob, ClusterNode> map(List<ClusterNode> subgrid, Long cutoffMillis) {
        Map<ComputeJob, ClusterNode> jobs = new LinkedHashMap<>();
        for (ClusterNode node : subgrid) {
            if (!node.isClient()) {
                jobs.put(new LocalPurgeJob(cutoffMillis), node);
            }
        }
        return jobs;
    }

    @Override
    public Long reduce(List<ComputeJobResult> results) {
        long purged = 0;
        for (ComputeJobResult result : results) {
            purged += result.<Long>getData();
        }
        return purged;
    }

    /** Runs on one server node: finds the inactive users among its primaries and deletes them. */
    private static final class LocalPurgeJob extends ComputeJobAdapter {

        private static final long serialVersionUID = 1L;

        private final long cutoffMillis;

        @IgniteInstanceResource
        private transient Ignite ignite;

        LocalPurgeJob(long cutoffMillis) {
            this.cutoffMillis = cutoffMillis;
        }

        @Override
        public Long execute() {
            Instant cutoff = Instant.ofEpochMilli(cutoffMillis);
            // Nested synchronous compute from a job can starve the public pool when many jobs wait at
            // once; here one job per node waits on one delete at a time, two of the pool's 8+ threads.
            IgniteCompute compute = ignite.compute(ignite.cluster().forServers());
            long purged = 0;
            List<String> failed = new ArrayList<>();
            for (String userId : inactiveLocalUsers(cutoff)) {
                try {
                    purged += delete(compute, userId, cutoff) ? 1 : 0;
                } catch (IgniteException e) {
                    // One user's failure (a lock timeout, a partition moving) must not stop the purge.
                    failed.add(userId);
                }
            }
            for (String userId : failed) {
                try {
                    purged += delete(compute, userId, cutoff) ? 1 : 0;
                } catch (IgniteException e) {
                    ignite.log().warning("Retention purge could not delete user " + userId + ", next purge retries: "
                            + e.getMessage());
                }
            }
            return purged;
        }

        /** Runs on the user's primary with all their caches' partitions pinned, exactly like a DELETE. */
        private static boolean delete(IgniteCompute compute, String userId, Instant cutoff) {
            return compute.affinityCall(DeletePresenceJob.CACHES, userId, DeletePresenceJob.ifInactiveSince(userId, cutoff));
        }

        /** Candidates only: a live session is ruled out by the delete itself, under the user's lock. */
        private List<String> inactiveLocalUsers(Instant cutoff) {
            Timestamp before = Timestamp.from(cutoff);
            List<String> users = new ArrayList<>();
            // Binary rows: the two timestamps are read without deserializing the whole row.
            for (Cache.Entry<String, BinaryObject> row : ignite.cache(CacheNames.PRESENCE).<String, BinaryObject>withKeepBinary()
                    .localEntries(CachePeekMode.PRIMARY)) {
                Timestamp lastSeen = row.getValue().field("lastSeenAt");
                Timestamp lastActive = lastSeen != null ? lastSeen : row.getValue().field("updatedAt");
                if (lastActive.before(before)) {
                    users.add(row.getKey());
                }
            }
            return users;
        }
    }
}
