package io.presencegrid.api.presence;

import org.springframework.beans.factory.annotation.Autowired;
import io.presencegrid.api.support.ApiGridTest;
import static io.presencegrid.api.support.TestJwt.TOKENS;
import static org.assertj.core.api.Assertions.assertThat;

import io.presencegrid.clienttools.api.ApiAnswer;
import io.presencegrid.clienttools.api.ApiClient;
import io.presencegrid.testing.GridTestCluster;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The per-user limit (here 2 per second, so a burst of 4), charged on the API node. */
@ApiGridTest(name = "api-rate-limited", shared = true, sweepSeconds = 10, properties = "presence.rate-limit.per-second=2")
class RateLimitIT {

    @Autowired
    private GridTestCluster grid;

    @LocalServerPort
    private int port;

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
