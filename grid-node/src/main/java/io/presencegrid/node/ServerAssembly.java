package io.presencegrid.node;

import io.presencegrid.tasks.services.PresenceServices;
import io.presencegrid.topology.ServerNodeSettings;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.apache.ignite.services.ServiceConfiguration;

/**
 * The one configuration of a presence-grid server node: grid-config's XML (network, storage, caches)
 * with the services compute-tasks runs on every server. Production (GridNodeLauncher) and every test
 * grid load it through here, so a test grid is the production server with its own ports, paths and
 * region sizes; {@code ServerConfigurationParityTest} fails when they differ in anything else.
 *
 * <p>The services are added here rather than named in the XML: the schema module describes the data
 * and the network, and knows nothing of the code that runs on it.
 */
public final class ServerAssembly {

    private ServerAssembly() {
    }

    public static IgniteConfiguration configuration(ServerNodeSettings settings) {
        IgniteConfiguration configuration = ServerNodeXml.load(settings);
        // One PresenceExpiryService per server node (expiry listener and the presence sweeper), one
        // RetentionPurgeService in the whole cluster (a singleton Ignite moves when its node leaves).
        configuration.setServiceConfiguration(PresenceServices.all(settings.sweepSeconds(), settings.retentionDays(),
                settings.purgePeriodSeconds()).toArray(new ServiceConfiguration[0]));
        return configuration;
    }
}
