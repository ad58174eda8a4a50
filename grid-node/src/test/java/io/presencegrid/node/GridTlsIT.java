package io.presencegrid.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.presencegrid.schema.CacheNames;
import io.presencegrid.security.GridTls;
import io.presencegrid.testing.GridTestCluster;
import io.presencegrid.testing.TestCertificates;
import io.presencegrid.topology.PortPlan;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import org.apache.ignite.Ignite;
import org.apache.ignite.Ignition;
import org.apache.ignite.client.IgniteClient;
import org.apache.ignite.configuration.CacheConfiguration;
import org.apache.ignite.configuration.ClientConfiguration;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.apache.ignite.spi.discovery.tcp.TcpDiscoverySpi;
import org.apache.ignite.spi.discovery.tcp.ipfinder.vm.TcpDiscoveryVmIpFinder;
import org.apache.ignite.ssl.SslContextFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The grid with its TLS on, from the real server XML: nodes holding a certificate of the cluster's CA
 * form the grid; a process without one cannot join, whatever it trusts; thin clients and JDBC get in
 * only over TLS.
 */
class GridTlsIT {

    private static GridTestCluster grid;
    private static TestCertificates outsiderCa;

    @BeforeAll
    static void startGrid() {
        grid = GridTestCluster.create("tls", ServerAssembly::configuration).withTls().startActive(2);
        outsiderCa = TestCertificates.createCa(grid.home().resolveSibling("tls-outsider"), "someone else's CA");
    }

    @AfterAll
    static void stopGrid() {
        grid.close();
        deleteOutsider();
    }

    @Test
    void nodesWithTheClusterCertificateFormTheGrid() {
        assertThat(grid.node(0).cluster().forServers().nodes()).hasSize(2);
    }

    @Test
    void aClientNodeWithACertificateOfTheClusterCaJoinsAndWorks() {
        GridTls tls = grid.certificates().node("api-test");
        try (Ignite client = Ignition.start(tls.secureClientNode(clientNode("tls-trusted-client")))) {
            client.getOrCreateCache(new CacheConfiguration<String, Long>("tls-probe")).put("key", 1L);
            assertThat(grid.node(1).<String, Long>cache("tls-probe").get("key")).isEqualTo(1L);
            client.destroyCache("tls-probe");
        }
    }

    @Test
    void aNodeWhoseCertificateAnotherCaSignedCannotJoinEvenTrustingEveryone() {
        GridTls outsider = outsiderCa.node("intruder");
        SslContextFactory trustsAnyone = outsider.sslContextFactory();
        trustsAnyone.setTrustManagers(SslContextFactory.getDisabledTrustManager());
        IgniteConfiguration intruder = clientNode("tls-intruder").setSslContextFactory(trustsAnyone);

        assertThatThrownBy(() -> Ignition.start(intruder)).isInstanceOf(Exception.class);
        assertThat(grid.node(0).cluster().nodes()).hasSize(2);
    }

    @Test
    void aNodeWithoutTlsCannotJoin() {
        assertThatThrownBy(() -> Ignition.start(clientNode("tls-plain"))).isInstanceOf(Exception.class);
        assertThat(grid.node(0).cluster().nodes()).hasSize(2);
    }

    @Test
    void thinClientsGetInOverTlsOnly() {
        String address = "127.0.0.1:" + grid.ports().clientPort(0);
        try (IgniteClient client = Ignition.startClient(grid.certificates().thinClient()
                .secureThinClient(new ClientConfiguration().setAddresses(address)))) {
            assertThat(client.cacheNames()).contains(CacheNames.PRESENCE);
        }
        assertThatThrownBy(() -> {
            try (IgniteClient plain = Ignition.startClient(new ClientConfiguration().setAddresses(address).setTimeout(5_000))) {
                plain.cacheNames();
            }
        }).isInstanceOf(Exception.class);
    }

    @Test
    void jdbcGetsInOverTlsOnly() throws SQLException {
        Properties tls = grid.certificates().thinClient().jdbcProperties();
        try (Connection connection = DriverManager.getConnection(grid.jdbcUrl(2), tls);
             ResultSet row = connection.createStatement().executeQuery("SELECT COUNT(*) FROM PRESENCE")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getLong(1)).isGreaterThanOrEqualTo(0);
        }
        assertThatThrownBy(() -> DriverManager.getConnection(grid.jdbcUrl(1) + "?connectionTimeout=5000").close())
                .isInstanceOf(SQLException.class);
    }

    @Test
    void theStorePasswordStaysOutOfPrintedConfiguration() {
        GridTls tls = grid.certificates().node("printed");
        assertThat(tls.toString()).doesNotContain(grid.certificates().password());
        assertThat(tls.sslContextFactory().toString()).doesNotContain(grid.certificates().password());
    }

    /** A client node that gives up joining after 10 s instead of waiting forever. */
    private static IgniteConfiguration clientNode(String name) {
        PortPlan ports = grid.ports();
        return new IgniteConfiguration()
                .setIgniteInstanceName(name)
                .setClientMode(true)
                .setLocalHost("127.0.0.1")
                .setWorkDirectory(grid.home().resolve(name).toString())
                .setDiscoverySpi(new TcpDiscoverySpi()
                        .setJoinTimeout(10_000)
                        .setIpFinder(new TcpDiscoveryVmIpFinder().setAddresses(List.of(ports.discoveryAddresses()))))
                .setCommunicationSpi(new org.apache.ignite.spi.communication.tcp.TcpCommunicationSpi()
                        .setLocalPort(GridTestCluster.clientCommunicationPort(0)).setLocalPortRange(10));
    }

    private static void deleteOutsider() {
        Path outsider = grid.home().resolveSibling("tls-outsider");
        try (var paths = java.nio.file.Files.walk(outsider)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (java.io.IOException ignored) {
            // nothing left to delete
        }
    }
}
