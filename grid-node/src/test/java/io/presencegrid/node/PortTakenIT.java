package io.presencegrid.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.presencegrid.testing.GridTestCluster;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.apache.ignite.Ignition;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.junit.jupiter.api.Test;

/**
 * The launcher tells a node that could not bind one of its ports (cluster.sh then starts it again) from
 * one that failed for any other reason, on the exceptions a real node start throws.
 */
class PortTakenIT {

    @Test
    void aTakenDiscoveryPortIsToldApart() throws IOException {
        try (GridTestCluster grid = GridTestCluster.create("port-taken-discovery", ServerAssembly::configuration);
                ServerSocket holder = bound(grid.ports().discoveryPort(0))) {
            Throwable failure = catchThrowable(() -> grid.startNode(0));

            assertThat(failure).as("a node start on a taken discovery port").isNotNull();
            assertThat(PortTaken.causes(failure)).as("said to be a taken port: %s", failure).isTrue();
        }
    }

    @Test
    void aTakenCommunicationPortIsToldApart() throws IOException {
        try (GridTestCluster grid = GridTestCluster.create("port-taken-communication", ServerAssembly::configuration);
                ServerSocket holder = bound(grid.ports().communicationPort(0))) {
            Throwable failure = catchThrowable(() -> grid.startNode(0));

            assertThat(failure).as("a node start on a taken communication port").isNotNull();
            assertThat(PortTaken.causes(failure)).as("said to be a taken port: %s", failure).isTrue();
        }
    }

    @Test
    void anotherStartFailureIsNotTakenForOne() {
        try (GridTestCluster grid = GridTestCluster.create("port-taken-other", ServerAssembly::configuration)) {
            IgniteConfiguration tooSmall = grid.configuration(0);
            // Ignite refuses a data region under 10 MB before it opens any port.
            tooSmall.getDataStorageConfiguration().getDefaultDataRegionConfiguration().setMaxSize(1024 * 1024);

            Throwable failure = catchThrowable(() -> Ignition.start(tooSmall));

            assertThat(failure).as("a node start with a 1 MB region").isNotNull();
            assertThat(PortTaken.causes(failure)).as("said to be a taken port: %s", failure).isFalse();
        }
    }

    private static ServerSocket bound(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress("127.0.0.1", port));
        return socket;
    }
}
