package io.presencegrid.topology;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Where the nodes of one grid listen: node {@code i} takes each base port plus {@code i}. The local
 * cluster uses {@link #LOCAL}, read from {@code presence-grid/local-ports.properties}, the file the
 * scripts read too; tests pick other bases so they never collide with a running cluster.
 *
 * @param discoveryBase     TcpDiscoverySpi port of node 0
 * @param discoveryRange    how many discovery ports the IP finder probes, so nodes find each other
 * @param communicationBase TcpCommunicationSpi port of node 0
 * @param clientBase        thin client / JDBC / control utility port of node 0
 * @param restBase          Ignite REST (ignite-rest-http) port of node 0
 * @param metricsBase       Prometheus metrics endpoint of node 0
 */
public record PortPlan(int discoveryBase, int discoveryRange, int communicationBase, int clientBase, int restBase,
                       int metricsBase) {

    /** The file that defines the local cluster's ports, on the classpath and in the repository. */
    public static final String LOCAL_PORTS_RESOURCE = "presence-grid/local-ports.properties";
    private static final Properties LOCAL_PORTS = loadLocalPorts();
    public static final PortPlan LOCAL = new PortPlan(localPort("discovery.base"), localPort("discovery.range"),
            localPort("communication.base"), localPort("thin.base"), localPort("rest.base"), localPort("metrics.base"));
    /** API node {@code N} of the local cluster listens on this plus {@code N}. */
    public static final int LOCAL_API_BASE = localPort("api.base");

    public int discoveryPort(int nodeIndex) {
        return discoveryBase + nodeIndex;
    }

    public int communicationPort(int nodeIndex) {
        return communicationBase + nodeIndex;
    }

    public int clientPort(int nodeIndex) {
        return clientBase + nodeIndex;
    }

    public int restPort(int nodeIndex) {
        return restBase + nodeIndex;
    }

    public int metricsPort(int nodeIndex) {
        return metricsBase + nodeIndex;
    }

    /** The static IP finder's address list, e.g. {@code 127.0.0.1:47500..47509}. */
    public String discoveryAddresses() {
        return "127.0.0.1:" + discoveryBase + ".." + (discoveryBase + discoveryRange - 1);
    }

    private static Properties loadLocalPorts() {
        try (InputStream in = PortPlan.class.getClassLoader().getResourceAsStream(LOCAL_PORTS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(LOCAL_PORTS_RESOURCE + " is not on the classpath");
            }
            Properties ports = new Properties();
            ports.load(in);
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException(LOCAL_PORTS_RESOURCE + " could not be read", e);
        }
    }

    private static int localPort(String key) {
        String value = LOCAL_PORTS.getProperty(key);
        if (value == null) {
            throw new IllegalStateException(LOCAL_PORTS_RESOURCE + " has no " + key);
        }
        return Integer.parseInt(value.strip());
    }
}
