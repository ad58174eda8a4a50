package io.presencegrid.api.docs;

import org.springframework.beans.factory.annotation.Autowired;
import io.presencegrid.api.support.ApiGridTest;
import static io.presencegrid.api.support.TestJwt.TOKENS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.presencegrid.api.docs.GeneratedClient.Failure;
import io.presencegrid.clienttools.token.PresenceTokens;
import io.presencegrid.testing.GridTestCluster;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A Java client generated from the live {@code /v3/api-docs} with openapi-generator drives a real grid:
 * update, get, batch get, subscribe and delete, and each error status the client can provoke comes back
 * as a problem its generated model decodes. The rate limit is low (5 a second, bursts of 10) so that a
 * 429 is quick to reach; every other call is by a user of its own or well within it.
 */
@ApiGridTest(name = "api-generated-client", properties = "presence.rate-limit.per-second=5")
class GeneratedClientIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    private GridTestCluster grid;
    /** Generated once for the class: the document does not change while the API runs. */
    private static GeneratedClient generated;

    @LocalServerPort
    private int port;

    @BeforeEach
    void generate() throws Exception {
        if (generated == null) {
            String base = "http://127.0.0.1:" + port;
            generated = GeneratedClient.generate(base + "/v3/api-docs", base, Path.of("target", "generated-client"));
        }
    }

    @Test
    void theGeneratedClientUpdatesReadsSubscribesAndDeletes() throws Exception {
        Object alice = generated.api("PresenceApi", TOKENS.user("gen-alice"));
        Object bob = generated.api("PresenceApi", TOKENS.user("gen-bob"));

        JsonNode updated = generated.call(alice, "updateStatus", json("{\"userId\":\"gen-alice\",\"status\":\"busy\","
                + "\"device\":\"laptop\",\"message\":\"in a meeting\",\"meta\":{\"inCall\":true,\"app\":\"gen-1\"}}"));
        JsonNode read = generated.call(bob, "getPresence", "gen-alice");
        JsonNode many = generated.call(bob, "getPresenceOfMany", "gen-alice,gen-nobody");
        JsonNode subscribed = generated.call(generated.api("SubscriptionsApi", TOKENS.user("gen-bob")), "subscribe",
                json("{\"subscriberId\":\"gen-bob\",\"userIds\":[\"gen-alice\"]}"));
        JsonNode deleted = generated.call(alice, "deletePresence", "gen-alice");
        Failure gone = catchThrowableOfType(Failure.class, () -> generated.call(bob, "getPresence", "gen-alice"));

        assertThat(updated.path("status").asText()).isEqualTo("busy");
        assertThat(updated.path("message").asText()).isEqualTo("in a meeting");
        assertThat(updated.path("devices").get(0).path("device").asText()).isEqualTo("laptop");
        assertThat(updated.path("devices").get(0).path("meta").path("app").asText()).isEqualTo("gen-1");
        assertThat(updated.path("version").asLong()).isPositive();
        assertThat(read.path("userId").asText()).isEqualTo("gen-alice");
        assertThat(read.path("status").asText()).isEqualTo("busy");
        assertThat(read.path("lastSeenAt").asText()).isNotEmpty();
        assertThat(many.path("presence").findValuesAsString("userId")).containsExactly("gen-alice", "gen-nobody");
        assertThat(many.path("presence").get(1).path("status").asText()).isEqualTo("offline");
        assertThat(many.path("presence").get(1).path("lastSeenAt").isMissingNode() || many.path("presence").get(1).path("lastSeenAt").isNull())
                .isTrue();
        assertThat(subscribed.path("userIds").toString()).contains("gen-alice");
        assertThat(subscribed.path("presence").get(0).path("status").asText()).isEqualTo("busy");
        assertThat(deleted).isNull();
        assertThat(gone.status).isEqualTo(404);
    }

    @Test
    void everyErrorStatusTheClientCanMeetIsAProblemItsModelDecodes() throws Exception {
        Object carol = generated.api("PresenceApi", TOKENS.user("gen-carol"));
        List<Failure> failures = new ArrayList<>();

        failures.add(failure(() -> generated.call(carol, "getPresence", "bad id!")));
        failures.add(failure(() -> generated.call(generated.api("PresenceApi", new PresenceTokens(PresenceTokens.randomSecret()).user("gen-carol")),
                "getPresence", "gen-carol")));
        failures.add(failure(() -> generated.call(carol, "updateStatus", json("{\"userId\":\"gen-dave\",\"status\":\"online\"}"))));
        failures.add(failure(() -> generated.call(carol, "getPresence", "gen-never-seen")));
        failures.add(failure(() -> generated.call(carol, "updateStatus",
                json("{\"userId\":\"gen-carol\",\"status\":\"online\",\"message\":\"" + "x".repeat(20_000) + "\"}"))));
        failures.add(rateLimited());

        assertThat(failures).extracting(failure -> failure.status).containsExactly(400, 401, 403, 404, 413, 429);
        for (Failure failure : failures) {
            assertThat(failure.problem.path("status").asInt()).as(failure.getMessage()).isEqualTo(failure.status);
            assertThat(failure.problem.path("type").asText()).as(failure.getMessage()).isEqualTo("about:blank");
            assertThat(failure.problem.path("title").asText()).as(failure.getMessage()).isNotBlank();
            assertThat(failure.problem.path("detail").asText()).as(failure.getMessage()).isNotBlank();
            assertThat(failure.problem.path("instance").asText()).as(failure.getMessage()).startsWith("/v1/status");
        }
        assertThat(failures.get(0).problem.path("detail").asText()).startsWith("userId:");
        assertThat(failures.get(5).headers.firstValue("Retry-After")).isPresent();
    }

    private Failure rateLimited() throws Exception {
        Object greedy = generated.api("PresenceApi", TOKENS.user("gen-greedy"));
        generated.call(generated.api("PresenceApi", TOKENS.user("gen-greedy")), "updateStatus",
                json("{\"userId\":\"gen-greedy\",\"status\":\"online\"}"));
        for (int i = 0; i < 50; i++) {
            try {
                generated.call(greedy, "getPresence", "gen-greedy");
            } catch (Failure failure) {
                return failure;
            }
        }
        throw new AssertionError("no 429 in 50 quick requests of one user");
    }

    private static Failure failure(Call call) {
        try {
            call.run();
        } catch (Failure failure) {
            return failure;
        } catch (Exception e) {
            throw new AssertionError("not an error answer the client reports: " + e, e);
        }
        throw new AssertionError("the call succeeded");
    }

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    @FunctionalInterface
    private interface Call {
        void run() throws Exception;
    }
}
