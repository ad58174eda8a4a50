package io.presencegrid.api.admin;

import org.springframework.beans.factory.annotation.Autowired;
import io.presencegrid.api.support.ApiGridTest;
import static io.presencegrid.api.support.TestJwt.TOKENS;
import static org.assertj.core.api.Assertions.assertThat;

import io.presencegrid.api.support.TestJwt;
import io.presencegrid.clienttools.api.ApiAnswer;
import io.presencegrid.clienttools.api.ApiClient;
import io.presencegrid.clienttools.api.PresenceSocket;
import io.presencegrid.schema.CacheNames;
import io.presencegrid.schema.PresenceStatus;
import io.presencegrid.schema.UserPresence;
import io.presencegrid.testing.GridTestCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.ignite.Ignite;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** GET /v1/admin/stats and POST /v1/admin/purge against a real 2-server grid, with real tokens. */
@ApiGridTest(name = "api-rest", shared = true, sweepSeconds = 10, properties = "presence.rate-limit.per-second=100000")
class AdminApiIT {

    private static final Duration SOON = Duration.ofSeconds(10);

    @Autowired
    private GridTestCluster grid;

    @LocalServerPort
    private int port;

    private ApiClient api;

    @BeforeEach
    void emptyGrid() {
        api = new ApiClient(port);
        List.of(CacheNames.PRESENCE, CacheNames.DEVICE_SESSION, CacheNames.SUBSCRIPTION, CacheNames.SUBSCRIBER_INDEX)
                .forEach(name -> grid.node(0).cache(name).clear());
    }

    @Test
    void statsCountUsersByStatusAndSessionsByDeviceAndListTheGridsNodes() {
        Instant before = Instant.now().minusMillis(1);
        api.update(TOKENS.user("s-on"), "s-on", "phone", "online").expect(200);
        api.update(TOKENS.user("s-on"), "s-on", "web", "online").expect(200);
        api.update(TOKENS.user("s-away"), "s-away", "web", "away").expect(200);
        api.update(TOKENS.user("s-busy"), "s-busy", "phone", "busy").expect(200);
        api.update(TOKENS.user("s-inv"), "s-inv", "laptop", "invisible").expect(200);
        api.update(TOKENS.user("s-off"), "s-off", "phone", "offline").expect(200);

        ApiAnswer response = api.get("/v1/admin/stats", TOKENS.admin("operator"));

        assertThat(response.status()).isEqualTo(200);
        JsonNode stats = response.json();
        assertThat(Instant.parse(stats.path("at").asText())).isBetween(before, Instant.now());
        assertThat(stats.path("users").asLong()).isEqualTo(5);
        assertThat(stats.path("sessions").asLong()).isEqualTo(5);
        assertThat(stats.path("byStatus").toString())
                .isEqualTo("{\"online\":1,\"away\":1,\"busy\":1,\"invisible\":1,\"offline\":1}");
        assertThat(stats.path("byDevice").toString()).isEqualTo("{\"phone\":2,\"web\":2,\"laptop\":1}");
        assertThat(stats.path("otherDevices").asLong()).isZero();
        JsonNode gridView = stats.path("grid");
        assertThat(gridView.path("state").asText()).isEqualTo("ACTIVE");
        assertThat(gridView.path("servers").asInt()).isEqualTo(2);
        assertThat(gridView.path("clients").asInt()).isEqualTo(1);
        List<Long> orders = new ArrayList<>();
        List<String> consistentIds = new ArrayList<>();
        gridView.path("nodes").forEach(node -> {
            orders.add(node.path("order").asLong());
            consistentIds.add(node.path("consistentId").asText());
            assertThat(node.path("addresses").toString()).isEqualTo("[\"127.0.0.1\"]");
            assertThat(node.path("id").asText()).matches("[0-9a-f-]{36}");
        });
        assertThat(orders).hasSize(3).isSorted();
        assertThat(consistentIds).contains("presence-node-0", "presence-node-1");
        assertThat(gridView.path("nodes").get(2).path("client").asBoolean()).as("the API joined last").isTrue();
    }

    @Test
    void adminEndpointsNeedTheAdminScopeAndAToken() {
        assertProblem(api.get("/v1/admin/stats", TOKENS.user("mallory")), 403, "scope");
        assertProblem(api.post("/v1/admin/purge", TOKENS.user("mallory"), ""), 403, "scope");
        // Without the scope the parameter is never looked at: no hint what a valid one would be.
        assertProblem(api.post("/v1/admin/purge?retentionDays=0", TOKENS.user("mallory"), ""), 403, "scope");
        assertThat(api.get("/v1/admin/stats", null).status()).isEqualTo(401);
        assertThat(api.post("/v1/admin/purge", null, "").status()).isEqualTo(401);
        assertThat(api.get("/v1/admin/stats", null).contentType()).startsWith("application/problem+json");
    }

    @Test
    void purgeRemovesUsersInactiveLongerThanTheGridsRetentionAndTellsTheirSubscribers() {
        seed("p-gone", Instant.now().minus(Duration.ofDays(100)));
        seed("p-idle", Instant.now().minus(Duration.ofDays(40)));
        api.update(TOKENS.user("p-active"), "p-active", "phone", "online").expect(200);
        try (PresenceSocket watcher = PresenceSocket.observe(port, TOKENS.user("p-watcher"))) {
            watcher.next("snapshot", SOON);
            watcher.send("{\"type\":\"subscribe\",\"userIds\":[\"p-gone\"]}");
            watcher.next("snapshot", SOON);

            ApiAnswer response = api.post("/v1/admin/purge", TOKENS.admin("operator"), "");

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.json().path("purged").asLong()).isEqualTo(1);
            Instant cutoff = Instant.parse(response.json().path("cutoff").asText());
            assertThat(Duration.between(cutoff, Instant.now()).toDays()).as("the default retention").isEqualTo(90);
            JsonNode deleted = watcher.next("presence", SOON);
            assertThat(deleted.path("userId").asText()).isEqualTo("p-gone");
            assertThat(deleted.path("reason").asText()).isEqualTo("deleted");
        }
        assertThat(api.get("/v1/status/p-gone", TOKENS.user("p-watcher")).status()).isEqualTo(404);
        assertThat(api.get("/v1/status/p-idle", TOKENS.user("p-watcher")).status()).isEqualTo(200);
        assertThat(api.get("/v1/status/p-active", TOKENS.user("p-watcher")).status()).isEqualTo(200);
    }

    @Test
    void purgeTakesAShorterRetentionOnDemand() {
        seed("r-idle", Instant.now().minus(Duration.ofDays(40)));
        seed("r-recent", Instant.now().minus(Duration.ofDays(20)));

        ApiAnswer response = api.post("/v1/admin/purge?retentionDays=30", TOKENS.admin("operator"), "");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("purged").asLong()).isEqualTo(1);
        assertThat(Duration.between(Instant.parse(response.json().path("cutoff").asText()), Instant.now()).toDays())
                .isEqualTo(30);
        assertThat(grid.node(1).cache(CacheNames.PRESENCE).containsKey("r-idle")).isFalse();
        assertThat(grid.node(1).cache(CacheNames.PRESENCE).containsKey("r-recent")).isTrue();
    }

    @Test
    void retentionDaysOutsideOneTo36500OrNotANumberIsABadRequestNamingIt() {
        String admin = TOKENS.admin("operator");
        seed("v-old", Instant.now().minus(Duration.ofDays(36_600)));

        assertProblem(api.post("/v1/admin/purge?retentionDays=0", admin, ""), 400, "retentionDays");
        assertProblem(api.post("/v1/admin/purge?retentionDays=36501", admin, ""), 400, "retentionDays");
        assertProblem(api.post("/v1/admin/purge?retentionDays=-5", admin, ""), 400, "retentionDays");
        assertProblem(api.post("/v1/admin/purge?retentionDays=ninety", admin, ""), 400, "retentionDays");
        assertThat(grid.node(0).cache(CacheNames.PRESENCE).containsKey("v-old")).as("nothing purged").isTrue();
        assertThat(api.post("/v1/admin/purge?retentionDays=36500", admin, "").json().path("purged").asLong()).isEqualTo(1);
    }

    @Test
    void bothEndpointsAreDescribedInTheOpenApiDocument() {
        JsonNode paths = api.get("/v3/api-docs", null).json().path("paths");

        assertThat(paths.path("/v1/admin/stats").path("get").path("summary").asText()).contains("admin scope");
        JsonNode purge = paths.path("/v1/admin/purge").path("post");
        assertThat(purge.path("parameters").get(0).path("name").asText()).isEqualTo("retentionDays");
        assertThat(purge.path("responses").has("400")).isTrue();
    }

    @Test
    void clusterScriptPurgesThroughTheEndpointWithAnAdminToken() throws Exception {
        seed("sh-idle", Instant.now().minus(Duration.ofDays(40)));

        ScriptRun wrongSecret = clusterScript("purge-wrong-secret-0123456789abcdef-0123", "purge", "--days", "30");
        ScriptRun purge = clusterScript(TestJwt.SECRET, "purge", "--days", "30");

        assertThat(wrongSecret.exitCode()).as(wrongSecret.output()).isNotZero();
        assertThat(wrongSecret.output()).contains("HTTP 401");
        assertThat(purge.exitCode()).as(purge.output()).isZero();
        assertThat(purge.output()).contains("\"purged\":1").contains("\"cutoff\":");
        assertThat(grid.node(0).cache(CacheNames.PRESENCE).containsKey("sh-idle")).isFalse();
    }

    /** Runs scripts/cluster.sh from the repo root against this test's API, as an operator would. */
    private ScriptRun clusterScript(String jwtSecret, String... arguments) throws Exception {
        Path repoRoot = Path.of("").toAbsolutePath().getParent();
        List<String> command = new ArrayList<>(List.of("scripts/cluster.sh"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(repoRoot.toFile()).redirectErrorStream(true);
        builder.environment().put("PRESENCE_API_URL", "http://127.0.0.1:" + port);
        builder.environment().put("PRESENCE_JWT_SECRET", jwtSecret);
        builder.environment().put("PRESENCE_HOME", grid.home().resolve("scripts-home").toString());
        // Its token.sh runs client-tools' jar, which this Maven build has packaged: a script must not start
        // another build from inside this one.
        builder.environment().put("PRESENCE_SKIP_BUILD", "1");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("scripts/cluster.sh finished").isTrue();
        System.out.printf("$ scripts/cluster.sh %s  (exit %d)%n%s%n", String.join(" ", arguments), process.exitValue(), output);
        return new ScriptRun(process.exitValue(), output);
    }

    private record ScriptRun(int exitCode, String output) {
    }

    /** An offline user last seen at {@code lastSeen}, as if they had left that long ago. */
    private void seed(String userId, Instant lastSeen) {
        Ignite node = grid.node(0);
        node.cache(CacheNames.PRESENCE).put(userId,
                UserPresence.visible(PresenceStatus.OFFLINE, null, Map.of(), lastSeen, lastSeen, 2));
    }

    private static void assertProblem(ApiAnswer response, int status, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("detail").asText()).contains(field);
    }
}
