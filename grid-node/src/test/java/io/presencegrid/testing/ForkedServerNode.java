package io.presencegrid.testing;

import io.presencegrid.node.ServerAssembly;
import io.presencegrid.security.GridTls;
import io.presencegrid.security.GridUsers;
import io.presencegrid.security.PresenceSecurityPlugin;
import io.presencegrid.topology.ServerNodeSettings;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.ignite.Ignite;
import org.apache.ignite.Ignition;
import org.apache.ignite.configuration.IgniteConfiguration;

/**
 * A test grid's server node in a JVM of its own, so a test can SIGKILL it: an in-process node can
 * only be stopped, and even a cancelling stop leaves the grid gracefully, with its transactions
 * finished or handed over, which is not what a crash does. Same configuration as the in-process
 * nodes (grid-node's {@link ServerAssembly}, with {@link GridTestCluster#asTestNode}), same ports plan,
 * same home.
 */
public final class ForkedServerNode implements AutoCloseable {

    private final Process process;

    private ForkedServerNode(Process process) {
        this.process = process;
    }

    /**
     * Starts node {@code index} of {@code grid} in a new JVM and waits until {@code member} sees it
     * among the servers. Its output goes to {@code node-INDEX.out} in the grid's home.
     */
    public static ForkedServerNode start(GridTestCluster grid, int index, int ttlSeconds, int sweepSeconds, Ignite member)
            throws IOException, InterruptedException {
        Files.createDirectories(grid.home());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        // The --add-opens flags Ignite needs on Java 17 come from this JVM's argLine.
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(arg -> arg.startsWith("--add-opens") || arg.startsWith("-D")).forEach(command::add);
        command.addAll(List.of("-Xmx256m", "-cp", System.getProperty("java.class.path"), ForkedServerNode.class.getName(),
                String.valueOf(index), grid.home().toString(), String.valueOf(ttlSeconds), String.valueOf(sweepSeconds)));
        int serversBefore = member.cluster().forServers().nodes().size();
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(grid.home().resolve("node-" + index + ".out").toFile());
        // The grid's TLS and accounts, as a grid node's launcher reads them.
        builder.environment().putAll(grid.nodeEnvironment(index));
        Process process = builder.start();
        ForkedServerNode node = new ForkedServerNode(process);
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (member.cluster().forServers().nodes().size() <= serversBefore) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                node.close();
                throw new IllegalStateException("forked node " + index + " did not join (" + (process.isAlive() ? "timed out" : "exited")
                        + "); the end of its output:\n" + tail(grid.home().resolve("node-" + index + ".out"), 40));
            }
            Thread.sleep(200);
        }
        return node;
    }

    /** The last {@code lines} lines of {@code log}: a failure report's best clue when the node's home is removed after. */
    private static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    /** SIGKILL: no goodbye to the grid, no checkpoint, transactions cut mid-way. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }

    /** The forked JVM: starts the node and lives until killed. */
    public static void main(String[] args) throws InterruptedException {
        haltWhenTheParentGoes();
        ServerNodeSettings settings = new ServerNodeSettings(Integer.parseInt(args[0]), Path.of(args[1]), GridTestCluster.TEST_PORTS,
                Integer.parseInt(args[2]), "LOG_ONLY", 128, Integer.parseInt(args[3]),
                ServerNodeSettings.DEFAULT_RETENTION_DAYS, ServerNodeSettings.DEFAULT_PURGE_PERIOD_SECONDS);
        IgniteConfiguration configuration = GridTestCluster.asTestNode(ServerAssembly.configuration(settings),
                "forked-" + settings.nodeName());
        GridTls.fromEnvironment(System.getenv()).ifPresent(tls -> tls.secureServer(configuration));
        if (GridUsers.enabled(System.getenv())) {
            configuration.setPluginProviders(new PresenceSecurityPlugin(GridUsers.fromEnvironment(System.getenv())));
        }
        Ignition.start(configuration);
        Thread.currentThread().join();
    }

    /**
     * A forked node must not outlive the test JVM that started it (a build killed on a timeout): it
     * would sit on the test ports and join the next run's grid. Its stdin is a pipe from the parent,
     * which nobody writes to; it ends when the parent exits, however it exits.
     */
    private static void haltWhenTheParentGoes() {
        Thread watch = new Thread(() -> {
            try {
                while (System.in.read() != -1) {
                    // Nothing is ever sent; only the end of the stream matters.
                }
            } catch (IOException parentGone) {
                // As good as the end of the stream.
            }
            Runtime.getRuntime().halt(1);
        }, "parent-watch");
        watch.setDaemon(true);
        watch.start();
    }
}
