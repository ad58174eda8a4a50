package io.presencegrid.tasks.presence;

import java.time.Clock;
import org.apache.ignite.Ignite;
import org.apache.ignite.lang.IgniteCallable;
import org.apache.ignite.resources.IgniteInstanceResource;

/**
 * Runs on the primary node of the user, sent there by {@code compute().affinityCall(...)} with the
 * PRESENCE and DEVICE_SESSION caches named, so their partition stays put while it runs and every read
 * and lock is local: one network round trip from the API node, plus the commit to the two backups.
 */
public final class UpdatePresenceJob implements IgniteCallable<PresenceSnapshot> {

    private static final long serialVersionUID = 1L;

    private final PresenceUpdate update;

    @IgniteInstanceResource
    private transient Ignite ignite;

    public UpdatePresenceJob(PresenceUpdate update) {
        this.update = update;
    }

    @Override
    public PresenceSnapshot call() {
        return new UserPresenceStore(ignite, UserPresenceStore.MILLISECOND_CLOCK).update(update);
    }
}
