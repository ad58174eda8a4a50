package io.presencegrid.testing;

import io.presencegrid.schema.PresenceCaches;
import io.presencegrid.topology.ServerNodeSettings;
import java.util.List;
import org.apache.ignite.configuration.ClientConnectorConfiguration;
import org.apache.ignite.configuration.DataRegionConfiguration;
import org.apache.ignite.configuration.DataStorageConfiguration;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.apache.ignite.configuration.WALMode;
import org.apache.ignite.spi.communication.tcp.TcpCommunicationSpi;
import org.apache.ignite.spi.discovery.tcp.TcpDiscoverySpi;
import org.apache.ignite.spi.discovery.tcp.ipfinder.vm.TcpDiscoveryVmIpFinder;

/**
 * The server XML's essentials in Java, for test grids in modules that must not load ignite-spring
 * (the API: Spring Boot 4 and Spring 5.3 do not share a classpath). Same caches, persistence on.
 */
public final class JavaServerNodes {

    private JavaServerNodes() {
    }

    public static IgniteConfiguration configuration(ServerNodeSettings settings) {
        int index = settings.nodeIndex();
        return new IgniteConfiguration()
                .setConsistentId(settings.consistentId())
                .setWorkDirectory(settings.workDirectory().toString())
                .setLocalHost("127.0.0.1")
                .setPeerClassLoadingEnabled(false)
                .setFailureDetectionTimeout(10_000)
                .setClientFailureDetectionTimeout(10_000)
                .setDiscoverySpi(new TcpDiscoverySpi()
                        .setLocalPort(settings.ports().discoveryPort(index))
                        .setLocalPortRange(0)
                        .setIpFinder(new TcpDiscoveryVmIpFinder()
                                .setAddresses(List.of(settings.ports().discoveryAddresses()))))
                .setCommunicationSpi(new TcpCommunicationSpi()
                        .setLocalPort(settings.ports().communicationPort(index))
                        .setLocalPortRange(0))
                .setClientConnectorConfiguration(new ClientConnectorConfiguration()
                        .setHost("127.0.0.1")
                        .setPort(settings.ports().clientPort(index))
                        .setPortRange(0))
                .setDataStorageConfiguration(new DataStorageConfiguration()
                        .setWalMode(WALMode.valueOf(settings.walMode()))
                        .setWalSegmentSize(16 * 1024 * 1024)
                        .setWalSegments(4)
                        .setDefaultDataRegionConfiguration(new DataRegionConfiguration()
                                .setName("presence")
                                .setMaxSize(settings.regionMb() * 1024L * 1024L)
                                .setPersistenceEnabled(true)))
                .setCacheConfiguration(PresenceCaches.all(settings.ttlSeconds()).toArray(new org.apache.ignite.configuration.CacheConfiguration[0]));
    }
}
