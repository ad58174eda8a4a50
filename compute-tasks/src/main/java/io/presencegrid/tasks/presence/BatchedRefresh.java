package io.presencegrid.tasks.presence;

import java.time.Instant;
import java.util.Objects;

/**
 * One session's refresh as a batch of them carries it ({@link PresenceWrites#refreshEach}).
 *
 * @param update   the device's update: a heartbeat, or a change whose row is written beside the batch
 * @param activity the time to record as the device's activity: {@code null} for the primary's clock when
 *                 it runs, or a change's own stamp, which the row's write records too
 */
public record BatchedRefresh(PresenceUpdate update, Instant activity) {

    public BatchedRefresh {
        Objects.requireNonNull(update, "update");
    }

    /** A heartbeat, stamped by the primary's clock. */
    public static BatchedRefresh heartbeat(PresenceUpdate update) {
        return new BatchedRefresh(update, null);
    }

    RefreshSession refresh(long owner) {
        return new RefreshSession(update.status(), owner, activity);
    }
}
