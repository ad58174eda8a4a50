package io.presencegrid.api.socket;

import io.presencegrid.api.support.ApiGridTest;
import static io.presencegrid.api.support.TestJwt.TOKENS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.presencegrid.clienttools.api.ApiClient;
import io.presencegrid.clienttools.api.PresenceSocket;
import io.presencegrid.clienttools.metrics.PrometheusScrape;
import io.presencegrid.testing.GridTestCluster;
import java.time.Duration;
import java.util.UUID;
import org.apache.ignite.Ignite;
import org.apache.ignite.spi.discovery.tcp.TcpDiscoverySpi;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The API node loses the whole grid and gets it back: its sockets are closed with 1012 rather than
 * left open and silent, and once the client node has rejoined (with a new node id) new sockets hear
 * events again. The same after a reconnect forced by this node itself, the way out of a stuck exchange.
 */
@ApiGridTest(name = "api-reconnect", properties = "presence.rate-limit.per-second=100000")
class GridReconnectIT {

    @Autowired
    private GridTestCluster grid;

    @LocalServerPort
    private int port;

    @Autowired
    private Ignite ignite;

    @Test
    void aReconnectForcedAsTheStuckExchangeWatchdogDoesLeavesTheNodeServingUnderANewId() {
        ApiClient api = new ApiClient(port);
        api.update(TOKENS.user("rw-user"), "rw-user", "phone", "online").expect(200);
        PresenceSocket before = PresenceSocket.observe(port, TOKENS.user("rw-watcher"));
        before.next("snapshot", Duration.ofSeconds(10));
        UUID idBefore = ignite.cluster().localNode().id();

        // What StuckExchangeWatchdog does when this client is stuck behind a topology change.
        ((TcpDiscoverySpi) ignite.configuration().getDiscoverySpi()).clientReconnect();

        assertThat(before.awaitClose(Duration.ofSeconds(30))).isEqualTo(1012);
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> !ignite.cluster().localNode().id().equals(idBefore));
        assertThat(api.update(TOKENS.user("rw-user"), "rw-user", "phone", "busy").expect(200).json().path("status").asText()).isEqualTo("busy");
        try (PresenceSocket after = PresenceSocket.observe(port, TOKENS.user("rw-watcher"))) {
            after.next("snapshot", Duration.ofSeconds(10));
            after.send("{\"type\":\"subscribe\",\"userIds\":[\"rw-user\"]}");
            after.next("snapshot", Duration.ofSeconds(10));

            api.update(TOKENS.user("rw-user"), "rw-user", "phone", "away").expect(200);

            assertThat(after.next("presence", Duration.ofSeconds(10)).path("status").asText()).isEqualTo("away");
        }
    }

    @Test
    void socketsAreClosedWhenTheGridIsLostAndEventsFlowAgainAfterTheClientRejoins() {
        ApiClient api = new ApiClient(port);
        api.update(TOKENS.user("rj-user"), "rj-user", "phone", "online").expect(200);
        PresenceSocket before = PresenceSocket.observe(port, TOKENS.user("rj-watcher"));
        before.next("snapshot", Duration.ofSeconds(10));
        before.send("{\"type\":\"subscribe\",\"userIds\":[\"rj-user\"]}");
        before.next("snapshot", Duration.ofSeconds(10));

        grid.stopAll();

        assertThat(before.awaitClose(Duration.ofSeconds(30))).isEqualTo(1012);

        grid.startNodes(2);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> api.get("/actuator/health", null).status() == 200);
        // The grid gauges come back too: Ignite keeps the client's reconnect future, done, after a rejoin.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(new PrometheusScrape(
                api.get("/actuator/prometheus", TOKENS.admin("rj-operator")).body()).require("presence_grid_servers")).isEqualTo(2));
        try (PresenceSocket after = PresenceSocket.observe(port, TOKENS.user("rj-watcher"))) {
            // Subscribed before the loss: the snapshot on connect already carries rj-user.
            assertThat(after.next("snapshot", Duration.ofSeconds(10)).path("presence").get(0).path("userId").asText())
                    .isEqualTo("rj-user");

            api.update(TOKENS.user("rj-user"), "rj-user", "phone", "busy").expect(200);

            assertThat(after.next("presence", Duration.ofSeconds(10)).path("status").asText()).isEqualTo("busy");
        }
    }
}
