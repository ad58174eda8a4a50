package io.presencegrid.api.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencegrid.api.support.ApiClient;
import io.presencegrid.api.support.ApiGrid;
import io.presencegrid.api.support.SocketClient;
import io.presencegrid.api.support.Tokens;
import io.presencegrid.testing.GridTestCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Privacy through the API and real sockets on a real grid: who may read and replace it, what bad input
 * gets, and that a viewer the user hides from sees nothing of them move, field by field, on every path a
 * view leaves the service, while access changes arrive as one event with reason privacy.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "presence.rate-limit.per-second=100000")
@DirtiesContext
class PrivacyIT {

    private static final Duration SOON = Duration.ofSeconds(2);
    private static final Duration QUIET = Duration.ofMillis(1500);

    private static GridTestCluster grid;

    @LocalServerPort
    private int port;

    private ApiClient api;

    @DynamicPropertySource
    static void grid(DynamicPropertyRegistry properties) {
        grid = ApiGrid.start("api-privacy", 60, 60, properties);
    }

    @AfterAll
    static void stopGrid() {
        ApiGrid.stop(grid);
    }

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @Test
    void theUserOrAnAdminReadsAndReplacesPrivacy() {
        JsonNode fresh = api.get("/v1/privacy/pa-owner", Tokens.user("pa-owner")).json();
        assertThat(fresh.path("presence").asText()).isEqualTo("everyone");
        assertThat(fresh.path("lastSeen").asText()).isEqualTo("everyone");
        assertThat(fresh.path("allowed").size()).isZero();

        assertThat(api.get("/v1/privacy/pa-owner", Tokens.user("pa-other")).status()).isEqualTo(403);
        assertThat(put("pa-owner", Tokens.user("pa-other"), "{\"presence\":\"nobody\"}").status()).isEqualTo(403);

        ApiClient.Response stored = put("pa-owner", Tokens.user("pa-owner"),
                "{\"presence\":\"allowed\",\"lastSeen\":\"nobody\",\"allowed\":[\"zed\",\"amy\",\"zed\"],\"blocked\":[\"bob\"]}");
        assertThat(stored.status()).isEqualTo(200);
        assertThat(stored.json().path("allowed").toString()).as("sorted, once each").isEqualTo("[\"amy\",\"zed\"]");
        JsonNode byAdmin = api.get("/v1/privacy/pa-owner", Tokens.admin("pa-ops")).json();
        assertThat(byAdmin.path("presence").asText()).isEqualTo("allowed");
        assertThat(byAdmin.path("lastSeen").asText()).isEqualTo("nobody");
        assertThat(byAdmin.path("blocked").toString()).isEqualTo("[\"bob\"]");

        // A PUT replaces the whole: members left out go back to their defaults.
        put("pa-owner", Tokens.user("pa-owner"), "{\"lastSeen\":\"allowed\"}");
        JsonNode replaced = api.get("/v1/privacy/pa-owner", Tokens.user("pa-owner")).json();
        assertThat(replaced.path("presence").asText()).isEqualTo("everyone");
        assertThat(replaced.path("allowed").size()).isZero();
    }

    @Test
    void badPrivacyIsRefusedNamingTheFieldAndChangesNothing() {
        put("pb-owner", Tokens.user("pb-owner"), "{\"presence\":\"nobody\",\"blocked\":[\"pb-x\"]}");
        String tooMany = IntStream.range(0, 1001).mapToObj(i -> "\"u" + i + "\"").collect(Collectors.joining(","));

        put("pb-owner", Tokens.user("pb-owner"), "{\"presence\":\"friends\"}").assertBadRequestNaming("presence");
        put("pb-owner", Tokens.user("pb-owner"), "{\"lastSeen\":\"\"}").assertBadRequestNaming("lastSeen");
        put("pb-owner", Tokens.user("pb-owner"), "{\"allowed\":[" + tooMany + "]}").assertBadRequestNaming("allowed");
        put("pb-owner", Tokens.user("pb-owner"), "{\"blocked\":[\"no spaces\"]}").assertBadRequestNaming("blocked");
        put("pb-owner", Tokens.user("pb-owner"), "{\"blocked\":[null]}").assertBadRequestNaming("blocked");
        put("pb-owner", Tokens.user("pb-owner"), "{\"blocked\":\"pb-x\"}").assertBadRequestNaming("blocked");
        assertThat(put("pb-owner", Tokens.user("pb-owner"), "[]").status()).isEqualTo(400);
        api.get("/v1/privacy/bad%20id", Tokens.user("pb-owner")).assertBadRequestNaming("userId");

        JsonNode kept = api.get("/v1/privacy/pb-owner", Tokens.user("pb-owner")).json();
        assertThat(kept.path("presence").asText()).isEqualTo("nobody");
        assertThat(kept.path("blocked").toString()).isEqualTo("[\"pb-x\"]");
    }

    @Test
    void aHiddenViewerSeesNothingOfTheUserMoveFieldByField() throws Exception {
        api.update(Tokens.user("ph-star"), "ph-star", "phone", "online");
        put("ph-star", Tokens.user("ph-star"),
                "{\"presence\":\"allowed\",\"lastSeen\":\"allowed\",\"allowed\":[\"ph-friend\",\"ph-foe\"],\"blocked\":[\"ph-foe\"]}");
        List<String> hiddenFrom = List.of("ph-stranger", "ph-foe");
        List<SocketClient> sockets = new ArrayList<>();
        try {
            for (String viewer : hiddenFrom) {
                sockets.add(followingStar(viewer));
            }
            SocketClient friend = followingStar("ph-friend");
            sockets.add(friend);
            List<String> before = new ArrayList<>();
            for (String viewer : hiddenFrom) {
                before.addAll(everyViewOfStar(viewer));
            }

            // Status, message, a second device with metadata, and last seen all change.
            post("/v1/status/update", "ph-star", "{\"userId\":\"ph-star\",\"device\":\"laptop\",\"status\":\"busy\",\"message\":\"in a call\",\"meta\":{\"app\":\"7\"}}");
            Thread.sleep(1100);
            post("/v1/status/update", "ph-star", "{\"userId\":\"ph-star\",\"device\":\"phone\",\"status\":\"away\"}");

            JsonNode friendSaw = friend.next("presence", SOON);
            assertThat(friendSaw.path("status").asText()).as("the allowed viewer sees the change").isEqualTo("busy");
            for (int i = 0; i < hiddenFrom.size(); i++) {
                assertThat(sockets.get(i).poll(QUIET)).as("no frame for " + hiddenFrom.get(i)).isNull();
            }
            List<String> after = new ArrayList<>();
            for (String viewer : hiddenFrom) {
                after.addAll(everyViewOfStar(viewer));
            }
            assertThat(after).as("GET, batch GET, subscribe answer and snapshot, before and after").isEqualTo(before);
            JsonNode hidden = api.get("/v1/status/ph-star", Tokens.user("ph-foe")).json();
            assertThat(hidden.path("status").asText()).isEqualTo("offline");
            assertThat(hidden.path("devices").size()).isZero();
            assertThat(hidden.path("version").asLong()).isZero();
            assertThat(hidden.path("lastSeenAt").isNull()).as("blocked beats allowed, for last seen too").isTrue();
            assertThat(api.get("/v1/status/ph-star", Tokens.admin("ph-ops")).json().path("status").asText())
                    .as("the admin scope sees everything").isEqualTo("busy");
        } finally {
            sockets.forEach(SocketClient::close);
        }
    }

    @Test
    void aViewerWhoLosesOrGainsAccessGetsOneEventWithReasonPrivacy() throws Exception {
        api.update(Tokens.user("pc-star"), "pc-star", "phone", "busy");
        try (SocketClient fan = followingUser("pc-fan", "pc-star")) {
            put("pc-star", Tokens.user("pc-star"), "{\"presence\":\"nobody\",\"lastSeen\":\"nobody\"}");
            JsonNode lost = fan.next("presence", SOON);
            assertThat(lost.path("reason").asText()).isEqualTo("privacy");
            assertThat(lost.path("status").asText()).isEqualTo("offline");
            assertThat(lost.path("previous").asText()).isEqualTo("busy");
            assertThat(lost.path("devices").size()).isZero();
            assertThat(lost.path("version").asLong()).isZero();
            assertThat(lost.path("lastSeenAt").isNull()).isTrue();

            api.update(Tokens.user("pc-star"), "pc-star", "phone", "away");
            assertThat(fan.poll(QUIET)).as("nothing after the last event").isNull();

            put("pc-star", Tokens.user("pc-star"), "{\"presence\":\"everyone\",\"lastSeen\":\"nobody\"}");
            JsonNode regained = fan.next("presence", SOON);
            assertThat(regained.path("reason").asText()).isEqualTo("privacy");
            assertThat(regained.path("status").asText()).isEqualTo("away");
            assertThat(regained.path("lastSeenAt").isNull()).isTrue();
            long version = regained.path("version").asLong();
            assertThat(version).isPositive();

            put("pc-star", Tokens.user("pc-star"), "{\"presence\":\"everyone\",\"lastSeen\":\"everyone\"}");
            JsonNode lastSeenShown = fan.next("presence", SOON);
            assertThat(lastSeenShown.path("reason").asText()).isEqualTo("privacy");
            assertThat(lastSeenShown.path("lastSeenAt").isNull()).isFalse();
            assertThat(lastSeenShown.path("version").asLong()).isEqualTo(version);

            api.update(Tokens.user("pc-star"), "pc-star", "phone", "online");
            JsonNode update = fan.next("presence", SOON);
            assertThat(update.path("reason").asText()).isEqualTo("update");
            assertThat(update.path("version").asLong()).isEqualTo(version + 1);
        }
    }

    @Test
    void privacyOfAUserNeverSeenKeepsThemUnknownAndGoesWithADelete() {
        put("pd-new", Tokens.user("pd-new"), "{\"presence\":\"nobody\"}");
        assertThat(api.get("/v1/status/pd-new", Tokens.user("pd-new")).status()).as("still never seen").isEqualTo(404);
        assertThat(api.get("/v1/status/pd-new", Tokens.user("pd-other")).status()).isEqualTo(404);

        JsonNode first = api.update(Tokens.user("pd-new"), "pd-new", "phone", "online");
        assertThat(first.path("version").asLong()).as("the first update is the first appearance").isEqualTo(1);
        assertThat(api.get("/v1/status/pd-new", Tokens.user("pd-other")).json().path("status").asText()).isEqualTo("offline");

        assertThat(api.delete("/v1/status/pd-new", Tokens.user("pd-new")).status()).isEqualTo(204);
        assertThat(api.get("/v1/privacy/pd-new", Tokens.user("pd-new")).json().path("presence").asText())
                .as("a delete purges privacy").isEqualTo("everyone");
    }

    @Test
    void theOpenApiDocumentDescribesPrivacy() {
        JsonNode docs = api.get("/v3/api-docs", null).json();

        JsonNode path = docs.path("paths").path("/v1/privacy/{userId}");
        assertThat(path.has("get")).isTrue();
        assertThat(path.has("put")).isTrue();
        JsonNode request = docs.path("components").path("schemas").path("PrivacyRequest");
        assertThat(request.path("properties").path("presence").path("enum").toString()).contains("everyone", "allowed", "nobody");
        assertThat(request.path("properties").path("blocked").path("maxItems").asInt()).isEqualTo(1000);
        assertThat(docs.path("components").path("schemas").has("PrivacyView")).isTrue();
    }

    private SocketClient followingStar(String viewer) {
        return followingUser(viewer, "ph-star");
    }

    private SocketClient followingUser(String viewer, String userId) {
        SocketClient socket = SocketClient.connect(port, Tokens.user(viewer));
        socket.next("snapshot", SOON);
        socket.send("{\"type\":\"subscribe\",\"userIds\":[\"" + userId + "\"]}");
        socket.next("snapshot", SOON);
        return socket;
    }

    /** Each way a view of ph-star leaves the service for {@code viewer}, as JSON text. */
    private List<String> everyViewOfStar(String viewer) {
        String token = Tokens.user(viewer);
        List<String> views = new ArrayList<>();
        views.add(api.get("/v1/status/ph-star", token).body());
        views.add(api.get("/v1/status?userIds=ph-star," + viewer, token).json().path("presence").get(0).toString());
        views.add(api.post("/v1/status/subscribe", token, "{\"subscriberId\":\"" + viewer + "\",\"userIds\":[\"ph-star\"]}")
                .json().path("presence").get(0).toString());
        try (SocketClient fresh = SocketClient.connect(port, token)) {
            views.add(fresh.next("snapshot", SOON).path("presence").get(0).toString());
        }
        return views;
    }

    private ApiClient.Response put(String userId, String token, String json) {
        return api.send("PUT", "/v1/privacy/" + userId, token, "application/json", json);
    }

    private void post(String path, String userId, String json) {
        ApiClient.Response response = api.post(path, Tokens.user(userId), json);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }
}
