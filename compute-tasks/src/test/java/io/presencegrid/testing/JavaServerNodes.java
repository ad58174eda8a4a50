package io.presencegrid.testing;

import io.presencegrid.schema.PresenceCaches;
import io.presencegrid.security.SchemaAuthorizingDiscoverySpi;
import io.presencegrid.topology.ServerNodeSettings;
import java.util.List;
import io.presencegrid.tasks.services.PresenceServices;
import org.apache.ignite.configuration.CacheConfiguration;
import org.apache.ignite.configuration.ClientConnectorConfiguration;
import org.apache.ignite.configuration.DataRegionConfiguration;
import org.apache.ignite.configuration.DataStorageConfiguration;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.apache.ignite.configuration.WALMode;
import org.apache.ignite.events.EventType;
import org.apache.ignite.services.ServiceConfiguration;
import org.apache.ignite.spi.communication.tcp.TcpCommunicationSpi;
import org.apache.ignite.spi.discovery.tcp.ipfinder.vm.TcpDiscoveryVmIpFinder;

/**
 * The server XML's essentials in Java, for test grids in modules that must not load ignite-spring
 * (the API: Spring Boot 4 and Spring 5.3 do not share a classpath). Same caches, services and expiry
 * events, persistence on. Lives with compute-tasks because the services do.
 */
public final class JavaServerNodes {

    private JavaServerNodes() {
    }

    public static IgniteConfiguration configuration(ServerNodeSettings settings) {
        return new IgniteConfiguration()
                .setConsistentId(settings.consistentId())
                .setWorkDirectory(settings.workDirectory().toString())
                .setLocalHost(settings.placement().bindHost())
                .setIncludeProperties()
                .setPeerClassLoadingEnabled(false)
                .setFailureDetectionTimeout(10_000)
                .setClientFailureDetectionTimeout(20_000)
                .setDiscoverySpi(new SchemaAuthorizingDiscoverySpi()
                        .setLocalPort(settings.placement().discoveryPort())
                        .setLocalPortRange(0)
                        .setIpFinder(new TcpDiscoveryVmIpFinder()
                                .setAddresses(List.of(settings.discoveryAddresses().split(",")))))
                .setCommunicationSpi(new TcpCommunicationSpi()
                        .setLocalPort(settings.placement().communicationPort())
                        .setLocalPortRange(0))
                .setClientConnectorConfiguration(new ClientConnectorConfiguration()
                        .setHost(settings.placement().bindHost())
                        .setPort(settings.placement().clientPort())
                        .setPortRange(0))
                .setDataStorageConfiguration(new DataStorageConfiguration()
                        .setWalMode(WALMode.valueOf(settings.walMode()))
                        .setWalSegmentSize(16 * 1024 * 1024)
                        .setWalSegments(4)
                        // As storage.xml: without it the WAL byte counters stay at 0.
                        .setMetricsEnabled(true)
                        .setDataRegionConfigurations(new DataRegionConfiguration()
                                .setName(PresenceCaches.LIVE_REGION)
                                .setMaxSize(settings.liveRegionMb() * 1024L * 1024L)
                                .setMetricsEnabled(true))
                        .setDefaultDataRegionConfiguration(new DataRegionConfiguration()
                                .setName("presence")
                                .setMaxSize(settings.regionMb() * 1024L * 1024L)
                                .setPersistenceEnabled(true)))
                .setIncludeEventTypes(EventType.EVT_CACHE_OBJECT_EXPIRED, EventType.EVT_NODE_LEFT, EventType.EVT_NODE_FAILED)
                .setServiceConfiguration(PresenceServices.all(settings.sweepSeconds(),
                        settings.retentionDays(), settings.purgePeriodSeconds()).toArray(new ServiceConfiguration[0]))
                .setCacheConfiguration(PresenceCaches.all(settings.ttlSeconds()).toArray(new CacheConfiguration[0]));
    }
}
