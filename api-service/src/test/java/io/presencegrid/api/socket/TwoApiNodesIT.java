package io.presencegrid.api.socket;

import org.springframework.beans.factory.annotation.Autowired;
import io.presencegrid.api.support.ApiGridTest;
import static io.presencegrid.api.support.TestJwt.TOKENS;
import static org.assertj.core.api.Assertions.assertThat;

import io.presencegrid.api.PresenceApiApplication;
import io.presencegrid.api.support.ApiGrid;
import io.presencegrid.api.support.TestJwt;
import io.presencegrid.clienttools.api.ApiClient;
import io.presencegrid.clienttools.api.PresenceSocket;
import io.presencegrid.testing.GridTestCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.ignite.Ignition;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Two API nodes on one grid (the test's context and a second app started beside it): events cross
 * nodes, subscriptions apply everywhere, and a node whose grid client dies takes its device sessions
 * offline (reason disconnect) long before the 60 s TTL would.
 */
@ApiGridTest(name = "api-two-nodes", properties = {"presence.rate-limit.per-second=100000", "presence.socket.disconnect-grace-seconds=2"})
class TwoApiNodesIT {

    private static final Duration SOON = Duration.ofSeconds(1);

    @Autowired
    private GridTestCluster grid;

    @LocalServerPort
    private int port;

    @Test
    void eventsSubscriptionsAndDeviceSessionsCrossApiNodes() throws Exception {
        try (ConfigurableApplicationContext second = startSecondApiNode("api-second-a", GridTestCluster.clientCommunicationPort(20))) {
            ApiClient viaSecond = new ApiClient(localPort(second));
            viaSecond.post("/v1/status/subscribe", TOKENS.user("x-fan"), "{\"subscriberId\":\"x-fan\",\"userIds\":[\"x-star\"]}");

            try (PresenceSocket fan = PresenceSocket.observe(port, TOKENS.user("x-fan"))) {
                assertThat(fan.next("snapshot", SOON).path("presence").get(0).path("userId").asText())
                        .as("a subscription made through the other node").isEqualTo("x-star");

                viaSecond.update(TOKENS.user("x-star"), "x-star", "phone", "busy").expect(200);

                JsonNode event = fan.next("presence", SOON);
                assertThat(event.path("userId").asText()).isEqualTo("x-star");
                assertThat(event.path("status").asText()).isEqualTo("busy");

                // A REST subscribe through the other node reaches the open socket at once: a snapshot of
                // the added user, then its events; a REST unsubscribe stops them.
                viaSecond.update(TOKENS.user("x-new"), "x-new", "phone", "online").expect(200);
                viaSecond.post("/v1/status/subscribe", TOKENS.user("x-fan"), "{\"subscriberId\":\"x-fan\",\"userIds\":[\"x-new\"]}");
                JsonNode snapshot = fan.next("snapshot", SOON);
                assertThat(snapshot.path("presence").size()).isEqualTo(1);
                assertThat(snapshot.path("presence").get(0).path("userId").asText()).isEqualTo("x-new");
                assertThat(snapshot.path("presence").get(0).path("status").asText()).isEqualTo("online");
                viaSecond.update(TOKENS.user("x-new"), "x-new", "phone", "away").expect(200);
                JsonNode newsOfNew = fan.next("presence", SOON);
                assertThat(newsOfNew.path("userId").asText()).isEqualTo("x-new");
                assertThat(newsOfNew.path("status").asText()).isEqualTo("away");
                viaSecond.post("/v1/status/unsubscribe", TOKENS.user("x-fan"), "{\"subscriberId\":\"x-fan\",\"userIds\":[\"x-new\"]}");
                assertThat(fan.poll(SOON)).isNull();
                viaSecond.update(TOKENS.user("x-new"), "x-new", "phone", "busy").expect(200);
                assertThat(fan.poll(SOON)).as("no events of an unsubscribed user").isNull();

                // A page reload that lands on the other API node, within the disconnect grace (2 s here).
                PresenceSocket page = PresenceSocket.device(port, TOKENS.user("x-star"), "laptop");
                fan.next("presence", SOON);
                page.close();
                PresenceSocket reloaded = PresenceSocket.device(localPort(second), TOKENS.user("x-star"), "laptop");
                assertThat(fan.poll(Duration.ofSeconds(4))).as("followers see nothing of a reload").isNull();
                reloaded.close();
                JsonNode left = fan.next("presence", Duration.ofSeconds(5));
                assertThat(left.path("reason").asText()).isEqualTo("disconnect");
                assertThat(left.path("devices").size()).isEqualTo(1);
                assertThat(left.path("devices").get(0).path("device").asText()).isEqualTo("phone");
            }
        }
    }

    @Test
    void anApiNodeWhoseGridClientDiesTakesItsDeviceSessionsOffline() {
        ConfigurableApplicationContext second = startSecondApiNode("api-second-b", GridTestCluster.clientCommunicationPort(30));
        try (PresenceSocket watcher = PresenceSocket.observe(port, TOKENS.user("c-watcher"))) {
            watcher.next("snapshot", SOON);
            watcher.send("{\"type\":\"subscribe\",\"userIds\":[\"c-user\"]}");
            watcher.next("snapshot", SOON);
            PresenceSocket remoteWatcher = PresenceSocket.observe(localPort(second), TOKENS.user("c-remote"));
            remoteWatcher.next("snapshot", SOON);
            remoteWatcher.send("{\"type\":\"subscribe\",\"userIds\":[\"c-user\"]}");
            remoteWatcher.next("snapshot", SOON);
            String secondNodeId = Ignition.ignite("api-second-b").cluster().localNode().id().toString();
            assertThat(interestRecordsOf(secondNodeId)).isEqualTo(1);
            PresenceSocket device = PresenceSocket.device(localPort(second), TOKENS.user("c-user"), "desktop");
            JsonNode online = watcher.next("presence", SOON);
            assertThat(online.path("status").asText()).isEqualTo("online");

            long crashedAt = System.nanoTime();
            // The node's sockets stay open; only its grid membership goes, as when its JVM dies.
            Ignition.stop("api-second-b", true);

            JsonNode offline = watcher.next("presence", Duration.ofSeconds(20));
            long millis = Duration.ofNanos(System.nanoTime() - crashedAt).toMillis();
            System.out.println("device session of a departed API node ended after " + millis + " ms (TTL 60 s)");
            assertThat(offline.path("status").asText()).isEqualTo("offline");
            assertThat(offline.path("reason").asText()).isEqualTo("disconnect");
            assertThat(offline.path("lastSeenAt").asText()).as("last seen is the session's last refresh, not the crash")
                    .isEqualTo(online.path("devices").get(0).path("lastActiveAt").asText());
            assertThat(millis).isLessThan(15_000);
            device.raw().abort();
            remoteWatcher.raw().abort();
            // The servers remove a departed node's interest records.
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> interestRecordsOf(secondNodeId) == 0);
        } finally {
            second.close();
        }
    }

    @Test
    void aStoppingApiNodeClosesItsSocketsWith1001AndHandsTheirDevicesToTheGrace() throws Exception {
        ConfigurableApplicationContext second = startSecondApiNode("api-second-c", GridTestCluster.clientCommunicationPort(40));
        try (PresenceSocket watcher = PresenceSocket.observe(port, TOKENS.user("r-watcher"))) {
            watcher.next("snapshot", SOON);
            watcher.send("{\"type\":\"subscribe\",\"userIds\":[\"r-user\"]}");
            watcher.next("snapshot", SOON);
            PresenceSocket device = PresenceSocket.device(localPort(second), TOKENS.user("r-user"), "tablet");
            assertThat(watcher.next("presence", SOON).path("status").asText()).isEqualTo("online");
            // The client reopens its device on this node as soon as the stopping node closes its socket.
            CompletableFuture<PresenceSocket> reopened = device.whenClosed().toCompletableFuture()
                    .thenApplyAsync(code -> PresenceSocket.device(port, TOKENS.user("r-user"), "tablet"));

            // What Spring's shutdown hook does on SIGTERM.
            second.close();

            assertThat(device.awaitClose(SOON)).as("going away").isEqualTo(1001);
            PresenceSocket again = reopened.get(5, TimeUnit.SECONDS);
            assertThat(watcher.poll(Duration.ofSeconds(4))).as("followers see nothing of a rolling restart").isNull();
            again.close();
            JsonNode left = watcher.next("presence", Duration.ofSeconds(5));
            assertThat(left.path("status").asText()).isEqualTo("offline");
            assertThat(left.path("reason").asText()).isEqualTo("disconnect");
        } finally {
            second.close();
        }
    }

    private ConfigurableApplicationContext startSecondApiNode(String instanceName, int communicationPort) {
        // Command-line arguments: they outrank application.yaml, unlike the builder's default properties.
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--presence.grid.instance-name=" + instanceName,
                "--presence.grid.discovery-addresses=" + grid.ports().discoveryAddresses(),
                "--presence.grid.communication-port=" + communicationPort,
                "--presence.grid.work-directory=" + grid.home().resolve(instanceName),
                "--presence.auth.jwt-secret=" + TestJwt.SECRET,
                "--presence.rate-limit.per-second=100000",
                "--presence.socket.disconnect-grace-seconds=2"));
        arguments.addAll(ApiGrid.gridSecurityArguments(grid, instanceName));
        return new SpringApplicationBuilder(PresenceApiApplication.class).run(arguments.toArray(new String[0]));
    }

    private long interestRecordsOf(String apiNodeId) {
        long count = 0;
        for (javax.cache.Cache.Entry<Object, Object> entry : grid.node(0).cache(io.presencegrid.schema.CacheNames.SOCKET_INTEREST)) {
            if (((io.presencegrid.schema.InterestKey) entry.getKey()).apiNodeId().equals(apiNodeId)) {
                count++;
            }
        }
        return count;
    }

    private static int localPort(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }
}
