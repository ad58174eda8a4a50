package io.presencegrid.api.grid;

import org.springframework.beans.factory.annotation.Autowired;
import io.presencegrid.api.support.ApiGridTest;
import static io.presencegrid.api.support.TestJwt.TOKENS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.presencegrid.clienttools.api.ApiAnswer;
import io.presencegrid.clienttools.api.ApiClient;
import io.presencegrid.schema.CacheNames;
import io.presencegrid.schema.DeviceState;
import io.presencegrid.schema.PresenceStatus;
import io.presencegrid.schema.UserPresence;
import io.presencegrid.testing.GridTestCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.ignite.cluster.ClusterState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The API node joins a real two-node grid as a client and reports it on /actuator/health: status only
 * to anyone (probes), details to an operator's token, liveness apart from readiness.
 */
@ApiGridTest(name = "api-health", sweepSeconds = 10, properties = "presence.grid.metrics-refresh-millis=500")
class GridHealthIT {

    @Autowired
    private GridTestCluster grid;

    @LocalServerPort
    private int port;

    @Autowired
    private ServletWebServerApplicationContext context;

    @Value("${presence.grid.work-directory}")
    private String workDirectory;

    private ApiClient api;

    /** Runs while the Spring context is being built, so the grid is up before the client node joins. */

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @Test
    void anOperatorSeesAnActiveGridWithItsServersAndEntries() {
        grid.node(0).cache(CacheNames.PRESENCE).put("health-user", UserPresence.visible(PresenceStatus.ONLINE, null,
                Map.of("phone", new DeviceState(PresenceStatus.ONLINE, Instant.now())), Instant.now(), Instant.now(), 1));

        // Entries come from the grid gauges' last sample (every 500 ms here), not from a task per request.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            ApiAnswer response = api.get("/actuator/health", TOKENS.admin("operator"));
            JsonNode gridHealth = response.json().path("components").path("grid");
            assertThat(response.status()).isEqualTo(200);
            assertThat(gridHealth.path("status").asText()).isEqualTo("UP");
            assertThat(gridHealth.path("details").path("state").asText()).isEqualTo("ACTIVE");
            assertThat(gridHealth.path("details").path("servers").asInt()).isEqualTo(2);
            assertThat(gridHealth.path("details").path("entries").path(CacheNames.PRESENCE).asLong()).isEqualTo(1);
        });
    }

    @Test
    void probesAndOrdinaryUsersSeeTheStatusOnly() {
        for (String token : new String[] {null, TOKENS.user("curious")}) {
            ApiAnswer health = api.get("/actuator/health", token);
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().path("status").asText()).isEqualTo("UP");
            assertThat(health.body()).doesNotContain("servers", "components", "entries");
        }
        assertThat(api.get("/actuator/health/liveness", null).json().path("status").asText()).isEqualTo("UP");
        assertThat(api.get("/actuator/health/readiness", null).json().path("status").asText()).isEqualTo("UP");
        assertThat(api.get("/actuator/health/grid", null).status()).as("a component, for operators only").isEqualTo(404);
    }

    @Test
    void whileTheClusterIsInactiveTheNodeIsLiveButNotReady() {
        grid.node(0).cluster().state(ClusterState.INACTIVE);
        try {
            ApiAnswer readiness = api.get("/actuator/health/readiness", null);
            ApiAnswer liveness = api.get("/actuator/health/liveness", null);
            ApiAnswer details = api.get("/actuator/health", TOKENS.admin("operator"));

            assertThat(readiness.status()).isEqualTo(503);
            assertThat(readiness.json().path("status").asText()).isEqualTo("DOWN");
            assertThat(liveness.status()).isEqualTo(200);
            assertThat(details.status()).isEqualTo(503);
            assertThat(details.json().path("components").path("grid").path("details").path("state").asText()).isEqualTo("INACTIVE");
        } finally {
            grid.node(0).cluster().state(ClusterState.ACTIVE);
        }
    }

    @Test
    void metricsAndBuildInfoNeedTheAdminScopeOnTheApiPort() {
        assertThat(api.get("/actuator/prometheus", null).status()).isEqualTo(401);
        assertThat(api.get("/actuator/prometheus", TOKENS.user("curious")).status()).isEqualTo(403);
        assertThat(api.get("/actuator/info", TOKENS.user("curious")).status()).isEqualTo(403);

        ApiAnswer metrics = api.get("/actuator/prometheus", TOKENS.admin("operator"));
        ApiAnswer info = api.get("/actuator/info", TOKENS.admin("operator"));

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("presence_grid_servers");
        assertThat(info.status()).isEqualTo(200);
        assertThat(info.json().path("build").path("version").asText()).isNotBlank();
        assertThat(info.json().path("build").path("time").asText()).isNotBlank();
        assertThat(info.json().path("git").path("commit").path("id").asText()).as("the commit the jar was built from").isNotBlank();
    }

    /** A node that is killed cannot clean up after itself: whatever Tomcat writes stays in the node's own directory. */
    @Test
    void tomcatKeepsItsFilesInTheNodesWorkDirectory() {
        Tomcat tomcat = ((TomcatWebServer) context.getWebServer()).getTomcat();
        Context application = (Context) tomcat.getHost().findChildren()[0];
        Path work = Path.of(workDirectory).toAbsolutePath();

        assertThat(Path.of(application.getDocBase())).isEqualTo(work.resolve("tomcat").resolve("docbase")).isDirectory();
        assertThat(tomcat.getServer().getCatalinaBase().toPath().toAbsolutePath()).startsWith(work);
    }
}
