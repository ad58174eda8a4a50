package io.presencegrid.tasks.services;

import io.presencegrid.tasks.presence.PresenceExpiryService;
import io.presencegrid.tasks.retention.RetentionPurge;
import io.presencegrid.tasks.retention.RetentionPurgeService;
import io.presencegrid.topology.ServerNodeSettings;
import java.util.List;
import org.apache.ignite.services.ServiceConfiguration;

/**
 * The grid services the server nodes run; referenced from the server XML and test grids. A package of
 * its own, above the services it assembles: in {@code presence} it tied that package to retention, which
 * depends on presence.
 */
public final class PresenceServices {

    private PresenceServices() {
    }

    /** The services with the default retention (90 days, purged daily). */
    public static List<ServiceConfiguration> all(int sweepSeconds) {
        return all(sweepSeconds, ServerNodeSettings.DEFAULT_RETENTION_DAYS, ServerNodeSettings.DEFAULT_PURGE_PERIOD_SECONDS);
    }

    public static List<ServiceConfiguration> all(int sweepSeconds, int retentionDays, long purgePeriodSeconds) {
        if (sweepSeconds < 1) {
            throw new IllegalArgumentException("PRESENCE_SWEEP_SECONDS must be at least 1, was " + sweepSeconds);
        }
        return List.of(
                // Node singleton with no node filter: one instance on every server node, none on API nodes.
                new ServiceConfiguration()
                        .setName("presence-expiry")
                        .setService(new PresenceExpiryService(sweepSeconds))
                        .setMaxPerNodeCount(1)
                        .setTotalCount(0),
                // Cluster singleton: one instance in the whole grid, moved to another server when its node
                // leaves. Client (API) nodes are excluded from service deployment unless a node filter asks
                // for them (Ignite IEP-17, "Overview": cwiki.apache.org/confluence/pages/viewpage.action?pageId=95654584).
                new ServiceConfiguration()
                        .setName(RetentionPurge.SERVICE_NAME)
                        .setService(new RetentionPurgeService(retentionDays, purgePeriodSeconds))
                        .setMaxPerNodeCount(1)
                        .setTotalCount(1));
    }
}
