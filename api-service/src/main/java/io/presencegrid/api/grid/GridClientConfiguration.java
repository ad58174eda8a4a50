package io.presencegrid.api.grid;

import java.nio.file.Path;
import io.presencegrid.security.GridUsers;
import io.presencegrid.security.OnByDefault;
import io.presencegrid.security.PresenceSecurityPlugin;
import io.presencegrid.topology.ExchangeGuard;
import io.presencegrid.topology.NodePlacement;
import java.util.List;
import java.util.Map;
import org.apache.ignite.Ignite;
import org.apache.ignite.Ignition;
import org.apache.ignite.configuration.ClientConnectorConfiguration;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.apache.ignite.events.EventType;
import org.apache.ignite.logger.slf4j.Slf4jLogger;
import org.apache.ignite.spi.communication.tcp.TcpCommunicationSpi;
import org.apache.ignite.spi.discovery.tcp.TcpDiscoverySpi;
import org.apache.ignite.spi.discovery.tcp.ipfinder.vm.TcpDiscoveryVmIpFinder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts this API node's Ignite client node. A thick client rather than a thin one: continuous queries
 * with remote filters, failover and compute need it. It holds no data; it routes each operation to the
 * server node that owns the key.
 */
@Configuration(proxyBeanMethods = false)
class GridClientConfiguration {

    /** Marks API nodes in the topology, to tell them from other client nodes (bench, drills). */
    static final String ROLE_ATTRIBUTE = "presence.role";
    static final String API_ROLE = "api";

    @Bean(destroyMethod = "close")
    Ignite ignite(GridProperties properties) {
        return Ignition.start(clientNode(properties));
    }

    static IgniteConfiguration clientNode(GridProperties properties) {
        NodePlacement placement = properties.placement();
        IgniteConfiguration configuration = new IgniteConfiguration()
                .setIgniteInstanceName(properties.instanceName())
                .setClientMode(true)
                .setUserAttributes(Map.of(ROLE_ATTRIBUTE, API_ROLE))
                .setLocalHost(placement.bindHost())
                .setWorkDirectory(Path.of(properties.workDirectory()).toAbsolutePath().toString())
                .setPeerClassLoadingEnabled(false)
                // Ignite rolls back a transaction that holds up an exchange on the node that began it: here.
                .setTransactionConfiguration(ExchangeGuard.transactions())
                .setGridLogger(new Slf4jLogger())
                .setFailureHandler(new HaltUnlessStopping())
                .setMetricsLogFrequency(0)
                // The thin-client listener moves off the grid's 10800..10809 (to 10820 unless
                // PRESENCE_CLIENT_PORT says otherwise): by default Ignite takes the
                // first free port from 10800, a grid node's (node 3's 10803, or node 0's own while
                // node 0 is down). It cannot go altogether: Ignite 2.17's control utility reads every
                // same-host node's "clientListenerPort" attribute and fails (NPE) on a node without one.
                .setClientConnectorConfiguration(new ClientConnectorConfiguration()
                        .setHost(placement.bindHost())
                        .setPort(placement.clientPort())
                        .setPortRange(20))
                // PresenceEventFeed reacts to losing and regaining the grid.
                .setIncludeEventTypes(EventType.EVT_CLIENT_NODE_DISCONNECTED, EventType.EVT_CLIENT_NODE_RECONNECTED)
                .setDiscoverySpi(new TcpDiscoverySpi()
                        .setIpFinder(new TcpDiscoveryVmIpFinder()
                                .setAddresses(List.of(properties.discoveryAddresses().split(",")))))
                // A range, so a second API node on the same host takes the next free port.
                .setCommunicationSpi(new TcpCommunicationSpi()
                        .setLocalPort(placement.communicationPort())
                        .setLocalPortRange(20))
                // No environment variable or system property becomes a node attribute (Ignite copies them
                // all by default): attributes reach every node and Ignite REST, and ours may hold secrets.
                .setIncludeProperties();
        placement.addressResolver().ifPresent(configuration::setAddressResolver);
        properties.tls().settings().ifPresent(tls -> tls.secureClientNode(configuration));
        if (OnByDefault.isOn(GridUsers.MODE, properties.auth())) {
            // No accounts: the thin-client port this node must keep lets no one in.
            configuration.setPluginProviders(new PresenceSecurityPlugin(GridUsers.none()));
        }
        return configuration;
    }
}
