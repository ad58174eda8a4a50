package io.presencegrid.drills.security;

import io.presencegrid.drills.ScriptRun;
import io.presencegrid.security.GridUsers;
import io.presencegrid.security.PresenceSecurityPlugin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.ignite.Ignite;
import org.apache.ignite.Ignition;
import org.apache.ignite.configuration.ClientConnectorConfiguration;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.apache.ignite.spi.communication.tcp.TcpCommunicationSpi;
import org.apache.ignite.spi.discovery.tcp.TcpDiscoverySpi;
import org.apache.ignite.spi.discovery.tcp.ipfinder.vm.TcpDiscoveryVmIpFinder;
import org.apache.ignite.ssl.SslContextFactory;

/**
 * Processes that try to join the grid as a node: one with a certificate the cluster's CA did not sign
 * (self-signed, and trusting anyone), one without TLS. The positive control joins with a certificate of
 * the CA, as an API node does.
 */
final class NodeJoinAttacks {

    /** Clear of the API nodes' (47120..) and the bench's (47140..) communication ports. */
    private static final int COMMUNICATION_PORT = 47160;
    private static final int THIN_PORT = 10860;

    private final ClusterMaterial material;
    private final Attempts attempts;
    private final String discoveryAddresses;
    private final Path workDirectory;

    NodeJoinAttacks(ClusterMaterial material, Attempts attempts, String discoveryAddresses, Path workDirectory) {
        this.material = material;
        this.attempts = attempts;
        this.discoveryAddresses = discoveryAddresses;
        this.workDirectory = workDirectory;
    }

    void run() throws Exception {
        attempts.control("node_with_the_ca_certificate_joins", () -> {
            IgniteConfiguration node = material.signedBy("drill").secureClientNode(clientNode("drill-legitimate"));
            try (Ignite joined = Ignition.start(node)) {
                return joined.cluster().forServers().nodes().isEmpty() ? "no servers seen" : null;
            }
        });
        // The outsider's own store and password: nothing of the cluster's.
        String outsiderPassword = UUID.randomUUID().toString();
        Path outsider = selfSignedKeyStore(outsiderPassword);
        attempts.attack("node_with_another_certificate", () -> {
            SslContextFactory trustsAnyone = new SslContextFactory();
            trustsAnyone.setKeyStoreFilePath(outsider.toString());
            trustsAnyone.setKeyStoreType("PKCS12");
            trustsAnyone.setKeyStorePassword(outsiderPassword.toCharArray());
            trustsAnyone.setTrustManagers(SslContextFactory.getDisabledTrustManager());
            return joins(clientNode("drill-intruder").setSslContextFactory(trustsAnyone));
        });
        attempts.attack("node_without_tls", () -> joins(clientNode("drill-plain")));
    }

    private static String joins(IgniteConfiguration node) {
        try (Ignite joined = Ignition.start(node)) {
            return "joined, sees " + joined.cluster().nodes().size() + " nodes";
        }
    }

    private IgniteConfiguration clientNode(String name) {
        return new IgniteConfiguration()
                .setIgniteInstanceName(name)
                .setClientMode(true)
                .setLocalHost("127.0.0.1")
                .setWorkDirectory(workDirectory.resolve(name).toString())
                .setMetricsLogFrequency(0)
                .setIncludeProperties()
                .setPluginProviders(new PresenceSecurityPlugin(GridUsers.none()))
                .setClientConnectorConfiguration(new ClientConnectorConfiguration().setHost("127.0.0.1")
                        .setPort(THIN_PORT).setPortRange(10))
                .setDiscoverySpi(new TcpDiscoverySpi().setJoinTimeout(15_000)
                        .setIpFinder(new TcpDiscoveryVmIpFinder().setAddresses(List.of(discoveryAddresses.split(",")))))
                .setCommunicationSpi(new TcpCommunicationSpi().setLocalPort(COMMUNICATION_PORT).setLocalPortRange(10));
    }

    /** A key pair that signed its own certificate, in a PKCS12 store: keytool, as anyone could make one. */
    private Path selfSignedKeyStore(String password) throws Exception {
        Files.createDirectories(workDirectory);
        Path store = workDirectory.resolve("outsider-" + UUID.randomUUID() + ".p12");
        ScriptRun made = ScriptRun.of(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "outsider", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=presence-node-0",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", password), Duration.ofSeconds(60));
        if (!made.ok()) {
            throw new IllegalStateException("keytool could not make the outsider's key store: " + made.output());
        }
        return store;
    }
}
