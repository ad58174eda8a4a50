package io.presencegrid.topology;

/**
 * Where the nodes of one grid listen: node {@code i} takes each base port plus {@code i}. The local
 * cluster uses {@link #LOCAL}; tests pick other bases so they never collide with a running cluster.
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

    public static final PortPlan LOCAL = new PortPlan(47500, 10, 47100, 10800, 8091, 9091);

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
}
