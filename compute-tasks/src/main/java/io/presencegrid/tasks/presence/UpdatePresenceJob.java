package io.presencegrid.tasks.presence;

import io.presencegrid.schema.ChangeReason;
import io.presencegrid.schema.PresenceStatus;
import org.apache.ignite.Ignite;
import org.apache.ignite.lang.IgniteCallable;
import org.apache.ignite.resources.IgniteInstanceResource;

/**
 * One device's update applied from the user's primary node (an affinity call): the writes
 * {@link PresenceWrites#update} makes start there, so the API node waits for one answer, and the row's
 * implicit transaction is coordinated by the primary itself. Sent from the API node instead, the
 * transaction's prepare and finish each cross the network to the primary and back, and a change
 * without a message waits for its session's answer before the row's write even starts.
 */
public final class UpdatePresenceJob implements IgniteCallable<PresenceSnapshot> {

    private static final long serialVersionUID = 1L;

    // Plain fields, not the PresenceUpdate record: Ignite's marshaller cannot set a record's fields.
    private final String userId;
    private final String device;
    private final String status;
    private final String message;
    private final String reason;
    private final long owner;

    @IgniteInstanceResource
    private transient Ignite ignite;

    /** @param owner as for {@link PresenceWrites#update} */
    public UpdatePresenceJob(PresenceUpdate update, long owner) {
        this.userId = update.userId();
        this.device = update.device();
        this.status = update.status().wireName();
        this.message = update.message();
        this.reason = update.reason().wireName();
        this.owner = owner;
    }

    @Override
    public PresenceSnapshot call() {
        PresenceUpdate update = new PresenceUpdate(userId, device, PresenceStatus.fromWireName(status), message,
                ChangeReason.fromWireName(reason));
        return new PresenceWrites(ignite).update(update, owner);
    }
}
