package io.presencegrid.api.auth;

import org.springframework.beans.factory.annotation.Autowired;
import io.presencegrid.api.support.ApiGridTest;
import static io.presencegrid.api.support.TestJwt.TOKENS;
import static org.assertj.core.api.Assertions.assertThat;

import io.presencegrid.clienttools.api.ApiClient;
import io.presencegrid.testing.GridTestCluster;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * PRESENCE_MANAGEMENT_PORT moves the actuator to a port of its own, for a network only operators reach:
 * metrics and build info there need no token, health details still do, and the API's port serves no
 * actuator at all while its own rules are unchanged.
 */
@ApiGridTest(name = "api-management-port", sweepSeconds = 10, properties = "management.server.port=0")
class ManagementPortIT {

    @Autowired
    private GridTestCluster grid;

    @LocalServerPort
    private int apiPort;

    @LocalManagementPort
    private int managementPort;

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
