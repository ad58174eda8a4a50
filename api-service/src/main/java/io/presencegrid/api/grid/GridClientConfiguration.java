package io.presencegrid.api.grid;

import java.nio.file.Path;
import java.util.List;
import org.apache.ignite.Ignite;
import org.apache.ignite.Ignition;
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

    @Bean(destroyMethod = "close")
    Ignite ignite(GridProperties properties) {
        return Ignition.start(clientNode(properties));
    }

    static IgniteConfiguration clientNode(GridProperties properties) {
        return new IgniteConfiguration()
                .setIgniteInstanceName(properties.instanceName())
                .setClientMode(true)
                .setLocalHost("127.0.0.1")
                .setWorkDirectory(Path.of(properties.workDirectory()).toAbsolutePath().toString())
                .setPeerClassLoadingEnabled(false)
                .setGridLogger(new Slf4jLogger())
                .setMetricsLogFrequency(0)
                // No thin-client/JDBC listener: nobody connects to an API node that way, and the
                // default one takes the first free port from 10800, a grid node's (node 3's 10803,
                // or node 0's own port while node 0 is down).
                .setClientConnectorConfiguration(null)
                // PresenceEventFeed reacts to losing and regaining the grid.
                .setIncludeEventTypes(EventType.EVT_CLIENT_NODE_DISCONNECTED, EventType.EVT_CLIENT_NODE_RECONNECTED)
                .setDiscoverySpi(new TcpDiscoverySpi()
                        .setIpFinder(new TcpDiscoveryVmIpFinder()
                                .setAddresses(List.of(properties.discoveryAddresses().split(",")))))
                // A range, so a second API node on the same host takes the next free port.
                .setCommunicationSpi(new TcpCommunicationSpi()
                        .setLocalPort(properties.communicationPort())
                        .setLocalPortRange(20));
    }
}
