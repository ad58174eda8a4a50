package io.presencegrid.tasks.presence;

import io.presencegrid.schema.CacheNames;
import io.presencegrid.schema.InterestKey;
import java.util.List;
import org.apache.ignite.Ignite;
import org.apache.ignite.lang.IgniteCallable;
import org.apache.ignite.resources.IgniteInstanceResource;

/**
 * Runs on the user's primary node (affinity call): writes an API node's interest record for the user, then
 * reads the user there. The record and the row live on the same node, so one call does what took two one
 * after the other; and the read still comes after the record, so a change the read misses reaches the node.
 * Writing the record twice ends in the same state, so a call a crashed server broke may be sent again.
 */
public final class FollowAndReadJob implements IgniteCallable<PresenceSnapshot> {

    private static final long serialVersionUID = 1L;

    /** The caches the job reads and writes, all colocated by user: pin them all in the affinity call. */
    public static final List<String> CACHES = List.of(CacheNames.PRESENCE, CacheNames.DEVICE_SESSION, CacheNames.SOCKET_INTEREST);

    private final String userId;
    private final String apiNodeId;
    private final long followedAtMillis;

    @IgniteInstanceResource
    private transient Ignite ignite;

    public FollowAndReadJob(String userId, String apiNodeId, long followedAtMillis) {
        this.userId = userId;
        this.apiNodeId = apiNodeId;
        this.followedAtMillis = followedAtMillis;
    }

    @Override
    public PresenceSnapshot call() {
        ignite.<InterestKey, Long>cache(CacheNames.SOCKET_INTEREST).put(new InterestKey(userId, apiNodeId), followedAtMillis);
        return new UserPresenceStore(ignite).read(userId);
    }
}
