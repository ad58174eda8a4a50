package io.presencegrid.api.support;

import io.presencegrid.security.GridTls;
import io.presencegrid.testing.GridTestCluster;
import java.util.List;
import org.apache.ignite.Ignite;
import org.apache.ignite.Ignition;
import io.presencegrid.node.ServerAssembly;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Starts a real grid for an API test class and points the Spring context at it. Call from the class's
 * {@code @DynamicPropertySource}: it runs while the context is built, before the client node joins.
 */
public final class ApiGrid {

    private ApiGrid() {
    }

    public static GridTestCluster start(String name, int ttlSeconds, int sweepSeconds, DynamicPropertyRegistry properties) {
        return start(name, ttlSeconds, sweepSeconds, 2, properties);
    }

    /** As above with {@code servers} server nodes: three when a test kills one and keeps two copies. */
    public static GridTestCluster start(String name, int ttlSeconds, int sweepSeconds, int servers,
                                        DynamicPropertyRegistry properties) {
        GridTestCluster grid = GridTestCluster.create(name, ServerAssembly::configuration)
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
     * Stops the API's client node first, then the grid: a client left without servers spends seconds
     * trying to reconnect before the Spring context gets round to closing it.
     */
    public static void stop(GridTestCluster grid) {
        for (Ignite node : Ignition.allGrids()) {
            // The configuration, not the topology: a client cut off from the grid throws on cluster() calls.
            if (Boolean.TRUE.equals(node.configuration().isClientMode())) {
                Ignition.stop(node.name(), true);
            }
        }
        grid.close();
    }
}
