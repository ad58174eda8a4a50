package io.presencegrid.api.grid;

import io.presencegrid.security.GridTls;
import io.presencegrid.security.Secrets;
import io.presencegrid.topology.NodePlacement;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How this API node joins the grid ({@code presence.grid.*} in application.yaml).
 *
 * @param instanceName       Ignite instance name of this client node, e.g. {@code api-0}
 * @param discoveryAddresses where the server nodes' discovery listens, e.g. {@code 127.0.0.1:47500..47509}
 * @param communicationPort  first port this client node tries for node-to-node traffic (next free of 20)
 * @param workDirectory      where the client keeps Ignite's marshaller metadata
 * @param statsTimeoutMillis how long the grid meters and the admin stats wait for their grid tasks
 * @param metricsRefreshMillis how often the grid gauges on /actuator/prometheus are recomputed
 * @param retryMillis        how long a request may keep retrying a grid call that failed because the
 *                           topology changed under it (a server node died or left) before it answers 503
 * @param tls                how this client node talks TLS to the grid (PRESENCE_GRID_TLS*, as the grid nodes)
 * @param auth               PRESENCE_GRID_AUTH, on (the default) or off, as the grid nodes: every node of a grid
 *                           with authentication carries its security plugin, this one with no accounts
 * @param host               PRESENCE_NODE_HOST: the address this client node binds, as on a grid node
 * @param advertisedHost     PRESENCE_NODE_ADVERTISED_HOST: the address the grid nodes are told to reach it at,
 *                           when not the bound one (NAT, containers); empty for the bound one
 * @param clientPort         PRESENCE_CLIENT_PORT: first port of this node's thin-client listener (next free of 20)
 */
@ConfigurationProperties("presence.grid")
public record GridProperties(String instanceName, String discoveryAddresses, int communicationPort,
                             String workDirectory, long statsTimeoutMillis,
                             long metricsRefreshMillis, long retryMillis, Tls tls, String auth,
                             String host, String advertisedHost, int clientPort) {

    /** Where this client node listens and what it advertises, with the grid nodes' reading of the same variables. */
    public NodePlacement placement() {
        // A client node listens on no discovery or REST port of its own.
        return new NodePlacement(host, advertisedHost, 0, communicationPort, clientPort, 0, 0);
    }

    /**
     * {@code presence.grid.tls.*}: the same settings and defaults as {@link GridTls#fromEnvironment}.
     *
     * @param mode              on (the default) or off
     * @param keyStore          PKCS12 with this API node's key and certificate chain
     * @param trustStore        PKCS12 with the grid's CA certificate(s)
     * @param storePassword     the password of both stores, or
     * @param storePasswordFile a file that holds it
     */
    public record Tls(String mode, String keyStore, String trustStore, String storePassword, String storePasswordFile) {

        /** The settings, or empty when the grid's TLS is off. */
        public Optional<GridTls> settings() {
            return GridTls.of(mode, keyStore, trustStore,
                    Secrets.valueOrFile(GridTls.STORE_PASSWORD, storePassword, storePasswordFile).orElse(null));
        }
    }
}
