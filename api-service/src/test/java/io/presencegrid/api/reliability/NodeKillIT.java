package io.presencegrid.api.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.presencegrid.api.support.ApiGrid;
import io.presencegrid.api.support.TestJwt;
import io.presencegrid.clienttools.token.PresenceTokens;
import io.presencegrid.drills.faults.UpdatesUnderFault;
import io.presencegrid.schema.CacheNames;
import io.presencegrid.testing.ForkedServerNode;
import io.presencegrid.testing.GridTestCluster;
import java.time.Duration;
import org.apache.ignite.Ignite;
import org.apache.ignite.cluster.ClusterNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The fast part of scripts/drill.sh node-kill, in mvn verify: the drill's own load, subscriber and
 * checks against an in-process API, while one of three server nodes, a JVM of its own, is SIGKILLed
 * mid-load. No request may fail (the API retries calls the crash broke), no acknowledged update may
 * be lost, and the subscriber sees every version once, in order. (An in-process node cannot crash:
 * even a cancelling stop hands its transactions over, and with it this test passed without retries.)
 * Whether a crash catches a transaction mid-way is timing: at this load, without the API's retries,
 * this test failed in one run of two; GridCallsTest checks the retries themselves deterministically.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class NodeKillIT {

    private static GridTestCluster grid;
    private static ForkedServerNode third;

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void grid(DynamicPropertyRegistry properties) throws Exception {
        grid = ApiGrid.start("api-node-kill", 60, 60, 2, properties);
        Ignite first = grid.node(0);
        third = ForkedServerNode.start(grid, 2, 60, 60, first);
        // Into the baseline, so that the third node holds copies: a third of the primaries among them.
        first.cluster().setBaselineTopology(first.cluster().topologyVersion());
        ClusterNode forked = first.cluster().forServers().forRemotes().nodes().stream()
                .filter(node -> node.consistentId().toString().endsWith("-2")).findFirst().orElseThrow();
        await("the forked node holds primaries").atMost(Duration.ofSeconds(60)).until(() -> first.affinity(CacheNames.PRESENCE).primaryPartitions(forked).length > 0);
    }

    @AfterAll
    static void stopGrid() throws InterruptedException {
        if (third != null) {
            third.close();
        }
        ApiGrid.stop(grid);
    }

    @Test
    void updatesRideOutAServerNodeKilledUnderLoadAndNothingAcknowledgedIsLost() throws Exception {
        UpdatesUnderFault.Report report = UpdatesUnderFault.run("http://127.0.0.1:" + port, new PresenceTokens(TestJwt.SECRET),
                "nki-user", 40, 8, () -> {
                    Thread.sleep(4_000);
                    third.kill();
                    // The grid's failure detection (10 s) and the retries it causes fall inside the run.
                    Thread.sleep(15_000);
                });

        assertThat(report.acknowledged()).isGreaterThan(200);
        assertThat(report.failed()).as("failed requests").isZero();
        assertThat(report.lost()).as("acknowledged updates lost").isZero();
        assertThat(report.versionGaps()).as("version gaps at the subscriber").isZero();
        assertThat(report.outOfOrder()).as("events out of order").isZero();
        assertThat(report.lastEventMissing()).as("users whose last event never came").isZero();
        assertThat(report.subscriberClosed()).isFalse();
    }
}
