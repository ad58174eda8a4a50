package io.presencegrid.api.grid;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencegrid.schema.CacheNames;
import io.presencegrid.schema.PresenceStatus;
import io.presencegrid.schema.UserPresence;
import io.presencegrid.testing.GridTestCluster;
import io.presencegrid.api.support.ApiGrid;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.apache.ignite.cluster.ClusterState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The API node joins a real two-node grid as a client and reports it on /actuator/health. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class GridHealthIT {

    private static GridTestCluster grid;

    @LocalServerPort
    private int port;

    private final ObjectMapper json = new ObjectMapper();

    /** Runs while the Spring context is being built, so the grid is up before the client node joins. */
    @DynamicPropertySource
    static void grid(DynamicPropertyRegistry properties) {
        grid = ApiGrid.start("api-health", 60, 10, properties);
    }

    @AfterAll
    static void stopGrid() {
        ApiGrid.stop(grid);
    }

    @Test
    void healthShowsAnActiveGridWithItsServersAndEntries() throws Exception {
        grid.node(0).cache(CacheNames.PRESENCE).put("health-user",
                UserPresence.visible(PresenceStatus.ONLINE, null, java.util.Map.of("phone", new io.presencegrid.schema.DeviceState(PresenceStatus.ONLINE, Instant.now())),
                        Instant.now(), Instant.now(), 1));

        HttpResponse<String> response = health();
        JsonNode grid = json.readTree(response.body()).path("components").path("grid");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(grid.path("status").asText()).isEqualTo("UP");
        assertThat(grid.path("details").path("state").asText()).isEqualTo("ACTIVE");
        assertThat(grid.path("details").path("servers").asInt()).isEqualTo(2);
        assertThat(grid.path("details").path("entries").path(CacheNames.PRESENCE).asLong()).isEqualTo(1);
    }

    @Test
    void healthIsDownWhileTheClusterIsInactive() throws Exception {
        grid.node(0).cluster().state(ClusterState.INACTIVE);
        try {
            HttpResponse<String> response = health();
            JsonNode gridHealth = json.readTree(response.body()).path("components").path("grid");

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(gridHealth.path("status").asText()).isEqualTo("DOWN");
            assertThat(gridHealth.path("details").path("state").asText()).isEqualTo("INACTIVE");
        } finally {
            grid.node(0).cluster().state(ClusterState.ACTIVE);
        }
    }

    private HttpResponse<String> health() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
