package io.presencegrid.tasks.presence;

import java.util.List;
import org.apache.ignite.services.ServiceConfiguration;

/** The grid services every server node runs; referenced from the server XML and test grids. */
public final class PresenceServices {

    private PresenceServices() {
    }

    public static List<ServiceConfiguration> all(int sweepSeconds) {
        if (sweepSeconds < 1) {
            throw new IllegalArgumentException("PRESENCE_SWEEP_SECONDS must be at least 1, was " + sweepSeconds);
        }
        // Node singleton with no node filter: one instance on every server node, none on API nodes.
        return List.of(new ServiceConfiguration()
                .setName("presence-expiry")
                .setService(new PresenceExpiryService(sweepSeconds))
                .setMaxPerNodeCount(1)
                .setTotalCount(0));
    }
}
