package io.presencegrid.api.auth;

import static io.presencegrid.api.support.TestJwt.TOKENS;
import static org.assertj.core.api.Assertions.assertThat;

import io.presencegrid.api.support.ApiGrid;
import io.presencegrid.clienttools.api.ApiClient;
import io.presencegrid.testing.GridTestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * PRESENCE_MANAGEMENT_PORT moves the actuator to a port of its own, for a network only operators reach:
 * metrics and build info there need no token, health details still do, and the API's port serves no
 * actuator at all while its own rules are unchanged.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
@DirtiesContext
class ManagementPortIT {

    private static GridTestCluster grid;

    @LocalServerPort
    private int apiPort;

    @LocalManagementPort
    private int managementPort;

    @DynamicPropertySource
    static void grid(DynamicPropertyRegistry properties) {
        grid = ApiGrid.start("api-management-port", 60, 10, properties);
    }

    @AfterAll
    static void stopGrid() {
        ApiGrid.stop(grid);
    }

    @Test
    void metricsAndBuildInfoNeedNoTokenOnTheManagementPort() {
        ApiClient management = new ApiClient(managementPort);

        assertThat(managementPort).isNotEqualTo(apiPort);
        assertThat(management.get("/actuator/prometheus", null).status()).isEqualTo(200);
        assertThat(management.get("/actuator/prometheus", null).body()).contains("presence_grid_servers");
        assertThat(management.get("/actuator/info", null).status()).isEqualTo(200);
    }

    @Test
    void healthDetailsThereStillNeedAnOperatorsToken() {
        ApiClient management = new ApiClient(managementPort);

        assertThat(management.get("/actuator/health", null).body()).doesNotContain("servers");
        assertThat(management.get("/actuator/health/readiness", null).json().path("status").asText()).isEqualTo("UP");
        assertThat(management.get("/actuator/health", TOKENS.admin("operator")).json()
                .path("components").path("grid").path("details").path("servers").asInt()).isEqualTo(2);
    }

    @Test
    void theApiPortServesNoActuatorAndKeepsItsOwnRules() {
        ApiClient api = new ApiClient(apiPort);

        assertThat(api.get("/actuator/prometheus", TOKENS.admin("operator")).status()).isEqualTo(404);
        assertThat(api.get("/v1/status/nobody-here", null).status()).isEqualTo(401);
        assertThat(api.get("/v1/status/nobody-here", TOKENS.user("someone")).status()).isEqualTo(404);
    }
}
