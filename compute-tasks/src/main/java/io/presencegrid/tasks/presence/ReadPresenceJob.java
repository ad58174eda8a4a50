package io.presencegrid.tasks.presence;

import org.apache.ignite.Ignite;
import org.apache.ignite.lang.IgniteCallable;
import org.apache.ignite.resources.IgniteInstanceResource;

/** Runs on the user's primary node (affinity call) and reads PRESENCE and the live sessions locally. */
public final class ReadPresenceJob implements IgniteCallable<PresenceSnapshot> {

    private static final long serialVersionUID = 1L;

    private final String userId;

    @IgniteInstanceResource
    private transient Ignite ignite;

    public ReadPresenceJob(String userId) {
        this.userId = userId;
    }

    @Override
    public PresenceSnapshot call() {
        return new UserPresenceStore(ignite).read(userId);
    }
}
