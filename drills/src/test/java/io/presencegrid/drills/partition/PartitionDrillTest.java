package io.presencegrid.drills.partition;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PartitionDrillTest {

    private static final String SEGMENTED = "WARN ... TcpDiscoverySpi - Unable to connect to next nodes in a ring, it seems local"
            + " node is experiencing connectivity issues. Segmenting local node to avoid case when one node fails a big part"
            + " of cluster.\nWARN ... GridDiscoveryManager - Local node SEGMENTED: TcpDiscoveryNode [...]\n";

    @Test
    void aNodeTheFailureHandlerHaltedAfterSegmentationIsSegmentedHalted() {
        String log = SEGMENTED + "ERROR ... ROOT - JVM will be halted immediately due to the failure: "
                + "[failureCtx=FailureContext [type=SEGMENTATION, err=null]]\n";

        assertThat(PartitionDrill.minorityFate(log, 5_400)).isEqualTo("segmented-halted");
    }

    @Test
    void aNodeThatDeclaredTheOthersFailedIsStillRunning() {
        String log = "WARN ... Local node has detected failed nodes and started cluster-wide procedure.\n"
                + "WARN ... GridDiscoveryManager - Node FAILED: TcpDiscoveryNode [...]\n";

        assertThat(PartitionDrill.minorityFate(log, -1)).isEqualTo("still-running");
    }

    @Test
    void aNodeGoneForAnotherReasonSaysSo() {
        assertThat(PartitionDrill.minorityFate("INFO ... node stopped\n", 3_000)).isEqualTo("exited-other");
        assertThat(PartitionDrill.minorityFate(SEGMENTED, 3_000)).isEqualTo("segmented-stopped");
    }

    @Test
    void aNodeHaltedForBeingInAMinoritySaysSo() {
        String log = "ERROR ... Local node is in a minority of the baseline after node presence-node-0 failed (1 of 3 baseline"
                + " nodes left): halting it. Segmenting local node\nERROR ... JVM will be halted immediately due to the failure\n";

        assertThat(PartitionDrill.minorityFate(log, 9_800)).isEqualTo("minority-halted");
    }
}
