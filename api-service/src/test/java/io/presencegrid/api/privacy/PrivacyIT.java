package io.presencegrid.api.privacy;

import org.springframework.beans.factory.annotation.Autowired;
import io.presencegrid.api.support.ApiGridTest;
import static io.presencegrid.api.support.ProblemAssertions.assertBadRequestNaming;
import static io.presencegrid.api.support.TestJwt.TOKENS;
import static org.assertj.core.api.Assertions.assertThat;

import io.presencegrid.clienttools.api.ApiAnswer;
import io.presencegrid.clienttools.api.ApiClient;
import io.presencegrid.clienttools.api.PresenceSocket;
import io.presencegrid.testing.GridTestCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Privacy through the API and real sockets on a real grid: who may read and replace it, what bad input
 * gets, and that a viewer the user hides from sees nothing of them move, field by field, on every path a
 * view leaves the service, while access changes arrive as one event with reason privacy.
 */
@ApiGridTest(name = "api-rest", shared = true, sweepSeconds = 10, properties = "presence.rate-limit.per-second=100000")
class PrivacyIT {

    private static final Duration SOON = Duration.ofSeconds(2);
    private static final Duration QUIET = Duration.ofMillis(1500);

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
    void theUserOrAnAdminReadsAndReplacesPrivacy() {
        JsonNode fresh = api.get("/v1/privacy/pa-owner", TOKENS.user("pa-owner")).json();
        assertThat(fresh.path("presence").asText()).isEqualTo("everyone");
        assertThat(fresh.path("lastSeen").asText()).isEqualTo("everyone");
        assertThat(fresh.path("allowed").size()).isZero();

        assertThat(api.get("/v1/privacy/pa-owner", TOKENS.user("pa-other")).status()).isEqualTo(403);
        assertThat(put("pa-owner", TOKENS.user("pa-other"), "{\"presence\":\"nobody\"}").status()).isEqualTo(403);

        ApiAnswer stored = put("pa-owner", TOKENS.user("pa-owner"),
                "{\"presence\":\"allowed\",\"lastSeen\":\"nobody\",\"allowed\":[\"zed\",\"amy\",\"zed\"],\"blocked\":[\"bob\"]}");
        assertThat(stored.status()).isEqualTo(200);
        assertThat(stored.json().path("allowed").toString()).as("sorted, once each").isEqualTo("[\"amy\",\"zed\"]");
        JsonNode byAdmin = api.get("/v1/privacy/pa-owner", TOKENS.admin("pa-ops")).json();
        assertThat(byAdmin.path("presence").asText()).isEqualTo("allowed");
        assertThat(byAdmin.path("lastSeen").asText()).isEqualTo("nobody");
        assertThat(byAdmin.path("blocked").toString()).isEqualTo("[\"bob\"]");

        // A PUT replaces the whole: members left out go back to their defaults.
        put("pa-owner", TOKENS.user("pa-owner"), "{\"lastSeen\":\"allowed\"}");
        JsonNode replaced = api.get("/v1/privacy/pa-owner", TOKENS.user("pa-owner")).json();
        assertThat(replaced.path("presence").asText()).isEqualTo("everyone");
        assertThat(replaced.path("allowed").size()).isZero();
    }

    @Test
    void badPrivacyIsRefusedNamingTheFieldAndChangesNothing() {
        put("pb-owner", TOKENS.user("pb-owner"), "{\"presence\":\"nobody\",\"blocked\":[\"pb-x\"]}");
        String tooMany = IntStream.range(0, 1001).mapToObj(i -> "\"u" + i + "\"").collect(Collectors.joining(","));

        assertBadRequestNaming(put("pb-owner", TOKENS.user("pb-owner"), "{\"presence\":\"friends\"}"), "presence");
        assertBadRequestNaming(put("pb-owner", TOKENS.user("pb-owner"), "{\"lastSeen\":\"\"}"), "lastSeen");
        assertBadRequestNaming(put("pb-owner", TOKENS.user("pb-owner"), "{\"allowed\":[" + tooMany + "]}"), "allowed");
        assertBadRequestNaming(put("pb-owner", TOKENS.user("pb-owner"), "{\"blocked\":[\"no spaces\"]}"), "blocked");
        assertBadRequestNaming(put("pb-owner", TOKENS.user("pb-owner"), "{\"blocked\":[null]}"), "blocked");
        assertBadRequestNaming(put("pb-owner", TOKENS.user("pb-owner"), "{\"blocked\":\"pb-x\"}"), "blocked");
        assertThat(put("pb-owner", TOKENS.user("pb-owner"), "[]").status()).isEqualTo(400);
        assertBadRequestNaming(api.get("/v1/privacy/bad%20id", TOKENS.user("pb-owner")), "userId");

        JsonNode kept = api.get("/v1/privacy/pb-owner", TOKENS.user("pb-owner")).json();
        assertThat(kept.path("presence").asText()).isEqualTo("nobody");
        assertThat(kept.path("blocked").toString()).isEqualTo("[\"pb-x\"]");
    }

    @Test
    void aHiddenViewerSeesNothingOfTheUserMoveFieldByField() throws Exception {
        api.update(TOKENS.user("ph-star"), "ph-star", "phone", "online").expect(200);
        put("ph-star", TOKENS.user("ph-star"),
                "{\"presence\":\"allowed\",\"lastSeen\":\"allowed\",\"allowed\":[\"ph-friend\",\"ph-foe\"],\"blocked\":[\"ph-foe\"]}");
        List<String> hiddenFrom = List.of("ph-stranger", "ph-foe");
        List<PresenceSocket> sockets = new ArrayList<>();
        try {
            for (String viewer : hiddenFrom) {
                sockets.add(followingStar(viewer));
            }
            PresenceSocket friend = followingStar("ph-friend");
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
            JsonNode hidden = api.get("/v1/status/ph-star", TOKENS.user("ph-foe")).json();
            assertThat(hidden.path("status").asText()).isEqualTo("offline");
            assertThat(hidden.path("devices").size()).isZero();
            assertThat(hidden.path("version").asLong()).isZero();
            assertThat(hidden.path("lastSeenAt").isNull()).as("blocked beats allowed, for last seen too").isTrue();
            assertThat(api.get("/v1/status/ph-star", TOKENS.admin("ph-ops")).json().path("status").asText())
                    .as("the admin scope sees everything").isEqualTo("busy");
        } finally {
            sockets.forEach(PresenceSocket::close);
        }
    }

    @Test
    void aViewerWhoLosesOrGainsAccessGetsOneEventWithReasonPrivacy() throws Exception {
        api.update(TOKENS.user("pc-star"), "pc-star", "phone", "busy").expect(200);
        try (PresenceSocket fan = followingUser("pc-fan", "pc-star")) {
            put("pc-star", TOKENS.user("pc-star"), "{\"presence\":\"nobody\",\"lastSeen\":\"nobody\"}");
            JsonNode lost = fan.next("presence", SOON);
            assertThat(lost.path("reason").asText()).isEqualTo("privacy");
            assertThat(lost.path("status").asText()).isEqualTo("offline");
            assertThat(lost.path("previous").asText()).isEqualTo("busy");
            assertThat(lost.path("devices").size()).isZero();
            assertThat(lost.path("version").asLong()).isZero();
            assertThat(lost.path("lastSeenAt").isNull()).isTrue();

            api.update(TOKENS.user("pc-star"), "pc-star", "phone", "away").expect(200);
            assertThat(fan.poll(QUIET)).as("nothing after the last event").isNull();

            put("pc-star", TOKENS.user("pc-star"), "{\"presence\":\"everyone\",\"lastSeen\":\"nobody\"}");
            JsonNode regained = fan.next("presence", SOON);
            assertThat(regained.path("reason").asText()).isEqualTo("privacy");
            assertThat(regained.path("status").asText()).isEqualTo("away");
            assertThat(regained.path("lastSeenAt").isNull()).isTrue();
            long version = regained.path("version").asLong();
            assertThat(version).isPositive();

            put("pc-star", TOKENS.user("pc-star"), "{\"presence\":\"everyone\",\"lastSeen\":\"everyone\"}");
            JsonNode lastSeenShown = fan.next("presence", SOON);
            assertThat(lastSeenShown.path("reason").asText()).isEqualTo("privacy");
            assertThat(lastSeenShown.path("lastSeenAt").isNull()).isFalse();
            assertThat(lastSeenShown.path("version").asLong()).isEqualTo(version);

            api.update(TOKENS.user("pc-star"), "pc-star", "phone", "online").expect(200);
            JsonNode update = fan.next("presence", SOON);
            assertThat(update.path("reason").asText()).isEqualTo("update");
            assertThat(update.path("version").asLong()).isEqualTo(version + 1);
        }
    }

    @Test
    void privacyOfAUserNeverSeenKeepsThemUnknownAndGoesWithADelete() {
        put("pd-new", TOKENS.user("pd-new"), "{\"presence\":\"nobody\"}");
        assertThat(api.get("/v1/status/pd-new", TOKENS.user("pd-new")).status()).as("still never seen").isEqualTo(404);
        assertThat(api.get("/v1/status/pd-new", TOKENS.user("pd-other")).status()).isEqualTo(404);

        JsonNode first = api.update(TOKENS.user("pd-new"), "pd-new", "phone", "online").expect(200).json();
        assertThat(first.path("version").asLong()).as("the first update is the first appearance").isEqualTo(1);
        assertThat(api.get("/v1/status/pd-new", TOKENS.user("pd-other")).json().path("status").asText()).isEqualTo("offline");

        assertThat(api.delete("/v1/status/pd-new", TOKENS.user("pd-new")).status()).isEqualTo(204);
        assertThat(api.get("/v1/privacy/pd-new", TOKENS.user("pd-new")).json().path("presence").asText())
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

    private PresenceSocket followingStar(String viewer) {
        return followingUser(viewer, "ph-star");
    }

    private PresenceSocket followingUser(String viewer, String userId) {
        PresenceSocket socket = PresenceSocket.observe(port, TOKENS.user(viewer));
        socket.next("snapshot", SOON);
        socket.send("{\"type\":\"subscribe\",\"userIds\":[\"" + userId + "\"]}");
        socket.next("snapshot", SOON);
        return socket;
    }

    /** Each way a view of ph-star leaves the service for {@code viewer}, as JSON text. */
    private List<String> everyViewOfStar(String viewer) {
        String token = TOKENS.user(viewer);
        List<String> views = new ArrayList<>();
        views.add(api.get("/v1/status/ph-star", token).body());
        views.add(api.get("/v1/status?userIds=ph-star," + viewer, token).json().path("presence").get(0).toString());
        views.add(api.post("/v1/status/subscribe", token, "{\"subscriberId\":\"" + viewer + "\",\"userIds\":[\"ph-star\"]}")
                .json().path("presence").get(0).toString());
        try (PresenceSocket fresh = PresenceSocket.observe(port, token)) {
            views.add(fresh.next("snapshot", SOON).path("presence").get(0).toString());
        }
        return views;
    }

    private ApiAnswer put(String userId, String token, String json) {
        return api.send("PUT", "/v1/privacy/" + userId, token, "application/json", json);
    }

    private void post(String path, String userId, String json) {
        ApiAnswer response = api.post(path, TOKENS.user(userId), json);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }
}
