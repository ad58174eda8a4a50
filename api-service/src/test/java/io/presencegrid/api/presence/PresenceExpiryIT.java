package io.presencegrid.api.presence;

import org.springframework.beans.factory.annotation.Autowired;
import io.presencegrid.api.support.ApiGridTest;
import static io.presencegrid.api.support.TestJwt.TOKENS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.presencegrid.clienttools.api.ApiClient;
import io.presencegrid.schema.CacheNames;
import io.presencegrid.schema.ChangeReason;
import io.presencegrid.schema.DeviceState;
import io.presencegrid.schema.PresenceStatus;
import io.presencegrid.schema.UserPresence;
import io.presencegrid.tasks.presence.PresenceExpiryService;
import io.presencegrid.testing.GridTestCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Expiry drives offline inside the grid (TTL 2 s here), and the sweeper repairs what expiry missed. */
@ApiGridTest(name = "api-expiry", ttlSeconds = PresenceExpiryIT.TTL_SECONDS, properties = "presence.rate-limit.per-second=100000")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PresenceExpiryIT {

    static final int TTL_SECONDS = 2;

    @Autowired
    private GridTestCluster grid;

    @LocalServerPort
    private int port;

    @Test
    @Order(1)
    void theLastSessionExpiringTurnsTheUserOfflineWithLastSeenKept() {
        ApiClient api = new ApiClient(port);
        String token = TOKENS.user("fading");
        JsonNode online = api.update(token, "fading", "phone", "online").expect(200).json();
        Instant lastActivity = Instant.parse(online.path("devices").get(0).path("lastActiveAt").asText());

        // The sweeper runs only every 60 s in this class: going offline within TTL + 2 s is expiry's doing.
        await().atMost(Duration.ofSeconds(TTL_SECONDS + 2)).pollInterval(Duration.ofMillis(100)).until(() ->
                api.get("/v1/status/fading", TOKENS.user("friend")).json().path("status").asText().equals("offline"));

        JsonNode offline = api.get("/v1/status/fading", token).json();
        assertThat(offline.path("devices")).isEmpty();
        assertThat(Instant.parse(offline.path("lastSeenAt").asText())).isEqualTo(lastActivity);
        assertThat(offline.path("version").asLong()).isEqualTo(online.path("version").asLong() + 1);
        UserPresence row = grid.node(0).<String, UserPresence>cache(CacheNames.PRESENCE).get("fading");
        assertThat(row.reason()).isEqualTo(ChangeReason.EXPIRED);
    }

    @Test
    @Order(2)
    void theSweeperRepairsARowThatClaimsASessionThatIsGone() {
        Instant seen = Instant.now().minusSeconds(30);
        // Planted as if an expiry event had been lost with a dying primary.
        grid.node(1).cache(CacheNames.PRESENCE).put("ghost",
                UserPresence.visible(PresenceStatus.ONLINE, null, Map.of("tablet", new DeviceState(PresenceStatus.ONLINE, seen)), seen, seen, 5));
        // A second expiry service per server node, sweeping every second.
        grid.node(0).services().deployNodeSingleton("presence-expiry-fast", new PresenceExpiryService(1));

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            UserPresence row = grid.node(0).<String, UserPresence>cache(CacheNames.PRESENCE).get("ghost");
            assertThat(row.status()).isEqualTo(PresenceStatus.OFFLINE);
            assertThat(row.devices()).isEmpty();
            assertThat(row.lastSeenAt()).isEqualTo(seen);
            assertThat(row.version()).isEqualTo(6);
        });
    }
}
