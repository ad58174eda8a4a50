package io.presencegrid.topology;

import static io.presencegrid.topology.EnvironmentValues.text;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.ignite.configuration.AddressResolver;

/**
 * Where one node listens and how the other nodes reach it. Grid nodes and API nodes read it from the
 * same environment variables, so any of them can live on a host of its own; unset, a node keeps the
 * local cluster's loopback address and its ports from the {@link PortPlan}.
 *
 * @param bindHost          PRESENCE_NODE_HOST: the address the node's sockets bind
 * @param advertisedHost    PRESENCE_NODE_ADVERTISED_HOST: the address other nodes are told to connect to,
 *                          when it is not the bound one (NAT, a container's published address, a bind to
 *                          0.0.0.0); by default the bound address
 * @param discoveryPort     PRESENCE_DISCOVERY_PORT (grid nodes)
 * @param communicationPort PRESENCE_COMMUNICATION_PORT
 * @param clientPort        PRESENCE_CLIENT_PORT: thin client, JDBC and the control utility
 * @param restPort          PRESENCE_REST_PORT: Ignite REST (grid nodes)
 * @param metricsPort       PRESENCE_METRICS_PORT: the Prometheus metrics endpoint (grid nodes; an API node
 *                          serves its metrics on its HTTP port)
 */
public record NodePlacement(String bindHost, String advertisedHost, int discoveryPort, int communicationPort,
                            int clientPort, int restPort, int metricsPort) {

    public static final String BIND_HOST = "PRESENCE_NODE_HOST";
    public static final String ADVERTISED_HOST = "PRESENCE_NODE_ADVERTISED_HOST";
    public static final String DISCOVERY_PORT = "PRESENCE_DISCOVERY_PORT";
    public static final String COMMUNICATION_PORT = "PRESENCE_COMMUNICATION_PORT";
    public static final String CLIENT_PORT = "PRESENCE_CLIENT_PORT";
    public static final String REST_PORT = "PRESENCE_REST_PORT";
    public static final String METRICS_PORT = "PRESENCE_METRICS_PORT";

    /** Every node of the local cluster on one host: nothing of the grid is reachable from elsewhere. */
    public static final String LOOPBACK = "127.0.0.1";

    private static final int HIGHEST_PORT = 65_535;

    public NodePlacement {
        if (bindHost == null || bindHost.isBlank()) {
            throw new IllegalArgumentException(BIND_HOST + " must be an address, was blank");
        }
        bindHost = bindHost.trim();
        advertisedHost = advertisedHost == null || advertisedHost.isBlank() ? bindHost : advertisedHost.trim();
    }

    /** Grid node {@code nodeIndex} on loopback, at the plan's ports: test grids and the defaults. */
    public static NodePlacement local(int nodeIndex, PortPlan plan) {
        return new NodePlacement(LOOPBACK, LOOPBACK, plan.discoveryPort(nodeIndex), plan.communicationPort(nodeIndex),
                plan.clientPort(nodeIndex), plan.restPort(nodeIndex), plan.metricsPort(nodeIndex));
    }

    /** Grid node {@code nodeIndex}: each variable that is set wins over the plan's base port plus the index. */
    public static NodePlacement ofGridNode(int nodeIndex, PortPlan plan, Map<String, String> env) {
        return new NodePlacement(text(env, BIND_HOST, LOOPBACK), env.get(ADVERTISED_HOST),
                port(env, DISCOVERY_PORT, plan.discoveryPort(nodeIndex)),
                port(env, COMMUNICATION_PORT, plan.communicationPort(nodeIndex)),
                port(env, CLIENT_PORT, plan.clientPort(nodeIndex)),
                port(env, REST_PORT, plan.restPort(nodeIndex)),
                port(env, METRICS_PORT, plan.metricsPort(nodeIndex)));
    }

    /**
     * What Ignite's discovery and communication tell other nodes, when the node is not reached where it
     * binds. Every bound address maps to the advertised host at the same port, which covers a bind to
     * 0.0.0.0 as well as to one address.
     */
    public Optional<AddressResolver> addressResolver() {
        if (advertisedHost.equals(bindHost)) {
            return Optional.empty();
        }
        String advertised = advertisedHost;
        return Optional.of(bound -> List.of(new InetSocketAddress(advertised, bound.getPort())));
    }

    private static int port(Map<String, String> env, String name, int planned) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            if (planned > HIGHEST_PORT) {
                throw new IllegalArgumentException("the node index puts " + name + " past " + HIGHEST_PORT
                        + " (" + planned + "): set " + name + " or use a smaller index");
            }
            return planned;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 1 || port > HIGHEST_PORT) {
                throw new IllegalArgumentException(name + " must be a port, 1.." + HIGHEST_PORT + ", was " + port);
            }
            return port;
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException(name + " must be a port, 1.." + HIGHEST_PORT + ", was '" + value + "'");
        }
    }
}
