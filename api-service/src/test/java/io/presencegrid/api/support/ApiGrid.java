package io.presencegrid.api.support;

import io.presencegrid.security.GridTls;
import io.presencegrid.testing.GridTestCluster;
import java.util.List;
import org.apache.ignite.Ignite;
import org.apache.ignite.Ignition;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.apache.ignite.spi.discovery.tcp.TcpDiscoverySpi;
import org.apache.ignite.spi.discovery.tcp.ipfinder.vm.TcpDiscoveryVmIpFinder;
import io.presencegrid.node.ServerAssembly;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Starts a real grid for an API test class and points the Spring context at it. Call from the class's
 * {@code @DynamicPropertySource}: it runs while the context is built, before the client node joins.
 */
public final class ApiGrid {

    private ApiGrid() {
    }

    /**
     * A grid of {@code servers} server nodes (three when a test kills one and keeps two copies) on the
     * test ports, for a test that starts its grid itself; {@link ApiGridTest} starts the others.
     */
    public static GridTestCluster start(String name, int ttlSeconds, int sweepSeconds, int servers,
                                        DynamicPropertyRegistry properties) {
        return start(name, ttlSeconds, sweepSeconds, servers, 0, properties);
    }

    /**
     * As above on the ports of {@code portSlot} ({@link GridTestCluster#create(String, int, java.util.function.Function)}),
     * with a client node named after the grid: for a grid that lives on while other test classes start theirs.
     */
    public static GridTestCluster start(String name, int ttlSeconds, int sweepSeconds, int servers, int portSlot,
                                        DynamicPropertyRegistry properties) {
        GridTestCluster grid = GridTestCluster.create(name, portSlot, ServerAssembly::configuration)
                .withTtlSeconds(ttlSeconds).withSweepSeconds(sweepSeconds).withTls()
                .withAuth(randomPassword(), randomPassword()).startActive(servers);
        GridTls tls = grid.certificates().node("api");
        properties.add("presence.grid.tls.mode", () -> "on");
        properties.add("presence.grid.tls.key-store", () -> tls.keyStore().toString());
        properties.add("presence.grid.tls.trust-store", () -> tls.trustStore().toString());
        properties.add("presence.grid.tls.store-password", tls::storePassword);
        properties.add("presence.grid.auth", () -> "on");
        properties.add("presence.grid.discovery-addresses", () -> grid.ports().discoveryAddresses());
        properties.add("presence.grid.communication-port", () -> GridTestCluster.clientCommunicationPort(0));
        properties.add("presence.grid.work-directory", () -> grid.home().resolve("api").toString());
        if (portSlot != 0) {
            properties.add("presence.grid.instance-name", () -> name + "-api");
        }
        properties.add("presence.auth.jwt-secret", () -> TestJwt.SECRET);
        return grid;
    }

    /** Command-line arguments that give another API node on {@code grid} a certificate of its own and the plugin. */
    public static List<String> gridSecurityArguments(GridTestCluster grid, String apiName) {
        GridTls tls = grid.certificates().node(apiName);
        return List.of("--presence.grid.tls.mode=on", "--presence.grid.auth=on",
                "--presence.grid.tls.key-store=" + tls.keyStore(),
                "--presence.grid.tls.trust-store=" + tls.trustStore(),
                "--presence.grid.tls.store-password=" + tls.storePassword());
    }

    private static String randomPassword() {
        return java.util.UUID.randomUUID().toString();
    }

    /**
     * Stops the grid's client nodes (the API's, any other a test started) first, then the grid: a client
     * left without servers spends seconds trying to reconnect before its Spring context gets round to
     * closing it. Client nodes of other grids in this JVM carry on.
     */
    public static void stop(GridTestCluster grid) {
        for (Ignite node : Ignition.allGrids()) {
            // The configuration, not the topology: a client cut off from the grid throws on cluster() calls.
            IgniteConfiguration configuration = node.configuration();
            if (Boolean.TRUE.equals(configuration.isClientMode()) && discovers(configuration, grid)) {
                Ignition.stop(node.name(), true);
            }
        }
        grid.close();
    }

    private static boolean discovers(IgniteConfiguration client, GridTestCluster grid) {
        return client.getDiscoverySpi() instanceof TcpDiscoverySpi discovery
                && discovery.getIpFinder() instanceof TcpDiscoveryVmIpFinder finder
                && finder.getRegisteredAddresses().stream().anyMatch(address -> address.getPort() == grid.ports().discoveryBase());
    }
}
