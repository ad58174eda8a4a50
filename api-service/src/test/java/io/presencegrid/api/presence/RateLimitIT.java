package io.presencegrid.api.presence;

import static io.presencegrid.api.support.TestJwt.TOKENS;
import static org.assertj.core.api.Assertions.assertThat;

import io.presencegrid.api.support.ApiGrid;
import io.presencegrid.clienttools.api.ApiAnswer;
import io.presencegrid.clienttools.api.ApiClient;
import io.presencegrid.testing.GridTestCluster;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The per-user limit (here 2 per second, so a burst of 4), charged on the API node. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "presence.rate-limit.per-second=2")
@DirtiesContext
class RateLimitIT {

    private static GridTestCluster grid;

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void grid(DynamicPropertyRegistry properties) {
        grid = ApiGrid.start("api-rate-limit", 60, 10, properties);
    }

    @AfterAll
    static void stopGrid() {
        ApiGrid.stop(grid);
    }

    @Test
    void aUserOverTheBurstGets429WithRetryAfterWhileOthersGoOn() {
        ApiClient api = new ApiClient(port);
        String greedy = TOKENS.user("greedy");
        List<Integer> statuses = new ArrayList<>();
        ApiAnswer refused = null;
        for (int i = 0; i < 10 && refused == null; i++) {
            ApiAnswer response = api.get("/v1/status/greedy", greedy);
            statuses.add(response.status());
            if (response.status() == 429) {
                refused = response;
            }
        }

        assertThat(statuses).as("burst of 4 (2x the rate) before the first 429").startsWith(404, 404, 404, 404);
        assertThat(refused).as("a 429 within 10 quick requests").isNotNull();
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().path("detail").asText()).contains("rate limit");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 2L);
        assertThat(api.get("/v1/status/greedy", TOKENS.user("patient")).status()).as("another user's budget").isEqualTo(404);
    }
}
