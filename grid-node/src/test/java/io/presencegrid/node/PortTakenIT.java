package io.presencegrid.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.presencegrid.testing.GridTestCluster;
import io.presencegrid.topology.PortPlan;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Locale;
import java.util.function.BiFunction;
import org.apache.ignite.Ignition;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The launcher tells a node that could not bind one of its ports (cluster.sh then starts it again) from
 * one that failed for any other reason, on the exceptions a real node start throws.
 */
class PortTakenIT {

    /** The two ports Ignite binds that lie in Linux's ephemeral range on the local cluster's defaults. */
    enum NodePort {
        DISCOVERY(PortPlan::discoveryPort),
        COMMUNICATION(PortPlan::communicationPort);

        private final BiFunction<PortPlan, Integer, Integer> ofNode;

        NodePort(BiFunction<PortPlan, Integer, Integer> ofNode) {
            this.ofNode = ofNode;
        }
    }

    @ParameterizedTest
    @EnumSource(NodePort.class)
    void aTakenPortIsToldApart(NodePort taken) throws IOException {
        String name = "port-taken-" + taken.name().toLowerCase(Locale.ROOT);
        try (GridTestCluster grid = GridTestCluster.create(name, ServerAssembly::configuration);
                ServerSocket holder = bound(taken.ofNode.apply(grid.ports(), 0))) {
            Throwable failure = catchThrowable(() -> grid.startNode(0));

            assertThat(failure).as("a node start on a taken %s port", taken).isNotNull();
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
