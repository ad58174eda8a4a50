package io.presencegrid.api.grid;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencegrid.testing.GridTestCluster;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteException;
import org.apache.ignite.Ignition;
import org.apache.ignite.configuration.DataRegionConfiguration;
import org.apache.ignite.configuration.DataStorageConfiguration;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.apache.ignite.failure.FailureContext;
import org.apache.ignite.failure.FailureType;
import org.apache.ignite.lifecycle.LifecycleBean;
import org.apache.ignite.lifecycle.LifecycleEventType;
import org.apache.ignite.resources.IgniteInstanceResource;
import org.apache.ignite.spi.communication.tcp.TcpCommunicationSpi;
import org.apache.ignite.spi.discovery.tcp.TcpDiscoverySpi;
import org.apache.ignite.spi.discovery.tcp.ipfinder.vm.TcpDiscoveryVmIpFinder;
import org.junit.jupiter.api.Test;

/** On a real node: a failure while it runs goes to the halting handler, one reported during its stop does not. */
class HaltUnlessStoppingIT {

    /** Clear of GridTestCluster's slots (discovery from 28500, ten ports a slot) and of a local cluster. */
    private static final int DISCOVERY_PORT = 28990 + GridTestCluster.PORT_SHIFT;

    private final List<FailureContext> halted = new CopyOnWriteArrayList<>();
    /** Stands in for Ignite's halting handler, which would end the test's JVM: records what reached it. */
    private final HaltUnlessStopping handler = new HaltUnlessStopping((ignite, failure) -> halted.add(failure));
    private final FailureContext workerEnded =
            new FailureContext(FailureType.SYSTEM_WORKER_TERMINATION, new IgniteException("tcp-client-disco-msg-worker ended"));

    @Test
    void aRunningNodesFailureHaltsAndOneReportedWhileItStopsDoesNot() {
        AtomicReference<Boolean> invalidatedWhileStopping = new AtomicReference<>();
        try (Ignite node = Ignition.start(node(new ReportFailureWhenStopping(invalidatedWhileStopping)))) {
            assertThat(handler.onFailure(node, workerEnded)).as("the halting handler's answer").isTrue();
            assertThat(halted).containsExactly(workerEnded);
        }

        assertThat(invalidatedWhileStopping.get()).as("reported during the node's stop").isFalse();
        assertThat(halted).as("nothing more reached the halting handler").hasSize(1);
    }

    @Test
    void failuresIgniteIgnoresByDefaultStayIgnored() {
        try (Ignite node = Ignition.start(node(type -> { }))) {
            assertThat(handler.onFailure(node, new FailureContext(FailureType.SYSTEM_WORKER_BLOCKED, null))).isFalse();
            assertThat(halted).isEmpty();
        }
    }

    /** Reports the worker's end from inside the node's stop, as Ignite's worker registry did. */
    private final class ReportFailureWhenStopping implements LifecycleBean {

        private final AtomicReference<Boolean> invalidated;

        @IgniteInstanceResource
        private Ignite ignite;

        ReportFailureWhenStopping(AtomicReference<Boolean> invalidated) {
            this.invalidated = invalidated;
        }

        @Override
        public void onLifecycleEvent(LifecycleEventType type) {
            if (type == LifecycleEventType.BEFORE_NODE_STOP) {
                invalidated.set(handler.onFailure(ignite, workerEnded));
            }
        }
    }

    private static IgniteConfiguration node(LifecycleBean lifecycle) {
        String address = "127.0.0.1:" + DISCOVERY_PORT;
        return GridTestCluster.asTestNode(new IgniteConfiguration(), "halt-unless-stopping")
                .setLocalHost("127.0.0.1")
                .setWorkDirectory(Path.of("target", "halt-unless-stopping").toAbsolutePath().toString())
                .setLifecycleBeans(lifecycle)
                .setClientConnectorConfiguration(null)
                .setMetricsLogFrequency(0)
                .setDataStorageConfiguration(new DataStorageConfiguration().setDefaultDataRegionConfiguration(
                        new DataRegionConfiguration().setName("default").setInitialSize(64L * 1024 * 1024).setMaxSize(64L * 1024 * 1024)))
                .setDiscoverySpi(new TcpDiscoverySpi().setLocalPort(DISCOVERY_PORT).setLocalPortRange(1)
                        .setIpFinder(new TcpDiscoveryVmIpFinder().setAddresses(List.of(address))))
                .setCommunicationSpi(new TcpCommunicationSpi().setLocalPort(DISCOVERY_PORT + 5).setLocalPortRange(1));
    }
}
