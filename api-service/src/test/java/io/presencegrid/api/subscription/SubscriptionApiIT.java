package io.presencegrid.api.subscription;

import org.springframework.beans.factory.annotation.Autowired;
import io.presencegrid.api.support.ApiGridTest;
import static io.presencegrid.api.support.TestJwt.TOKENS;
import static org.assertj.core.api.Assertions.assertThat;

import io.presencegrid.clienttools.api.ApiAnswer;
import io.presencegrid.clienttools.api.ApiClient;
import io.presencegrid.schema.CacheNames;
import io.presencegrid.schema.SubscriptionKey;
import io.presencegrid.testing.GridTestCluster;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** POST /v1/status/subscribe and /unsubscribe against a real grid: durable, limited, permission-checked. */
@ApiGridTest(name = "api-rest", shared = true, sweepSeconds = 10, properties = "presence.rate-limit.per-second=100000")
class SubscriptionApiIT {

    @Autowired
    private GridTestCluster grid;

    @LocalServerPort
    private int port;

    private ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @Test
    void subscribeAnswersEveryoneFollowedWithTheirPresenceAndStoresRowsInTheGrid() {
        api.update(TOKENS.user("star"), "star", "phone", "busy").expect(200);
        String token = TOKENS.user("sam");
        api.post("/v1/status/subscribe", token, "{\"subscriberId\":\"sam\",\"userIds\":[\"star\"]}");

        ApiAnswer response = api.post("/v1/status/subscribe", token, "{\"subscriberId\":\"sam\",\"userIds\":[\"nobody\",\"star\"]}");

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.path("subscriberId").asText()).isEqualTo("sam");
        assertThat(body.path("userIds").toString()).isEqualTo("[\"nobody\",\"star\"]");
        assertThat(body.path("presence")).hasSize(2);
        assertThat(body.path("presence").get(0).path("status").asText()).isEqualTo("offline");
        assertThat(body.path("presence").get(1).path("status").asText()).isEqualTo("busy");
        assertThat(grid.node(0).cache(CacheNames.SUBSCRIPTION).get(new SubscriptionKey("star", "sam"))).isNotNull();
        assertThat(grid.node(0).cache(CacheNames.SUBSCRIPTION).get(new SubscriptionKey("nobody", "sam"))).isNotNull();
    }

    @Test
    void unsubscribeRemovesTheRowsAndAnswersWhoIsLeft() {
        String token = TOKENS.user("uma");
        api.post("/v1/status/subscribe", token, "{\"subscriberId\":\"uma\",\"userIds\":[\"a1\",\"a2\",\"a3\"]}");

        JsonNode body = api.post("/v1/status/unsubscribe", token, "{\"subscriberId\":\"uma\",\"userIds\":[\"a2\",\"never-followed\"]}").json();

        assertThat(body.path("userIds").toString()).isEqualTo("[\"a1\",\"a3\"]");
        assertThat(grid.node(1).cache(CacheNames.SUBSCRIPTION).get(new SubscriptionKey("a2", "uma"))).isNull();
        assertThat(grid.node(1).cache(CacheNames.SUBSCRIPTION).get(new SubscriptionKey("a1", "uma"))).isNotNull();
    }

    @Test
    void aSubscriberFollowsAtMost1000UsersAndAnOverflowingRequestWritesNothing() {
        String token = TOKENS.user("collector");
        String thousand = IntStream.range(0, 1000).mapToObj(i -> "\"c" + i + "\"").collect(Collectors.joining(","));
        assertThat(api.post("/v1/status/subscribe", token, "{\"subscriberId\":\"collector\",\"userIds\":[" + thousand + "]}").status())
                .isEqualTo(200);

        ApiAnswer over = api.post("/v1/status/subscribe", token, "{\"subscriberId\":\"collector\",\"userIds\":[\"one-more\"]}");

        assertThat(over.status()).isEqualTo(400);
        assertThat(over.json().path("detail").asText()).contains("userIds", "1000");
        assertThat(grid.node(0).cache(CacheNames.SUBSCRIPTION).get(new SubscriptionKey("one-more", "collector"))).isNull();
        assertThat(api.post("/v1/status/subscribe", token, "{\"subscriberId\":\"collector\",\"userIds\":[\"c5\"]}").status())
                .as("re-subscribing someone already followed is no new subscription").isEqualTo(200);
    }

    @Test
    void actingForAnotherSubscriberNeedsTheAdminScope() {
        String body = "{\"subscriberId\":\"victim\",\"userIds\":[\"spy\"]}";

        ApiAnswer refused = api.post("/v1/status/subscribe", TOKENS.user("spy"), body);
        ApiAnswer byAdmin = api.post("/v1/status/subscribe", TOKENS.admin("ops"), body);

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().path("detail").asText()).contains("subscriberId");
        assertThat(byAdmin.status()).isEqualTo(200);
    }

    @Test
    void badSubscriptionRequestsNameTheField() {
        String token = TOKENS.user("val");
        assertThat(api.post("/v1/status/subscribe", token, "{\"subscriberId\":\"val\",\"userIds\":[]}").json()
                .path("detail").asText()).contains("userIds");
        assertThat(api.post("/v1/status/subscribe", token, "{\"subscriberId\":\"val\",\"userIds\":[\"ok\",\"no way\"]}").json()
                .path("detail").asText()).contains("userIds[1]");
        assertThat(api.post("/v1/status/subscribe", token, "{\"subscriberId\":\"v@l!\",\"userIds\":[\"ok\"]}").json()
                .path("detail").asText()).contains("subscriberId");
    }
}
