package io.presencegrid.bench;

import io.presencegrid.security.GridTls;
import io.presencegrid.security.GridUsers;
import io.presencegrid.security.PresenceSecurityPlugin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.ignite.Ignite;
import org.apache.ignite.Ignition;
import org.apache.ignite.configuration.ClientConnectorConfiguration;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.apache.ignite.spi.communication.tcp.TcpCommunicationSpi;
import org.apache.ignite.spi.discovery.tcp.TcpDiscoverySpi;
import org.apache.ignite.spi.discovery.tcp.ipfinder.vm.TcpDiscoveryVmIpFinder;

/**
 * The Ignite thick client node the grid-side measurements join the cluster with, configured like the
 * API's (GridClientConfiguration): client mode, 127.0.0.1, its own temporary work directory, peer class
 * loading off. It holds no data; {@link #close()} stops it and deletes the work directory.
 */
public final class BenchClientNode implements AutoCloseable {

    /**
     * First thin-client port (the next free of 20): clear of the grid nodes' 10800..10809 and the API
     * nodes' 10820..10839. It cannot be switched off: Ignite 2.17's control utility reads every same-host
     * node's client listener port and fails (NPE) on a node without one.
     */
    public static final int THIN_PORT = 10840;

    /** First communication port (the next free of 20): clear of the grid nodes' 47100..47120. */
    public static final int COMMUNICATION_PORT = 47140;

    private static final long JOIN_TIMEOUT_MS = 60_000;

    private final Ignite ignite;
    private final Path workDirectory;

    private BenchClientNode(Ignite ignite, Path workDirectory) {
        this.ignite = ignite;
        this.workDirectory = workDirectory;
    }

    /** Joins the cluster found at {@code discoveryAddresses} (comma-separated, e.g. {@code 127.0.0.1:47500..47509}). */
    public static BenchClientNode join(String discoveryAddresses) {
        return join(discoveryAddresses, COMMUNICATION_PORT, THIN_PORT, GridTls.fromEnvironment(System.getenv()),
                GridUsers.enabled(System.getenv()));
    }

    /**
     * As {@link #join(String)}, on other ports (tests keep clear of a running cluster and its clients)
     * and with the grid's TLS and whether it authenticates given rather than read from PRESENCE_GRID_TLS* and
     * PRESENCE_GRID_AUTH.
     */
    public static BenchClientNode join(String discoveryAddresses, int communicationPort, int thinPort, Optional<GridTls> tls,
                                       boolean gridAuthenticates) {
        Path workDirectory = temporaryDirectory();
        IgniteConfiguration configuration = new IgniteConfiguration()
                .setIgniteInstanceName("presence-bench-" + UUID.randomUUID().toString().substring(0, 8))
                .setClientMode(true)
                .setLocalHost("127.0.0.1")
                .setWorkDirectory(workDirectory.toString())
                .setPeerClassLoadingEnabled(false)
                .setMetricsLogFrequency(0)
                .setClientConnectorConfiguration(new ClientConnectorConfiguration()
                        .setHost("127.0.0.1")
                        .setPort(thinPort)
                        .setPortRange(20))
                .setDiscoverySpi(new TcpDiscoverySpi()
                        // Fail instead of waiting forever when no server answers at those addresses.
                        .setJoinTimeout(JOIN_TIMEOUT_MS)
                        .setIpFinder(new TcpDiscoveryVmIpFinder()
                                .setAddresses(List.of(discoveryAddresses.split(",")))))
                .setCommunicationSpi(new TcpCommunicationSpi()
                        .setLocalPort(communicationPort)
                        .setLocalPortRange(20))
                .setIncludeProperties();
        tls.ifPresent(grid -> grid.secureClientNode(configuration));
        if (gridAuthenticates) {
            configuration.setPluginProviders(new PresenceSecurityPlugin(GridUsers.none()));
        }
        try {
            return new BenchClientNode(Ignition.start(configuration), workDirectory);
        } catch (RuntimeException e) {
            delete(workDirectory);
            throw e;
        }
    }

    public Ignite ignite() {
        return ignite;
    }

    @Override
    public void close() {
        try {
            ignite.close();
        } finally {
            delete(workDirectory);
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("presence-bench-client-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("Could not delete the client work directory " + directory + ": " + e.getMessage());
        }
    }
}
