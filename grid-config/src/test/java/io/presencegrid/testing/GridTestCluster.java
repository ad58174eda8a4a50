package io.presencegrid.testing;

import io.presencegrid.security.GridTls;
import io.presencegrid.security.GridUsers;
import io.presencegrid.security.PresenceSecurityPlugin;
import io.presencegrid.topology.PortPlan;
import io.presencegrid.topology.ServerNodeSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.ignite.Ignite;
import org.apache.ignite.Ignition;
import org.apache.ignite.cluster.ClusterState;
import org.apache.ignite.configuration.IgniteConfiguration;

/**
 * Real Ignite server nodes in the test JVM, each with its own work directory under
 * {@code target/test-grid/<cluster name>} and ports from a {@link PortPlan} that stays clear of a running
 * local cluster. Start one per test class; {@link #close()} stops every node and deletes the directory.
 *
 * <p>The node configuration is the caller's: every test grid passes grid-node's {@code ServerAssembly}, the
 * one production starts from, so a test grid differs from production only in what {@link #configuration}
 * sets on top (grid-node's {@code ServerConfigurationParityTest} holds it to that).
 */
public final class GridTestCluster implements AutoCloseable {

    /**
     * Added to every test port. Two checkouts running their tests side by side on one machine set
     * {@code PRESENCE_TEST_PORT_SHIFT} (e.g. 1000, 2000) so their grids never discover each other.
     */
    public static final int PORT_SHIFT = Integer.parseInt(System.getenv().getOrDefault("PRESENCE_TEST_PORT_SHIFT", "0"));

    /**
     * Clear of the local cluster's 47500/47100/10800 ranges, and below Linux's ephemeral ports
     * (32768-60999): at 48500 a test node twice failed to bind its discovery port because an outgoing
     * connection of the same test JVM had been given it as its local port (a client retrying ports
     * where nothing listens can even connect a socket to itself and hold the port that way).
     */
    public static final PortPlan TEST_PORTS = new PortPlan(28500 + PORT_SHIFT, 10, 28100 + PORT_SHIFT, 11800 + PORT_SHIFT, -1, -1);

    /** Ports between one slot's grid and the next: a discovery range, and room for ten nodes' other ports. */
    public static final int SLOT_STRIDE = 10;

    /** A client node's communication port in tests: above the servers' in every slot. */
    public static int clientCommunicationPort(int offset) {
        return 28150 + PORT_SHIFT + offset;
    }

    private final String name;
    private final Path home;
    private final PortPlan ports;
    private final Function<ServerNodeSettings, IgniteConfiguration> configurations;
    private final Map<Integer, Ignite> running = new TreeMap<>();
    private int ttlSeconds = 60;
    private int sweepSeconds = 10;
    private int retentionDays = ServerNodeSettings.DEFAULT_RETENTION_DAYS;
    private long purgePeriodSeconds = ServerNodeSettings.DEFAULT_PURGE_PERIOD_SECONDS;
    private TestCertificates certificates;
    private GridUsers users;
    /** The accounts' passwords as a server node's environment names them, for nodes in JVMs of their own. */
    private final Map<String, String> accountsEnvironment = new TreeMap<>();
    private final Map<Integer, GridTls> nodeTls = new TreeMap<>();

    private GridTestCluster(String name, PortPlan ports, Function<ServerNodeSettings, IgniteConfiguration> configurations) {
        this.name = name;
        this.ports = ports;
        this.configurations = configurations;
        this.home = Path.of(System.getProperty("presence.test.workDir", "target/test-grid"), name).toAbsolutePath();
    }

    public static GridTestCluster create(String name, Function<ServerNodeSettings, IgniteConfiguration> configurations) {
        return create(name, 0, configurations);
    }

    /**
     * A grid on ports of its own, {@code slot} (0 to 3) steps of {@link #SLOT_STRIDE} above
     * {@link #TEST_PORTS}, for a grid that runs in the same JVM as others: on the same ports, their
     * nodes would find each other and try to form one cluster.
     */
    public static GridTestCluster create(String name, int slot, Function<ServerNodeSettings, IgniteConfiguration> configurations) {
        if (slot < 0 || slot > 3) {
            throw new IllegalArgumentException("port slot " + slot + " is not one of 0..3");
        }
        int shift = slot * SLOT_STRIDE;
        PortPlan ports = new PortPlan(TEST_PORTS.discoveryBase() + shift, TEST_PORTS.discoveryRange(),
                TEST_PORTS.communicationBase() + shift, TEST_PORTS.clientBase() + shift, -1, -1);
        return new GridTestCluster(name, ports, configurations);
    }

    /** Device-session TTL for nodes started after this call. */
    public GridTestCluster withTtlSeconds(int seconds) {
        this.ttlSeconds = seconds;
        return this;
    }

    /** Sweeper period for nodes started after this call. */
    public GridTestCluster withSweepSeconds(int seconds) {
        this.sweepSeconds = seconds;
        return this;
    }

    /** Retention purge settings for nodes started after this call: a short period lets a test see it run. */
    public GridTestCluster withRetention(int days, long purgePeriodSeconds) {
        this.retentionDays = days;
        this.purgePeriodSeconds = purgePeriodSeconds;
        return this;
    }

    /**
     * Mutual TLS between the nodes started after this call and TLS on their thin-client port, each node
     * with a key store of its own signed by a CA made for this grid (beside its home, deleted with it).
     */
    public GridTestCluster withTls() {
        Path directory = tlsDirectory();
        delete(directory);
        this.certificates = TestCertificates.createCa(directory, name + " CA");
        return this;
    }

    private Path tlsDirectory() {
        return home.resolveSibling(name + "-tls");
    }

    /**
     * Authentication and roles (the security plugin) on the nodes started after this call, with the
     * operator and analyst accounts of these passwords. Client nodes joining this grid need the plugin
     * too, with no accounts.
     */
    public GridTestCluster withAuth(String operatorPassword, String analystPassword) {
        this.users = GridUsers.of(operatorPassword, analystPassword);
        accountsEnvironment.put(GridUsers.OPERATOR_PASSWORD, operatorPassword);
        accountsEnvironment.put(GridUsers.ANALYST_PASSWORD, analystPassword);
        return this;
    }

    /**
     * Node {@code index}'s TLS and accounts as the environment variables GridTls and GridUsers read, for a
     * server node started in a JVM of its own (ForkedServerNode).
     */
    public Map<String, String> nodeEnvironment(int index) {
        Map<String, String> environment = new TreeMap<>(accountsEnvironment);
        environment.put(GridUsers.MODE, users == null ? "off" : "on");
        environment.put(GridTls.MODE, certificates == null ? "off" : "on");
        if (certificates != null) {
            GridTls tls = tlsOf(index, "node-" + index);
            environment.put(GridTls.KEY_STORE, tls.keyStore().toString());
            environment.put(GridTls.TRUST_STORE, tls.trustStore().toString());
            environment.put(GridTls.STORE_PASSWORD, tls.storePassword());
        }
        return environment;
    }

    private GridTls tlsOf(int index, String nodeName) {
        return nodeTls.computeIfAbsent(index, i -> certificates.node(nodeName));
    }

    /** The CA of this grid's nodes, or null when it runs without TLS. */
    public TestCertificates certificates() {
        return certificates;
    }

    /** Deletes what an earlier run left, starts {@code count} nodes and activates the cluster. */
    public GridTestCluster startActive(int count) {
        deleteHome();
        startNodes(count);
        node(0).cluster().state(ClusterState.ACTIVE);
        return this;
    }

    public void startNodes(int count) {
        for (int i = 0; i < count; i++) {
            startNode(i);
        }
    }

    public Ignite startNode(int index) {
        IgniteConfiguration configuration = configuration(index);
        Ignite node = Ignition.start(configuration);
        running.put(index, node);
        return node;
    }

    /**
     * What {@link #startNode} starts as node {@code index}: the caller's configuration for this grid's
     * settings (its ports, home, region sizes and the TTL and sweep a test picks, as an operator would),
     * then only what a test JVM needs on top, each applied in {@link #asTestNode}.
     */
    public IgniteConfiguration configuration(int index) {
        ServerNodeSettings settings = new ServerNodeSettings(index, home, ports, ttlSeconds, "LOG_ONLY", 128, sweepSeconds,
                retentionDays, purgePeriodSeconds);
        IgniteConfiguration configuration = asTestNode(configurations.apply(settings), name + "-" + settings.nodeName());
        // Accounts and TLS as the launcher adds them from the environment (nodeEnvironment gives a forked node the same).
        if (users != null) {
            configuration.setPluginProviders(new PresenceSecurityPlugin(users));
        }
        if (certificates != null) {
            tlsOf(index, settings.nodeName()).secureServer(configuration);
        }
        return configuration;
    }

    /**
     * The two things a server node in a test JVM changes: an instance name unique in the JVM (several test
     * grids run in one), and no Ignite REST connector, whose HTTP port Ignite reads from one JVM-wide
     * system property (IGNITE_JETTY_PORT) and so cannot differ between the nodes of one JVM; left on, it
     * would take port 8080 from a running API.
     */
    public static IgniteConfiguration asTestNode(IgniteConfiguration configuration, String instanceName) {
        return configuration.setIgniteInstanceName(instanceName).setConnectorConfiguration(null);
    }

    public Ignite node(int index) {
        Ignite node = running.get(index);
        if (node == null) {
            throw new IllegalStateException("node " + index + " is not running");
        }
        return node;
    }

    /** Graceful stop: the node finishes its work and writes a checkpoint. */
    public void stopNode(int index) {
        Ignition.stop(node(index).name(), false);
        running.remove(index);
    }

    /** Abrupt stop: cancels everything at once, as close to a crash as an in-process node gets. */
    public void killNode(int index) {
        Ignition.stop(node(index).name(), true);
        running.remove(index);
    }

    public void stopAll() {
        for (Integer index : running.keySet().toArray(new Integer[0])) {
            stopNode(index);
        }
    }

    public PortPlan ports() {
        return ports;
    }

    public Path home() {
        return home;
    }

    /** JDBC thin URL listing every node of this grid, as analysts would write it. */
    public String jdbcUrl(int nodeCount) {
        StringBuilder url = new StringBuilder("jdbc:ignite:thin://");
        for (int i = 0; i < nodeCount; i++) {
            url.append(i == 0 ? "" : ",").append("127.0.0.1:").append(ports.clientPort(i));
        }
        return url.toString();
    }

    @Override
    public void close() {
        for (Integer index : running.keySet().toArray(new Integer[0])) {
            killNode(index);
        }
        deleteHome();
        delete(tlsDirectory());
    }

    private void deleteHome() {
        delete(home);
    }

    private static void delete(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
