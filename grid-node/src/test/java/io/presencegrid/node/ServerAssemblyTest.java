package io.presencegrid.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencegrid.schema.CacheNames;
import io.presencegrid.schema.PresenceCaches;
import io.presencegrid.tasks.retention.RetentionPurge;
import io.presencegrid.tasks.retention.RetentionPurgeService;
import io.presencegrid.topology.ExchangeGuard;
import io.presencegrid.topology.ServerNodeSettings;
import java.util.Arrays;
import java.util.Map;
import org.apache.ignite.configuration.CacheConfiguration;
import org.apache.ignite.configuration.ClientConnectorConfiguration;
import org.apache.ignite.configuration.DataRegionConfiguration;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.apache.ignite.configuration.WALMode;
import org.apache.ignite.services.ServiceConfiguration;
import org.apache.ignite.logger.slf4j.Slf4jLogger;
import org.apache.ignite.spi.communication.tcp.TcpCommunicationSpi;
import org.apache.ignite.spi.discovery.tcp.TcpDiscoverySpi;
import org.apache.ignite.spi.discovery.tcp.ipfinder.vm.TcpDiscoveryVmIpFinder;
import org.junit.jupiter.api.Test;

/** The server configuration as ServerAssembly builds it from the XML, without starting a node. */
class ServerAssemblyTest {

    private final IgniteConfiguration node1 = ServerAssembly.configuration(ServerNodeSettings.fromEnvironment(1,
            Map.of("PRESENCE_HOME", "/srv/presence", "PRESENCE_WAL_MODE", "FSYNC", "PRESENCE_TTL_SECONDS", "30",
                    "PRESENCE_RETENTION_DAYS", "30", "PRESENCE_PURGE_PERIOD_SECONDS", "600")));

    @Test
    void nodeIndexOneListensOnTheSecondPortOfEachRange() {
        TcpDiscoverySpi discovery = (TcpDiscoverySpi) node1.getDiscoverySpi();
        // getLocalPort() reports the bound port of a started node; the configured one is a field.
        assertThat(discovery).extracting("locPort").isEqualTo(47501);
        assertThat(((TcpDiscoveryVmIpFinder) discovery.getIpFinder()).getRegisteredAddresses())
                .hasSize(10).allSatisfy(address -> assertThat(address.getHostString()).isEqualTo("127.0.0.1"));
        assertThat(((TcpCommunicationSpi) node1.getCommunicationSpi()).getLocalPort()).isEqualTo(47101);
        ClientConnectorConfiguration thin = node1.getClientConnectorConfiguration();
        assertThat(thin.getPort()).isEqualTo(10801);
        assertThat(thin.getPortRange()).isZero();
        assertThat(node1.getLocalHost()).isEqualTo("127.0.0.1");
        assertThat(discovery.getConnectionRecoveryTimeout()).isEqualTo(10_000L);
        assertThat(node1.getTransactionConfiguration().getTxTimeoutOnPartitionMapExchange())
                .isEqualTo(ExchangeGuard.TX_TIMEOUT_ON_EXCHANGE_MILLIS);
        assertThat(node1.getCacheConfiguration()).allSatisfy(cache -> assertThat(cache.getTopologyValidator()).isNull());
    }

    @Test
    void aNamespacedNodeBindsItsOwnAddressAndCanBeGuardedAgainstSplitBrain() {
        IgniteConfiguration node = ServerAssembly.configuration(ServerNodeSettings.fromEnvironment(2, Map.of(
                "PRESENCE_NODE_HOST", "10.213.0.12",
                "PRESENCE_GRID_ADDRESSES", "10.213.0.10:47500,10.213.0.11:47501,10.213.0.12:47502",
                "PRESENCE_WRITE_QUORUM", "majority", "PRESENCE_CONNECTION_RECOVERY_MILLIS", "3000")));

        assertThat(node.getLocalHost()).isEqualTo("10.213.0.12");
        assertThat(node.getClientConnectorConfiguration().getHost()).isEqualTo("10.213.0.12");
        assertThat(node.getConnectorConfiguration().getHost()).isEqualTo("10.213.0.12");
        TcpDiscoverySpi discovery = (TcpDiscoverySpi) node.getDiscoverySpi();
        assertThat(((TcpDiscoveryVmIpFinder) discovery.getIpFinder()).getRegisteredAddresses())
                .extracting(address -> address.getHostString() + ":" + address.getPort())
                .containsExactlyInAnyOrder("10.213.0.10:47500", "10.213.0.11:47501", "10.213.0.12:47502");
        assertThat(discovery.getConnectionRecoveryTimeout()).isEqualTo(3_000L);
        assertThat(node.getCacheConfiguration()).allSatisfy(cache -> assertThat(cache.getTopologyValidator()).isNotNull());
    }

    @Test
    void aNodeOnAHostOfItsOwnTakesEveryAddressAndPortFromTheEnvironment() throws Exception {
        IgniteConfiguration node = ServerAssembly.configuration(ServerNodeSettings.fromEnvironment(17, Map.of(
                "PRESENCE_NODE_HOST", "0.0.0.0", "PRESENCE_NODE_ADVERTISED_HOST", "203.0.113.7",
                "PRESENCE_DISCOVERY_PORT", "47500", "PRESENCE_COMMUNICATION_PORT", "47100",
                "PRESENCE_CLIENT_PORT", "10800", "PRESENCE_NODE_CONSISTENT_ID", "grid-b-17",
                "PRESENCE_GRID_ADDRESSES", "grid-a.example:47500,grid-b.example:47500")));

        TcpDiscoverySpi discovery = (TcpDiscoverySpi) node.getDiscoverySpi();
        assertThat(discovery).extracting("locPort").isEqualTo(47500);
        assertThat(((TcpCommunicationSpi) node.getCommunicationSpi()).getLocalPort()).isEqualTo(47100);
        assertThat(node.getClientConnectorConfiguration().getPort()).isEqualTo(10800);
        assertThat(node.getLocalHost()).isEqualTo("0.0.0.0");
        assertThat(node.getConsistentId()).isEqualTo("grid-b-17");
        assertThat(node.getAddressResolver().getExternalAddresses(new java.net.InetSocketAddress("10.0.0.5", 47100)))
                .extracting(address -> address.getHostString() + ":" + address.getPort())
                .containsExactly("203.0.113.7:47100");
        assertThat(node1.getAddressResolver()).as("reached where it binds: no resolver").isNull();
    }

    @Test
    void identityAndWorkDirectoryFollowTheIndex() {
        assertThat(node1.getConsistentId()).isEqualTo("presence-node-1");
        assertThat(node1.getWorkDirectory()).isEqualTo("/srv/presence/node-1");
        assertThat(node1.isPeerClassLoadingEnabled()).isFalse();
        assertThat(node1.getGridLogger()).isInstanceOf(Slf4jLogger.class);
    }

    @Test
    void expiryEventsAndTheExpiryServiceAreConfigured() {
        assertThat(node1.getIncludeEventTypes()).containsExactly(org.apache.ignite.events.EventType.EVT_CACHE_OBJECT_EXPIRED,
                org.apache.ignite.events.EventType.EVT_NODE_LEFT, org.apache.ignite.events.EventType.EVT_NODE_FAILED);
        assertThat(node1.getServiceConfiguration()).hasSize(2);
        ServiceConfiguration expiry = node1.getServiceConfiguration()[0];
        assertThat(expiry.getService()).isInstanceOf(io.presencegrid.tasks.presence.PresenceExpiryService.class);
        assertThat(expiry.getMaxPerNodeCount()).as("one per node").isEqualTo(1);
        assertThat(expiry.getTotalCount()).as("on every node").isZero();
    }

    @Test
    void theRetentionPurgeIsAClusterSingletonWithTheConfiguredRetention() {
        ServiceConfiguration retention = node1.getServiceConfiguration()[1];
        assertThat(retention.getName()).isEqualTo(RetentionPurge.SERVICE_NAME);
        assertThat(retention.getService()).isInstanceOf(RetentionPurgeService.class)
                .extracting("retentionDays", "purgePeriodSeconds").containsExactly(30, 600L);
        assertThat(retention.getTotalCount()).as("one in the cluster").isEqualTo(1);
        assertThat(retention.getMaxPerNodeCount()).isEqualTo(1);
    }

    @Test
    void persistenceIsOnWithTheRequestedWalModeAndABoundedRegion() {
        DataRegionConfiguration region = node1.getDataStorageConfiguration().getDefaultDataRegionConfiguration();
        assertThat(region.isPersistenceEnabled()).isTrue();
        assertThat(region.getMaxSize()).isEqualTo(256L * 1024 * 1024);
        assertThat(node1.getDataStorageConfiguration().getWalMode()).isEqualTo(WALMode.FSYNC);
    }

    @Test
    void liveSessionsHaveAnInMemoryRegionOfTheirOwn() {
        DataRegionConfiguration[] regions = node1.getDataStorageConfiguration().getDataRegionConfigurations();
        assertThat(regions).hasSize(1);
        assertThat(regions[0].getName()).isEqualTo(PresenceCaches.LIVE_REGION);
        assertThat(regions[0].isPersistenceEnabled()).isFalse();
        assertThat(regions[0].getMaxSize()).isEqualTo(256L * 1024 * 1024);
        IgniteConfiguration bigger = ServerAssembly.configuration(ServerNodeSettings.fromEnvironment(0, Map.of("PRESENCE_LIVE_REGION_MB", "1024")));
        assertThat(bigger.getDataStorageConfiguration().getDataRegionConfigurations()[0].getMaxSize())
                .isEqualTo(1024L * 1024 * 1024);
    }

    @Test
    void theCachesComeWithTheConfiguredTtl() {
        assertThat(Arrays.stream(node1.getCacheConfiguration()).map(CacheConfiguration::getName))
                .containsExactly(CacheNames.PRESENCE, CacheNames.DEVICE_SESSION, CacheNames.SUBSCRIPTION,
                        CacheNames.SUBSCRIBER_INDEX, CacheNames.SOCKET_INTEREST, CacheNames.CHANNEL_MEMBER,
                        CacheNames.CHANNEL_USER, CacheNames.CHANNEL_OCCUPANCY, CacheNames.DEVICE_CHANNELS,
                        CacheNames.CHANNEL_INTEREST, CacheNames.API_NODE_LEASE);
        CacheConfiguration<?, ?> sessions = node1.getCacheConfiguration()[1];
        javax.cache.expiry.ExpiryPolicy policy = (javax.cache.expiry.ExpiryPolicy) sessions.getExpiryPolicyFactory().create();
        assertThat(policy.getExpiryForUpdate().getDurationAmount()).isEqualTo(30);
        CacheConfiguration<?, ?> leases = node1.getCacheConfiguration()[10];
        javax.cache.expiry.ExpiryPolicy leaseExpiry = (javax.cache.expiry.ExpiryPolicy) leases.getExpiryPolicyFactory().create();
        assertThat(leaseExpiry.getExpiryForUpdate().getTimeUnit().toMillis(leaseExpiry.getExpiryForUpdate().getDurationAmount()))
                .as("an API node's lease lapses 2 s before a session would, the time its sessions take to end").isEqualTo(28_000);
    }
}
