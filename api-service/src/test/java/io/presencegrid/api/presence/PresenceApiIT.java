package io.presencegrid.api.presence;

import org.springframework.beans.factory.annotation.Autowired;
import io.presencegrid.api.support.ApiGridTest;
import static io.presencegrid.api.support.TestJwt.TOKENS;
import static org.assertj.core.api.Assertions.assertThat;

import io.presencegrid.api.web.RequestSizeLimitFilter;
import io.presencegrid.clienttools.api.ApiAnswer;
import io.presencegrid.clienttools.api.ApiClient;
import io.presencegrid.clienttools.token.ForeignTokens;
import io.presencegrid.clienttools.token.PresenceTokens;
import io.presencegrid.schema.CacheNames;
import io.presencegrid.schema.DeviceSessionKey;
import io.presencegrid.schema.SubscriptionKey;
import io.presencegrid.testing.GridTestCluster;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The /v1/status contract against the real app on a real two-node grid, with real JWTs. */
@ApiGridTest(name = "api-rest", shared = true, sweepSeconds = 10, properties = "presence.rate-limit.per-second=100000")
class PresenceApiIT {

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
    void updateAnswersTheUsersOwnViewWithIsoUtcTimestamps() {
        ApiAnswer response = api.post("/v1/status/update", TOKENS.user("ann"),
                "{\"userId\":\"ann\",\"status\":\"online\",\"device\":\"phone\",\"message\":\"hello\"}");

        assertThat(response.status()).isEqualTo(200);
        JsonNode view = response.json();
        assertThat(view.path("userId").asText()).isEqualTo("ann");
        assertThat(view.path("status").asText()).isEqualTo("online");
        assertThat(view.path("message").asText()).isEqualTo("hello");
        assertThat(view.path("version").asLong()).isEqualTo(1);
        assertThat(view.path("devices")).hasSize(1);
        assertThat(view.path("devices").get(0).path("device").asText()).isEqualTo("phone");
        assertThat(view.path("devices").get(0).path("status").asText()).isEqualTo("online");
        assertThat(view.path("lastSeenAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
        assertThat(Instant.parse(view.path("updatedAt").asText())).isBeforeOrEqualTo(Instant.now());
    }

    @Test
    void deviceDefaultsToDefaultAndAHeartbeatKeepsTheVersion() {
        String token = TOKENS.user("beat");
        JsonNode first = api.post("/v1/status/update", token, "{\"userId\":\"beat\",\"status\":\"away\"}").json();
        JsonNode again = api.post("/v1/status/update", token, "{\"userId\":\"beat\",\"status\":\"away\"}").json();

        assertThat(first.path("devices").get(0).path("device").asText()).isEqualTo("default");
        assertThat(again.path("version").asLong()).isEqualTo(first.path("version").asLong());
        assertThat(Instant.parse(again.path("devices").get(0).path("lastActiveAt").asText()))
                .isAfterOrEqualTo(Instant.parse(first.path("devices").get(0).path("lastActiveAt").asText()));
    }

    @Test
    void getAnswersTheViewAnd404ForAUserNeverSeen() {
        api.update(TOKENS.user("gina"), "gina", "laptop", "busy").expect(200);

        ApiAnswer known = api.get("/v1/status/gina", TOKENS.user("someone-else"));
        ApiAnswer unknown = api.get("/v1/status/never-seen", TOKENS.user("someone-else"));

        assertThat(known.status()).isEqualTo(200);
        assertThat(known.json().path("status").asText()).isEqualTo("busy");
        assertThat(unknown.status()).isEqualTo(404);
        assertProblem(unknown, 404, "userId");
    }

    @Test
    void batchReadKeepsRequestOrderAndAnswersUnknownIdsOffline() {
        api.update(TOKENS.user("b1"), "b1", "phone", "online").expect(200);
        api.update(TOKENS.user("b2"), "b2", "phone", "away").expect(200);

        ApiAnswer response = api.get("/v1/status?userIds=b2,nobody,b1", TOKENS.user("reader"));

        assertThat(response.status()).isEqualTo(200);
        JsonNode presence = response.json().path("presence");
        assertThat(presence).hasSize(3);
        assertThat(presence.get(0).path("status").asText()).isEqualTo("away");
        assertThat(presence.get(1).path("userId").asText()).isEqualTo("nobody");
        assertThat(presence.get(1).path("status").asText()).isEqualTo("offline");
        assertThat(presence.get(1).path("lastSeenAt").isNull()).isTrue();
        assertThat(presence.get(2).path("status").asText()).isEqualTo("online");
    }

    @Test
    void batchOfMoreThan500IdsOrABadIdIsRefusedNamingUserIds() {
        String ids = IntStream.range(0, 501).mapToObj(i -> "u" + i).collect(Collectors.joining(","));

        assertProblem(api.get("/v1/status?userIds=" + ids, TOKENS.user("reader")), 400, "userIds");
        assertProblem(api.get("/v1/status?userIds=ok,bad%20id", TOKENS.user("reader")), 400, "userIds");
        assertProblem(api.get("/v1/status", TOKENS.user("reader")), 400, "userIds");
    }

    @Test
    void deletePurgesSessionsPresenceAndSubscriptionsThenGetIs404AndDeleteAgainIs204() {
        api.update(TOKENS.user("dora"), "dora", "phone", "online").expect(200);
        api.update(TOKENS.user("dora"), "dora", "laptop", "busy").expect(200);
        api.post("/v1/status/subscribe", TOKENS.user("fan"), "{\"subscriberId\":\"fan\",\"userIds\":[\"dora\",\"other\"]}");
        api.post("/v1/status/subscribe", TOKENS.user("dora"), "{\"subscriberId\":\"dora\",\"userIds\":[\"idol\"]}");
        assertThat(grid.node(1).cache(CacheNames.SUBSCRIPTION).get(new SubscriptionKey("dora", "fan"))).isNotNull();

        ApiAnswer deleted = api.delete("/v1/status/dora", TOKENS.user("dora"));

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(api.get("/v1/status/dora", TOKENS.user("dora")).status()).isEqualTo(404);
        assertThat(grid.node(1).cache(CacheNames.DEVICE_SESSION).get(new DeviceSessionKey("dora", "phone"))).isNull();
        assertThat(grid.node(1).cache(CacheNames.DEVICE_SESSION).get(new DeviceSessionKey("dora", "laptop"))).isNull();
        assertThat(grid.node(1).cache(CacheNames.SUBSCRIPTION).get(new SubscriptionKey("dora", "fan"))).isNull();
        assertThat(grid.node(1).cache(CacheNames.SUBSCRIPTION).get(new SubscriptionKey("idol", "dora"))).isNull();
        assertThat(grid.node(1).cache(CacheNames.SUBSCRIBER_INDEX).get("dora")).isNull();
        assertThat(grid.node(1).<String, io.presencegrid.schema.FollowedUsers>cache(CacheNames.SUBSCRIBER_INDEX).get("fan").userIds())
                .containsExactly("other");
        assertThat(api.delete("/v1/status/dora", TOKENS.user("dora")).status()).as("deleted again").isEqualTo(204);
        assertThat(api.delete("/v1/status/never-seen", TOKENS.user("never-seen")).status()).as("never seen").isEqualTo(204);
        assertThat(api.get("/v1/status/never-seen", TOKENS.user("never-seen")).status()).isEqualTo(404);
    }

    @ParameterizedTest(name = "{0} + {1} = {2}")
    @CsvSource({
            "online, online, online", "online, away, online", "online, busy, busy", "online, invisible, invisible",
            "online, offline, online", "away, away, away", "away, busy, busy", "away, invisible, invisible",
            "away, offline, away", "busy, busy, busy", "busy, invisible, invisible", "busy, offline, busy",
            "invisible, invisible, invisible", "invisible, offline, invisible", "offline, offline, offline",
            "away, online, online", "busy, online, busy", "invisible, online, invisible", "offline, online, online",
            "busy, away, busy", "invisible, away, invisible", "offline, away, away", "invisible, busy, invisible",
            "offline, busy, busy", "offline, invisible, invisible"})
    void twoDevicesAddUpToTheHighestStatus(String phone, String laptop, String expected) {
        String user = "agg-" + phone + "-" + laptop;
        String token = TOKENS.user(user);
        api.update(token, user, "phone", phone).expect(200);

        JsonNode view = api.update(token, user, "laptop", laptop).expect(200).json();

        assertThat(view.path("status").asText()).isEqualTo(expected);
        long live = (phone.equals("offline") ? 0 : 1) + (laptop.equals("offline") ? 0 : 1);
        assertThat(view.path("devices")).hasSize((int) live);
    }

    @Test
    void anOfflineUpdateEndsThatDevicesSessionAtOnce() {
        String token = TOKENS.user("olly");
        api.update(token, "olly", "phone", "online").expect(200);
        api.update(token, "olly", "laptop", "away").expect(200);

        JsonNode view = api.update(token, "olly", "phone", "offline").expect(200).json();

        assertThat(view.path("status").asText()).isEqualTo("away");
        assertThat(view.path("devices")).hasSize(1);
        assertThat(grid.node(0).cache(CacheNames.DEVICE_SESSION).get(new DeviceSessionKey("olly", "phone"))).isNull();
        assertThat(api.update(token, "olly", "laptop", "offline").expect(200).json().path("status").asText()).isEqualTo("offline");
    }

    @Test
    void invisibleIsSeenByTheUserAndLooksOfflineToEveryoneElse() {
        String token = TOKENS.user("ivy");
        api.update(token, "ivy", "phone", "online").expect(200);
        JsonNode before = api.get("/v1/status/ivy", TOKENS.user("watcher")).json();
        api.post("/v1/status/update", token, "{\"userId\":\"ivy\",\"device\":\"phone\",\"status\":\"invisible\",\"message\":\"hiding\"}");
        JsonNode hidden = api.get("/v1/status/ivy", TOKENS.user("watcher")).json();
        api.post("/v1/status/update", token, "{\"userId\":\"ivy\",\"device\":\"phone\",\"status\":\"invisible\",\"message\":\"still hiding\"}");

        JsonNode self = api.get("/v1/status/ivy", token).json();
        JsonNode other = api.get("/v1/status/ivy", TOKENS.user("watcher")).json();

        assertThat(self.path("status").asText()).isEqualTo("invisible");
        assertThat(self.path("message").asText()).isEqualTo("still hiding");
        assertThat(self.path("devices")).hasSize(1);
        assertThat(other.path("status").asText()).isEqualTo("offline");
        assertThat(other.path("devices")).isEmpty();
        assertThat(other.path("message").isNull()).isTrue();
        assertThat(hidden.path("version").asLong()).isGreaterThan(before.path("version").asLong());
        assertThat(other.path("version").asLong()).as("a hidden change moves nothing others see")
                .isEqualTo(hidden.path("version").asLong());
        assertThat(other.path("lastSeenAt").asText()).isEqualTo(hidden.path("lastSeenAt").asText());
        JsonNode inBatch = api.get("/v1/status?userIds=ivy", TOKENS.user("watcher")).json().path("presence").get(0);
        assertThat(inBatch.path("status").asText()).isEqualTo("offline");
    }

    @Test
    void badFieldsAre400ProblemsNamingTheField() {
        String token = TOKENS.user("val");
        assertProblem(api.post("/v1/status/update", token, "{\"userId\":\"val\",\"status\":\"sleeping\"}"), 400, "status");
        assertProblem(api.post("/v1/status/update", token, "{\"userId\":\"v a l\",\"status\":\"online\"}"), 400, "userId");
        assertProblem(api.post("/v1/status/update", token, "{\"status\":\"online\"}"), 400, "userId");
        assertProblem(api.post("/v1/status/update", token, "{\"userId\":\"val\",\"status\":\"online\",\"device\":\"a/b\"}"), 400, "device");
        assertProblem(api.post("/v1/status/update", token,
                "{\"userId\":\"val\",\"status\":\"online\",\"message\":\"" + "x".repeat(141) + "\"}"), 400, "message");
        assertProblem(api.post("/v1/status/update", token, "{\"userId\":\"val\",\"status\":{\"nested\":1}}"), 400, "status");
        assertProblem(api.post("/v1/status/update", token, "{\"userId\":\"val\",\"status\":"), 400, "request body");
        assertProblem(api.post("/v1/status/update", token, "not json at all"), 400, "request body");
        assertProblem(api.get("/v1/status/" + "x".repeat(65), token), 400, "userId");
        for (String meta : List.of("[1]", "\"text\"", "{\"nested\":{\"a\":1}}", "{\"list\":[1]}", "{\"nothing\":null}",
                "{\"bad key\":1}", manyKeys(17), "{\"big\":\"" + "x".repeat(1020) + "\"}")) {
            assertProblem(api.post("/v1/status/update", token, "{\"userId\":\"val\",\"status\":\"online\",\"meta\":" + meta + "}"),
                    400, "meta");
        }
        assertThat(api.get("/v1/status/val", token).status()).as("nothing was written").isEqualTo(404);
    }

    @Test
    void aDevicesMetadataIsShownInItsEntryKeptUntilReplacedAndClearedByAnEmptyObject() {
        String token = TOKENS.user("meta");
        JsonNode set = api.post("/v1/status/update", token,
                "{\"userId\":\"meta\",\"device\":\"phone\",\"status\":\"busy\",\"meta\":{\"inCall\":true,\"app\":\"ios-3.1\",\"n\":2}}").json();
        JsonNode seen = api.get("/v1/status/meta", TOKENS.user("meta-friend")).json();
        JsonNode kept = api.post("/v1/status/update", token, "{\"userId\":\"meta\",\"device\":\"phone\",\"status\":\"away\"}").json();
        JsonNode cleared = api.post("/v1/status/update", token,
                "{\"userId\":\"meta\",\"device\":\"phone\",\"status\":\"away\",\"meta\":{}}").json();

        assertThat(set.path("devices").get(0).path("meta").toString()).isEqualTo("{\"app\":\"ios-3.1\",\"inCall\":true,\"n\":2}");
        assertThat(seen.path("devices").get(0).path("meta").path("inCall").asBoolean()).as("others see it").isTrue();
        assertThat(kept.path("devices").get(0).path("meta").path("app").asText()).isEqualTo("ios-3.1");
        assertThat(cleared.path("devices").get(0).has("meta")).isFalse();
        assertThat(cleared.path("version").asLong()).isEqualTo(kept.path("version").asLong() + 1);
        assertThat(api.post("/v1/status/update", token, "{\"userId\":\"meta\",\"device\":\"phone\",\"status\":\"away\","
                + "\"meta\":" + manyKeys(16) + "}").status()).as("16 keys are allowed").isEqualTo(200);
    }

    private static String manyKeys(int count) {
        StringBuilder object = new StringBuilder("{");
        for (int i = 0; i < count; i++) {
            object.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
        }
        return object.append('}').toString();
    }

    @Test
    void aBodyOver16KiBIs413WithOrWithoutContentLength() {
        String huge = "{\"userId\":\"big\",\"status\":\"online\",\"message\":\"" + "x".repeat(17_000) + "\"}";
        assertProblem(api.post("/v1/status/update", TOKENS.user("big"), huge), 413, "request body");

        byte[] bytes = huge.getBytes(StandardCharsets.UTF_8);
        HttpRequest.BodyPublisher chunked = HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofByteArray(bytes));
        assertProblem(api.post("/v1/status/update", TOKENS.user("big"), chunked), 413, "request body");
    }

    @Test
    void aBodyOfExactly16KiBUnderALongTokenIsAccepted() {
        String token = TOKENS.sign(PresenceTokens.claims("roomy", PresenceTokens.USER_SCOPE).claim("pad", "x".repeat(4_400)));
        String update = "{\"userId\":\"roomy\",\"status\":\"online\"}";
        String body = update + " ".repeat(RequestSizeLimitFilter.MAX_BODY_BYTES - update.length());
        assertThat(body.getBytes(StandardCharsets.UTF_8)).hasSize(16 * 1024);

        assertThat(api.post("/v1/status/update", token, body).status()).isEqualTo(200);
        HttpRequest.BodyPublisher chunked = HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofString(body));
        assertThat(api.post("/v1/status/update", token, chunked).status()).isEqualTo(200);
    }

    @Test
    void tokensThatAreMissingForgedExpiredOrUnsignedAre401() {
        String body = "{\"userId\":\"eve\",\"status\":\"online\"}";
        assertProblem(api.post("/v1/status/update", null, body), 401, "Authorization");
        assertProblem(api.post("/v1/status/update", new PresenceTokens("another-secret-of-at-least-32-bytes!!").user("eve"), body), 401, "Authorization");
        assertProblem(api.post("/v1/status/update", TOKENS.expiringAt("eve", Instant.now().minusSeconds(120)), body), 401, "Authorization");
        assertProblem(api.post("/v1/status/update", ForeignTokens.unsigned(PresenceTokens.claims("eve", PresenceTokens.ADMIN_SCOPE).build()), body), 401, "Authorization");
        assertProblem(api.post("/v1/status/update", ForeignTokens.rs256(PresenceTokens.claims("eve", PresenceTokens.USER_SCOPE).build()), body), 401, "Authorization");
        assertProblem(api.get("/v1/status/eve", "not.a.jwt"), 401, "Authorization");
        assertThat(api.post("/v1/status/update", null, body).header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void aTokenInTheUrlOfARestCallIs401AndSaysWhereTheTokenBelongs() {
        api.update(TOKENS.user("urly"), "urly", "phone", "online").expect(200);

        ApiAnswer inUrl = api.get("/v1/status/urly?access_token=" + TOKENS.user("urly"), null);

        assertProblem(inUrl, 401, "Authorization");
        assertThat(inUrl.json().path("detail").asText()).contains("WebSocket handshake");
        assertThat(api.get("/v1/status/urly", TOKENS.user("urly")).status()).as("the same token in the header").isEqualTo(200);
    }

    @Test
    void actingForAnotherUserNeedsTheAdminScope() {
        api.update(TOKENS.user("victim"), "victim", "phone", "online").expect(200);

        assertProblem(api.post("/v1/status/update", TOKENS.user("mallory"), "{\"userId\":\"victim\",\"status\":\"offline\",\"device\":\"phone\"}"), 403, "userId");
        assertProblem(api.delete("/v1/status/victim", TOKENS.user("mallory")), 403, "userId");
        assertThat(api.get("/v1/status/victim", TOKENS.user("mallory")).json().path("status").asText()).isEqualTo("online");

        ApiAnswer byAdmin = api.post("/v1/status/update", TOKENS.admin("ops"), "{\"userId\":\"victim\",\"status\":\"away\",\"device\":\"phone\"}");
        assertThat(byAdmin.status()).isEqualTo(200);
        assertThat(byAdmin.json().path("status").asText()).isEqualTo("away");
        assertThat(api.delete("/v1/status/victim", TOKENS.admin("ops")).status()).isEqualTo(204);
    }

    @Test
    void concurrentUpdatesFromTwoDevicesLoseNoDeviceAndNeverGoBack() throws Exception {
        String token = TOKENS.user("race");
        ExecutorService pool = Executors.newFixedThreadPool(50);
        List<Future<JsonNode>> results = new ArrayList<>();
        String[] statuses = {"online", "away", "busy"};
        try {
            for (int i = 0; i < 100; i++) {
                String device = i % 2 == 0 ? "phone" : "laptop";
                String status = statuses[i % 3];
                results.add(pool.submit(() -> api.update(token, "race", device, status).expect(200).json()));
            }
            long maxVersion = 0;
            for (Future<JsonNode> result : results) {
                JsonNode view = result.get();
                assertThat(view.path("devices").size()).as("devices seen by one update").isBetween(1, 2);
                maxVersion = Math.max(maxVersion, view.path("version").asLong());
            }
            JsonNode last = api.get("/v1/status/race", token).json();
            assertThat(last.path("devices")).hasSize(2);
            assertThat(last.path("version").asLong()).isEqualTo(maxVersion);
            List<String> deviceStatuses = new ArrayList<>();
            last.path("devices").forEach(device -> deviceStatuses.add(device.path("status").asText()));
            String expected = deviceStatuses.contains("busy") ? "busy" : deviceStatuses.contains("online") ? "online" : "away";
            assertThat(last.path("status").asText()).isEqualTo(expected);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void openApiDescribesTheEndpointsAndMetricsCountThem() {
        api.update(TOKENS.user("metered"), "metered", "phone", "online").expect(200);
        api.get("/v1/status/metered", null);

        ApiAnswer docs = api.get("/v3/api-docs", null);
        ApiAnswer metrics = api.get("/actuator/prometheus", TOKENS.admin("scraper"));

        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body()).contains("/v1/status/update", "/v1/status/{userId}", "PresenceView", "bearer");
        assertThat(api.get("/swagger-ui.html", null).status()).isIn(200, 302);
        assertThat(metrics.body()).contains("presence_updates_seconds_count", "presence_rejected_total{reason=\"unauthorized\"");
    }

    private static void assertProblem(ApiAnswer response, int status, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("detail").asText()).contains(field);
    }
}
