package io.presencegrid.api.grid;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencegrid.topology.ExchangeGuard;
import java.net.InetSocketAddress;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.apache.ignite.spi.communication.tcp.TcpCommunicationSpi;
import org.apache.ignite.spi.discovery.tcp.TcpDiscoverySpi;
import org.apache.ignite.spi.discovery.tcp.ipfinder.vm.TcpDiscoveryVmIpFinder;
import org.junit.jupiter.api.Test;

/** The API's client node as configured, without starting it: placed by the same variables as a grid node. */
class GridClientConfigurationTest {

    private static GridProperties properties(String host, String advertisedHost) {
        return new GridProperties("api-7", "grid-a.example:47500,grid-b.example:47500", 47200, "target/api-7", 1000, 1000, 1000,
                new GridProperties.Tls("off", null, null, null, null), "off", host, advertisedHost, 10900);
    }

    @Test
    void anApiNodeOnAHostOfItsOwnBindsAndAdvertisesWhatItIsTold() throws Exception {
        IgniteConfiguration node = GridClientConfiguration.clientNode(properties("10.1.2.3", "198.51.100.4"));

        assertThat(node.getLocalHost()).isEqualTo("10.1.2.3");
        assertThat(((TcpCommunicationSpi) node.getCommunicationSpi()).getLocalPort()).isEqualTo(47200);
        assertThat(node.getClientConnectorConfiguration().getHost()).isEqualTo("10.1.2.3");
        assertThat(node.getClientConnectorConfiguration().getPort()).isEqualTo(10900);
        assertThat(((TcpDiscoveryVmIpFinder) ((TcpDiscoverySpi) node.getDiscoverySpi()).getIpFinder()).getRegisteredAddresses())
                .extracting(InetSocketAddress::getHostString).containsExactlyInAnyOrder("grid-a.example", "grid-b.example");
        assertThat(node.getAddressResolver().getExternalAddresses(new InetSocketAddress("10.1.2.3", 47201)))
                .extracting(address -> address.getHostString() + ":" + address.getPort())
                .containsExactly("198.51.100.4:47201");
    }

    @Test
    void aCriticalFailureHaltsTheApiNodeUnlessItsGridClientIsAlreadyStopping() {
        IgniteConfiguration node = GridClientConfiguration.clientNode(properties("127.0.0.1", ""));

        assertThat(node.getFailureHandler()).isInstanceOf(HaltUnlessStopping.class);
    }

    @Test
    void withoutAnAdvertisedAddressItIsReachedWhereItBinds() {
        IgniteConfiguration node = GridClientConfiguration.clientNode(properties("127.0.0.1", ""));

        assertThat(node.getLocalHost()).isEqualTo("127.0.0.1");
        assertThat(node.getAddressResolver()).isNull();
    }

    @Test
    void aTransactionOfThisNodeThatHoldsUpATopologyChangeIsRolledBackAsOnTheServers() {
        IgniteConfiguration node = GridClientConfiguration.clientNode(properties("127.0.0.1", ""));

        assertThat(node.getTransactionConfiguration().getTxTimeoutOnPartitionMapExchange())
                .isEqualTo(ExchangeGuard.TX_TIMEOUT_ON_EXCHANGE_MILLIS);
    }
}
