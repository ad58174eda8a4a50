package io.presencegrid.tasks.presence;

import java.time.Instant;
import org.apache.ignite.Ignite;
import org.apache.ignite.lang.IgniteRunnable;
import org.apache.ignite.resources.IgniteInstanceResource;

/**
 * Sent by the server that saw an API node's lease expire (its primary) to every server: each ends the
 * sessions that node holds on its own primary partitions. A lease lives on three nodes, the sessions on
 * all of them.
 */
final class LeaseLapse implements IgniteRunnable {

    private static final long serialVersionUID = 1L;

    private final long apiNodeOrder;
    private final long lastWrittenMillis;

    @IgniteInstanceResource
    private transient Ignite ignite;

    LeaseLapse(long apiNodeOrder, Instant lastWritten) {
        this.apiNodeOrder = apiNodeOrder;
        this.lastWrittenMillis = lastWritten.toEpochMilli();
    }

    @Override
    public void run() {
        new DepartedApiNodeCleanup(ignite, new UserPresenceStore(ignite)).leaseLapsed(apiNodeOrder, Instant.ofEpochMilli(lastWrittenMillis));
    }
}
