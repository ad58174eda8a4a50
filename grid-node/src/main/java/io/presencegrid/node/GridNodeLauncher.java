package io.presencegrid.node;

import io.presencegrid.node.metrics.PrometheusMetricExporterSpi;
import io.presencegrid.security.GridTls;
import io.presencegrid.security.GridUsers;
import io.presencegrid.security.PresenceSecurityPlugin;
import io.presencegrid.topology.LogFormat;
import io.presencegrid.topology.ServerNodeSettings;
import java.util.Optional;
import org.apache.ignite.Ignite;
import org.apache.ignite.Ignition;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.apache.ignite.spi.metric.jmx.JmxMetricExporterSpi;

/**
 * Starts one presence-grid server node in this JVM: {@code GridNodeLauncher <node index>}.
 * PRESENCE_HOME and the other PRESENCE_* variables are read from the environment: where the node binds,
 * what it advertises and its ports as well ({@link io.presencegrid.topology.NodePlacement}).
 */
public final class GridNodeLauncher {

    /** {@code off}: no Prometheus endpoint on {@link io.presencegrid.topology.NodePlacement#METRICS_PORT}. */
    public static final String METRICS_MODE = "PRESENCE_METRICS";

    public static void main(String[] args) {
        if (args.length != 1 || !args[0].matches("\\d{1,4}")) {
            System.err.println("usage: GridNodeLauncher <node index, 0 or more>");
            System.exit(2);
        }
        ServerNodeSettings settings;
        LogFormat logFormat;
        Optional<GridTls> tls;
        Optional<GridUsers> accounts;
        try {
            settings = ServerNodeSettings.fromEnvironment(Integer.parseInt(args[0]), System.getenv());
            logFormat = LogFormat.fromEnvironment(System.getenv());
            tls = GridTls.fromEnvironment(System.getenv());
            accounts = GridUsers.enabled(System.getenv())
                    ? Optional.of(GridUsers.fromEnvironment(System.getenv())) : Optional.empty();
        } catch (IllegalArgumentException badSetting) {
            System.err.println("grid node not started: " + badSetting.getMessage());
            System.exit(2);
            return;
        }

        // Before anything touches SLF4J: logback.xml writes to this file.
        System.setProperty("presence.log.file", settings.logFile().toString());
        if (logFormat == LogFormat.JSON) {
            System.setProperty("logback.configurationFile", "logback-json.xml");
            // Ignite's quiet mode prints its banner and a summary straight to stdout, past the logger;
            // not quiet, all of it goes through the logger and comes out as JSON.
            System.setProperty("IGNITE_QUIET", "false");
        }
        // ignite-rest-http reads its Jetty address from system properties only; one node per JVM here.
        System.setProperty("IGNITE_JETTY_HOST", settings.placement().bindHost());
        System.setProperty("IGNITE_JETTY_PORT", String.valueOf(settings.placement().restPort()));
        // Our hook below stops the node gracefully (cancel=false: running jobs finish, a final
        // checkpoint is written); Ignite's own hook would race it.
        System.setProperty("IGNITE_NO_SHUTDOWN_HOOK", "true");

        if (tls.isEmpty()) {
            System.err.println("grid node " + settings.nodeName() + ": TLS is off (" + GridTls.MODE + "=off): anyone who "
                    + "reaches its ports can join the grid or read its data");
        }
        if (accounts.isEmpty()) {
            System.err.println("grid node " + settings.nodeName() + ": authentication is off (" + GridUsers.MODE
                    + "=off): thin clients, JDBC and Ignite REST need no account");
        }

        Ignite node;
        try {
            IgniteConfiguration configuration = ServerAssembly.configuration(settings);
            tls.ifPresent(grid -> grid.secureServer(configuration));
            accounts.ifPresent(users -> configuration.setPluginProviders(new PresenceSecurityPlugin(users)));
            if (!"off".equalsIgnoreCase(System.getenv().getOrDefault(METRICS_MODE, "on").trim())) {
                // Setting exporters replaces Ignite's default, JMX, which jconsole and the control utility's
                // metric command still want.
                configuration.setMetricExporterSpi(new JmxMetricExporterSpi(), new PrometheusMetricExporterSpi(
                        settings.placement().bindHost(), settings.placement().metricsPort()));
            }
            node = Ignition.start(configuration);
        } catch (RuntimeException startFailed) {
            // Exit rather than return: after a failed discovery start (a port taken) Ignite 2.17
            // leaves a non-daemon tcp-disco-msg-worker thread behind, and the JVM would live on as a
            // node that never joins while cluster.sh waits for it.
            startFailed.printStackTrace();
            // cluster.sh checks the ports just before it launches a node, so a port taken now was most
            // likely held for an instant by an outgoing connection whose ephemeral port the kernel picked
            // from the same range: cluster.sh starts the node again on that line.
            String why = PortTaken.causes(startFailed) ? PortTaken.MESSAGE : "failed to start";
            System.err.println("grid node " + settings.nodeName() + " " + why + ": " + startFailed.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> Ignition.stop(node.name(), false), "graceful-stop"));
    }
}
