package io.presencegrid.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencegrid.topology.PortPlan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The local cluster's ports are defined once: the scripts read the same file Java reads as
 * {@link PortPlan#LOCAL}, and the API's defaults name the same ports.
 */
class PortPlanTest {

    @Test
    void theScriptsUseThePortsJavaUses() {
        // Empty host overrides: the scripts then reach the grid on loopback, as the local cluster binds it.
        RepoScript.Result ports = RepoScript.run(Duration.ofSeconds(30), Map.of("PRESENCE_TOOLS_GRID_HOST", "", "PRESENCE_NODE_HOST", ""),
                null, List.of("bash", "-c",
                "source scripts/lib/common.sh && echo $DISCOVERY_PORT_BASE $COMMUNICATION_PORT_BASE $THIN_PORT_BASE"
                        + " $REST_PORT_BASE $METRICS_PORT_BASE $API_PORT_BASE && echo $JDBC_URL"));

        PortPlan local = PortPlan.LOCAL;
        assertThat(ports.exitCode()).isZero();
        assertThat(ports.output().lines().toList()).containsExactly(
                String.format("%d %d %d %d %d %d", local.discoveryBase(), local.communicationBase(), local.clientBase(), local.restBase(),
                        local.metricsBase(), PortPlan.LOCAL_API_BASE),
                "jdbc:ignite:thin://127.0.0.1:" + local.clientPort(0) + ",127.0.0.1:" + local.clientPort(1) + ",127.0.0.1:"
                        + local.clientPort(2));
    }

    @Test
    void theApiDefaultsToTheLocalPlan() throws IOException {
        String apiConfig = Files.readString(RepoScript.REPO_ROOT.resolve("api-service/src/main/resources/application.yaml"));

        assertThat(apiConfig).contains("${PRESENCE_API_PORT:" + PortPlan.LOCAL_API_BASE + "}")
                .contains("${PRESENCE_GRID_ADDRESSES:" + PortPlan.LOCAL.discoveryAddresses() + "}");
    }

    @Test
    void theRepositoryFileIsTheOneOnTheClasspath() throws IOException {
        String inRepository = Files.readString(RepoScript.REPO_ROOT.resolve("grid-config/src/main/resources/" + PortPlan.LOCAL_PORTS_RESOURCE));
        try (var onClasspath = PortPlan.class.getClassLoader().getResourceAsStream(PortPlan.LOCAL_PORTS_RESOURCE)) {
            assertThat(onClasspath).isNotNull();
            assertThat(new String(onClasspath.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(inRepository);
        }
    }
}
