package io.presencegrid.api.socket;

import org.springframework.beans.factory.annotation.Autowired;
import io.presencegrid.api.support.ApiGridTest;
import static io.presencegrid.api.support.TestJwt.TOKENS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.presencegrid.clienttools.api.ApiAnswer;
import io.presencegrid.clienttools.api.ApiClient;
import io.presencegrid.clienttools.api.PresenceSocket;
import io.presencegrid.clienttools.metrics.PrometheusScrape;
import io.presencegrid.clienttools.token.PresenceTokens;
import io.presencegrid.schema.CacheNames;
import io.presencegrid.testing.GridTestCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** /v1/ws with real JDK WebSocket clients, the real app and a real grid (session TTL 3 s, disconnect grace 2 s). */
@ApiGridTest(name = "api-socket", ttlSeconds = PresenceSocketIT.TTL_SECONDS, properties = {"presence.rate-limit.per-second=100000", "presence.socket.ttl-seconds=3", "presence.socket.disconnect-grace-seconds=2"})
class PresenceSocketIT {

    static final int TTL_SECONDS = 3;
    private static final Duration GRACE = Duration.ofSeconds(2);
    private static final Duration SOON = Duration.ofSeconds(1);

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
    void aHandshakeWithoutATokenIsRefusedWith401() {
        assertThatThrownBy(() -> HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/v1/ws"), new WebSocket.Listener() { }).join())
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode()).isEqualTo(401));
    }

    /**
     * Clients pool their connections, and the JDK's client opens a WebSocket on a pooled one. A server
     * that counts requests per connection (Tomcat closes after 100 by default) would answer the
     * handshake that happens to be the last one with {@code Connection: upgrade, close}, which that
     * client refuses. Here the handshake is the 100th request on its connection.
     */
    @Test
    void aHandshakeOnAConnectionThatServedManyRequestsStillUpgrades() throws Exception {
        HttpClient pooled = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build();
        for (int i = 0; i < 99; i++) {
            assertThat(pooled.send(health, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
        }

        WebSocket socket = pooled.newWebSocketBuilder()
                .header("Authorization", "Bearer " + TOKENS.user("pooled"))
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/v1/ws"), new WebSocket.Listener() { })
                .get(10, TimeUnit.SECONDS);

        assertThat(socket.isOutputClosed()).isFalse();
        socket.abort();
    }

    @Test
    void connectSendsTheSnapshotOfSubscriptionsThenEventsForUpdates() {
        api.update(TOKENS.user("s-star"), "s-star", "phone", "online").expect(200);
        api.post("/v1/status/subscribe", TOKENS.user("s-fan"), "{\"subscriberId\":\"s-fan\",\"userIds\":[\"s-star\"]}");

        try (PresenceSocket fan = PresenceSocket.observe(port, TOKENS.user("s-fan"))) {
            JsonNode snapshot = fan.next("snapshot", SOON);
            assertThat(snapshot.path("presence").get(0).path("userId").asText()).isEqualTo("s-star");
            assertThat(snapshot.path("presence").get(0).path("status").asText()).isEqualTo("online");
            long version = snapshot.path("presence").get(0).path("version").asLong();

            api.update(TOKENS.user("s-star"), "s-star", "phone", "busy").expect(200);

            JsonNode event = fan.next("presence", SOON);
            assertThat(event.path("userId").asText()).isEqualTo("s-star");
            assertThat(event.path("status").asText()).isEqualTo("busy");
            assertThat(event.path("previous").asText()).isEqualTo("online");
            assertThat(event.path("reason").asText()).isEqualTo("update");
            assertThat(event.path("version").asLong()).isEqualTo(version + 1);
            assertThat(event.path("at").asText()).endsWith("Z");
        }
    }

    @Test
    void aHeartbeatProducesNoEvent() throws Exception {
        try (PresenceSocket fan = PresenceSocket.observe(port, TOKENS.user("h-fan"))) {
            fan.next("snapshot", SOON);
            api.update(TOKENS.user("h-star"), "h-star", "phone", "away").expect(200);
            fan.send("{\"type\":\"subscribe\",\"userIds\":[\"h-star\"]}");
            assertThat(fan.next("snapshot", SOON).path("presence").get(0).path("status").asText()).isEqualTo("away");

            api.update(TOKENS.user("h-star"), "h-star", "phone", "away").expect(200);

            assertThat(fan.poll(Duration.ofMillis(700))).isNull();
        }
    }

    @Test
    void pingPongsAndABadFrameGetsAnErrorWhileTheSocketStaysOpen() {
        try (PresenceSocket socket = PresenceSocket.observe(port, TOKENS.user("pinger"))) {
            socket.next("snapshot", SOON);
            socket.send("{\"type\":\"ping\"}");
            assertThat(socket.next(SOON).path("type").asText()).isEqualTo("pong");

            socket.send("{not json");
            assertThat(socket.next(SOON).path("type").asText()).isEqualTo("error");
            socket.send("{\"type\":\"subscribe\",\"userIds\":[\"bad id\"]}");
            assertThat(socket.next(SOON).path("message").asText()).contains("userIds");
            socket.send("{\"type\":\"status\",\"status\":\"away\"}");
            assertThat(socket.next(SOON).path("message").asText()).contains("device");

            socket.send("{\"type\":\"ping\"}");
            assertThat(socket.next(SOON).path("type").asText()).isEqualTo("pong");
        }
    }

    @Test
    void aFrameOfExactly64KiBArrivesWhole() {
        try (PresenceSocket socket = PresenceSocket.observe(port, TOKENS.user("long-talker"))) {
            socket.next("snapshot", SOON);
            // 65,536 bytes: 128 parts of the container's 512-char buffer, joined by FrameAssembler.
            socket.raw().sendText(pingOfBytes(64 * 1024), true);

            assertThat(socket.next(SOON).path("type").asText()).isEqualTo("pong");
        }
    }

    @Test
    void aFrameOneByteOver64KiBClosesTheSocketWith1009() {
        try (PresenceSocket socket = PresenceSocket.observe(port, TOKENS.user("big-talker"))) {
            socket.next("snapshot", SOON);
            socket.raw().sendText(pingOfBytes(64 * 1024 + 1), true);

            assertThat(socket.awaitClose(Duration.ofSeconds(5))).isEqualTo(1009);
        }
    }

    @Test
    void aBinaryFrameClosesTheSocketWith1003EvenWhileItsSnapshotIsBeingWritten() {
        for (int attempt = 0; attempt < 20; attempt++) {
            try (PresenceSocket socket = PresenceSocket.observe(port, TOKENS.user("binary-talker"))) {
                socket.raw().sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}), true);

                assertThat(socket.awaitClose(Duration.ofSeconds(5))).as("attempt %d", attempt).isEqualTo(1003);
            }
        }
    }

    @Test
    void aSnapshotOfAThousandUsersArrivesAsOneWholeFrame() {
        List<String> stars = IntStream.range(0, 1000).mapToObj(i -> String.format("crowd%04d", i)).toList();
        assertThat(api.post("/v1/status/subscribe", TOKENS.user("crowd-fan"),
                "{\"subscriberId\":\"crowd-fan\",\"userIds\":[\"" + String.join("\",\"", stars) + "\"]}").status())
                .isEqualTo(200);

        try (PresenceSocket fan = PresenceSocket.observe(port, TOKENS.user("crowd-fan"))) {
            // Some 90 KB of JSON: Tomcat sends it as continuation frames of its 1 KiB encoder buffer.
            JsonNode snapshot = fan.next("snapshot", Duration.ofSeconds(5));

            assertThat(snapshot.path("presence")).hasSize(1000);
            assertThat(snapshot.path("presence").get(999).path("userId").asText()).isEqualTo("crowd0999");
        }
    }

    @Test
    void aLongTokenInTheQueryOpensASocket() {
        String token = TOKENS.sign(PresenceTokens.claims("long-token", PresenceTokens.USER_SCOPE).claim("pad", "x".repeat(4_400)));
        assertThat(token.length()).isGreaterThan(6_000);

        try (PresenceSocket socket = PresenceSocket.observe(port, token)) {
            socket.next("snapshot", SOON);
            socket.send("{\"type\":\"ping\"}");
            assertThat(socket.next(SOON).path("type").asText()).isEqualTo("pong");
        }
    }

    /** A ping frame of exactly {@code bytes} bytes of UTF-8. */
    private static String pingOfBytes(int bytes) {
        String prefix = "{\"type\":\"ping\",\"pad\":\"";
        String suffix = "\"}";
        return prefix + "x".repeat(bytes - prefix.length() - suffix.length()) + suffix;
    }

    @Test
    void aDeviceSocketKeepsTheUserOnlineAndClosingItIsADisconnectAfterTheGrace() throws Exception {
        try (PresenceSocket watcher = PresenceSocket.observe(port, TOKENS.user("d-watcher"))) {
            watcher.next("snapshot", SOON);
            watcher.send("{\"type\":\"subscribe\",\"userIds\":[\"d-user\"]}");
            watcher.next("snapshot", SOON);

            PresenceSocket device = PresenceSocket.device(port, TOKENS.user("d-user"), "tablet");
            JsonNode online = watcher.next("presence", SOON);
            assertThat(online.path("status").asText()).isEqualTo("online");

            double leaseWritesBefore = counter("presence_api_node_lease_writes_total");
            // Twice the TTL: only the node's lease keeps the session alive that long.
            assertThat(watcher.poll(Duration.ofSeconds(TTL_SECONDS * 2L))).as("no change while the socket is open").isNull();
            // The lease rewritten every 750 ms (a third of its TTL, 3 s less a quarter), and counted.
            assertThat(counter("presence_api_node_lease_writes_total") - leaseWritesBefore).as("lease writes in 2 TTLs")
                    .isGreaterThanOrEqualTo(3);
            device.send("{\"type\":\"status\",\"status\":\"away\",\"message\":\"brb\",\"meta\":{\"inCall\":true}}");
            JsonNode away = watcher.next("presence", SOON);
            assertThat(away.path("status").asText()).isEqualTo("away");
            assertThat(away.path("devices").get(0).path("meta").path("inCall").asBoolean()).isTrue();
            device.send("{\"type\":\"status\",\"status\":\"away\",\"meta\":{\"deep\":{\"x\":1}}}");
            JsonNode refused = device.next("error", SOON);
            assertThat(refused.path("message").asText()).startsWith("meta:");

            device.close();
            assertThat(watcher.poll(GRACE.minusMillis(500))).as("nothing within the grace").isNull();
            JsonNode gone = watcher.next("presence", Duration.ofSeconds(3));
            assertThat(gone.path("status").asText()).isEqualTo("offline");
            assertThat(gone.path("previous").asText()).isEqualTo("away");
            assertThat(gone.path("reason").asText()).isEqualTo("disconnect");
        }
    }

    @Test
    void aReloadWithinTheGraceContinuesTheSessionAndFollowersSeeNothing() throws Exception {
        try (PresenceSocket watcher = watching("reload-watcher", "reload-user")) {
            PresenceSocket page = PresenceSocket.device(port, TOKENS.user("reload-user"), "browser");
            watcher.next("presence", SOON);
            page.send("{\"type\":\"status\",\"status\":\"busy\",\"message\":\"focus\"}");
            assertThat(watcher.next("presence", SOON).path("status").asText()).isEqualTo("busy");

            // As a browser reloads: the new page's socket may open before or after the old one's close.
            PresenceSocket reloaded = PresenceSocket.device(port, TOKENS.user("reload-user"), "browser");
            page.close();
            PresenceSocket again = PresenceSocket.device(port, TOKENS.user("reload-user"), "browser");
            reloaded.close();

            // Longer than the grace and two TTLs: the socket left open carried the session on, busy.
            assertThat(watcher.poll(Duration.ofSeconds(TTL_SECONDS * 2L))).as("followers see nothing of a reload").isNull();
            assertThat(api.get("/v1/status/reload-user", TOKENS.user("reload-watcher")).json().path("status").asText()).isEqualTo("busy");
            again.close();
            JsonNode gone = watcher.next("presence", GRACE.plusSeconds(3));
            assertThat(gone.path("previous").asText()).isEqualTo("busy");
            assertThat(gone.path("reason").asText()).isEqualTo("disconnect");
        }
    }

    @Test
    void anOfflineFromADeviceSocketHoldsWhileItStaysOpenAndStillReceivesEvents() throws Exception {
        // The device's snapshot follows its session's first write: the watcher then finds it online.
        try (PresenceSocket device = connectedDevice("h-user", "phone"); PresenceSocket watcher = watching("h-watcher", "h-user")) {
            device.send("{\"type\":\"subscribe\",\"userIds\":[\"h-friend\"]}");
            device.next("snapshot", SOON);

            device.send("{\"type\":\"status\",\"status\":\"offline\"}");
            JsonNode offline = watcher.next("presence", SOON);
            assertThat(offline.path("previous").asText()).isEqualTo("online");
            assertThat(offline.path("status").asText()).isEqualTo("offline");

            // Two TTLs of the socket's refreshes: the device stays offline.
            assertThat(watcher.poll(Duration.ofSeconds(TTL_SECONDS * 2L))).as("no comeback while the socket is open").isNull();
            api.update(TOKENS.user("h-friend"), "h-friend", "web", "away").expect(200);
            assertThat(device.next("presence", SOON).path("userId").asText()).as("the socket still hears its subscriptions")
                    .isEqualTo("h-friend");

            device.send("{\"type\":\"status\",\"status\":\"online\"}");
            assertThat(watcher.next("presence", SOON).path("status").asText()).isEqualTo("online");
        }
    }

    @Test
    void aRestOfflineForADeviceWhoseSocketIsOpenHoldsToo() throws Exception {
        try (PresenceSocket device = connectedDevice("q-user", "tablet"); PresenceSocket watcher = watching("q-watcher", "q-user")) {
            api.update(TOKENS.user("q-user"), "q-user", "tablet", "offline").expect(200);
            JsonNode offline = watcher.next("presence", SOON);
            assertThat(offline.path("previous").asText()).isEqualTo("online");
            assertThat(offline.path("status").asText()).isEqualTo("offline");

            assertThat(watcher.poll(Duration.ofSeconds(TTL_SECONDS * 2L))).as("no comeback while the socket is open").isNull();
            device.close();
            assertThat(watcher.poll(GRACE.plusSeconds(2))).as("closing a device held offline changes nothing").isNull();
        }
    }

    /** A device socket whose connect snapshot arrived, which the server sends after the session's first write. */
    private PresenceSocket connectedDevice(String userId, String device) {
        PresenceSocket socket = PresenceSocket.device(port, TOKENS.user(userId), device);
        socket.next("snapshot", SOON);
        return socket;
    }

    /** A socket of {@code watcher} that follows {@code userId}, its connect and subscribe snapshots read. */
    private PresenceSocket watching(String watcher, String userId) {
        PresenceSocket socket = PresenceSocket.observe(port, TOKENS.user(watcher));
        socket.next("snapshot", SOON);
        socket.send("{\"type\":\"subscribe\",\"userIds\":[\"" + userId + "\"]}");
        socket.next("snapshot", SOON);
        return socket;
    }

    @Test
    void anExpiredSessionIsAnExpiredEventWithinTtlPlusTwoSeconds() {
        try (PresenceSocket watcher = PresenceSocket.observe(port, TOKENS.user("x-watcher"))) {
            watcher.next("snapshot", SOON);
            watcher.send("{\"type\":\"subscribe\",\"userIds\":[\"x-user\"]}");
            watcher.next("snapshot", SOON);
            api.update(TOKENS.user("x-user"), "x-user", "phone", "online").expect(200);
            watcher.next("presence", SOON);

            JsonNode expired = watcher.next("presence", Duration.ofSeconds(TTL_SECONDS + 2));

            assertThat(expired.path("status").asText()).isEqualTo("offline");
            assertThat(expired.path("reason").asText()).isEqualTo("expired");
        }
    }

    @Test
    void deletingAUserIsADeletedEvent() {
        api.update(TOKENS.user("del-user"), "del-user", "phone", "online").expect(200);
        try (PresenceSocket watcher = PresenceSocket.observe(port, TOKENS.user("del-watcher"))) {
            watcher.next("snapshot", SOON);
            watcher.send("{\"type\":\"subscribe\",\"userIds\":[\"del-user\"]}");
            watcher.next("snapshot", SOON);

            api.delete("/v1/status/del-user", TOKENS.user("del-user"));

            JsonNode deleted = watcher.next("presence", SOON);
            assertThat(deleted.path("status").asText()).isEqualTo("offline");
            assertThat(deleted.path("reason").asText()).isEqualTo("deleted");
            assertThat(deleted.path("devices")).isEmpty();
        }
    }

    @Test
    void invisibleLooksOfflineToSubscribersAndInvisibleToTheUsersOwnSocket() {
        api.update(TOKENS.user("inv-user"), "inv-user", "phone", "online").expect(200);
        try (PresenceSocket watcher = PresenceSocket.observe(port, TOKENS.user("inv-watcher"));
             PresenceSocket self = PresenceSocket.observe(port, TOKENS.user("inv-user"))) {
            watcher.next("snapshot", SOON);
            self.next("snapshot", SOON);
            watcher.send("{\"type\":\"subscribe\",\"userIds\":[\"inv-user\"]}");
            self.send("{\"type\":\"subscribe\",\"userIds\":[\"inv-user\"]}");
            watcher.next("snapshot", SOON);
            self.next("snapshot", SOON);

            api.update(TOKENS.user("inv-user"), "inv-user", "phone", "invisible").expect(200);

            JsonNode seen = watcher.next("presence", SOON);
            assertThat(seen.path("status").asText()).isEqualTo("offline");
            assertThat(seen.path("devices")).isEmpty();
            assertThat(self.next("presence", SOON).path("status").asText()).isEqualTo("invisible");
        }
    }

    @Test
    void twentyRapidChangesArriveInVersionOrderEndingAtTheFinalStatus() {
        String[] statuses = {"online", "away", "busy"};
        api.update(TOKENS.user("r-user"), "r-user", "phone", "online").expect(200);
        try (PresenceSocket watcher = PresenceSocket.observe(port, TOKENS.user("r-watcher"))) {
            watcher.next("snapshot", SOON);
            watcher.send("{\"type\":\"subscribe\",\"userIds\":[\"r-user\"]}");
            long version = watcher.next("snapshot", SOON).path("presence").get(0).path("version").asLong();
            String last = "online";
            for (int i = 1; i <= 20; i++) {
                last = statuses[i % 3];
                api.update(TOKENS.user("r-user"), "r-user", "phone", last).expect(200);
            }

            long finalVersion = api.get("/v1/status/r-user", TOKENS.user("r-watcher")).json().path("version").asLong();

            JsonNode event;
            do {
                event = watcher.next("presence", Duration.ofSeconds(3));
                assertThat(event.path("version").asLong()).as("versions only go up").isGreaterThan(version);
                version = event.path("version").asLong();
            } while (version < finalVersion);
            assertThat(version).isEqualTo(finalVersion);
            assertThat(event.path("status").asText()).isEqualTo(last);
        }
    }

    @Test
    void aClientThatStopsReadingIsClosedWith1013AndItsFramesAreNotAllBuffered() throws Exception {
        java.util.concurrent.CompletableFuture<Integer> closed = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.atomic.AtomicLong received = new java.util.concurrent.atomic.AtomicLong();
        WebSocket stalled = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/v1/ws?access_token=" + TOKENS.user("sloth")),
                        new WebSocket.Listener() {
                            @Override
                            public void onOpen(WebSocket socket) {
                                // Asks for no frame: the server's writes back up behind the TCP window.
                            }

                            @Override
                            public java.util.concurrent.CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                                received.incrementAndGet();
                                socket.request(1);
                                return null;
                            }

                            @Override
                            public java.util.concurrent.CompletionStage<?> onClose(WebSocket socket, int code, String reason) {
                                closed.complete(code);
                                return null;
                            }

                            @Override
                            public void onError(WebSocket socket, Throwable error) {
                                closed.complete(-1);
                            }
                        }).join();
        int provoked = 0;
        try {
            // Each bad frame earns an error frame of ~90 bytes. Until the server gives up: loopback TCP buffers
            // grow to tens of MB here (tcp_rmem's maximum is 32 MB), and 100,000 frames (9 MB) once all fit,
            // so the server never had to close. A million (90 MB) cannot.
            for (; provoked < 1_000_000 && !closed.isDone(); provoked++) {
                stalled.sendText("{\"type\":\"nonsense\"}", true).get(5, TimeUnit.SECONDS);
            }
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException serverGaveUp) {
            // The server closed the connection, or stopped reading it.
        }
        stalled.request(Long.MAX_VALUE);

        int code = closed.get(30, TimeUnit.SECONDS);
        System.out.println("slow consumer: provoked " + provoked + " error frames, received " + received.get() + ", closed with " + code);
        assertThat(code).isIn(1013, 1006, -1);
        assertThat(received.get()).as("the server dropped what it could not send").isLessThan(provoked);
    }

    @Test
    void interestIsRegisteredForFollowedUsersAndRemovedWithTheLastSocket() throws Exception {
        PresenceSocket watcher = PresenceSocket.observe(port, TOKENS.user("i-watcher"));
        watcher.next("snapshot", SOON);
        watcher.send("{\"type\":\"subscribe\",\"userIds\":[\"i-user\"]}");
        watcher.next("snapshot", SOON);
        assertThat(interestRecords("i-user")).isEqualTo(1);

        watcher.close();

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> interestRecords("i-user") == 0);
    }

    private long interestRecords(String userId) {
        javax.cache.Cache<Object, Object> cache = grid.node(0).cache(CacheNames.SOCKET_INTEREST);
        long count = 0;
        for (javax.cache.Cache.Entry<Object, Object> entry : cache) {
            if (((io.presencegrid.schema.InterestKey) entry.getKey()).userId().equals(userId)) {
                count++;
            }
        }
        return count;
    }

    private double counter(String name) {
        ApiAnswer scrape = new ApiClient(port).get("/actuator/prometheus", TOKENS.admin("scraper"));
        assertThat(scrape.status()).isEqualTo(200);
        return new PrometheusScrape(scrape.body()).require(name);
    }
}
