package io.presencegrid.api.grid;

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
 */
@ConfigurationProperties("presence.grid")
public record GridProperties(String instanceName, String discoveryAddresses, int communicationPort,
                             String workDirectory, long statsTimeoutMillis,
                             long metricsRefreshMillis, long retryMillis) {
}
