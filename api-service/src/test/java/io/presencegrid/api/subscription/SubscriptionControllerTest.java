package io.presencegrid.api.subscription;

import static io.presencegrid.api.fakes.ProblemJson.assertProblem;
import static io.presencegrid.api.fakes.ProblemJson.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.presencegrid.api.fakes.ApiSliceTest;
import io.presencegrid.api.fakes.Bearer;
import io.presencegrid.api.fakes.FakeGrid;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;

/** {@code /v1/status/subscribe} and {@code /unsubscribe} through the web layer, over a fake grid. */
@ApiSliceTest
class SubscriptionControllerTest {

    @Autowired
    private MockMvcTester mvc;

    @Autowired
    private FakeGrid grid;

    @Test
    void subscribingAnswersEveryoneFollowedWithTheirPresenceAndTellsTheSockets() {
        update("carol", "online");
        post("/v1/status/subscribe", Bearer.user("fan"), "{\"subscriberId\":\"fan\",\"userIds\":[\"dave\"]}");

        JsonNode answer = json(post("/v1/status/subscribe", Bearer.user("fan"), "{\"subscriberId\":\"fan\",\"userIds\":[\"carol\"]}"));

        assertThat(answer.path("userIds").toString()).isEqualTo("[\"carol\",\"dave\"]");
        assertThat(answer.path("presence").get(0).path("status").asString()).isEqualTo("online");
        assertThat(answer.path("presence").get(1).path("lastSeenAt").isNull()).as("dave was never seen").isTrue();
        SubscriptionNotice told = grid.announcer().announced().get(1);
        assertThat(told.subscriberId()).isEqualTo("fan");
        assertThat(told.added()).containsExactly("carol");
    }

    @Test
    void unsubscribingAnswersWhoIsLeftAndTellsTheSockets() {
        post("/v1/status/subscribe", Bearer.user("fan"), "{\"subscriberId\":\"fan\",\"userIds\":[\"a\",\"b\",\"c\"]}");

        JsonNode answer = json(post("/v1/status/unsubscribe", Bearer.user("fan"), "{\"subscriberId\":\"fan\",\"userIds\":[\"b\",\"z\"]}"));

        assertThat(answer.path("userIds").toString()).isEqualTo("[\"a\",\"c\"]");
        assertThat(grid.announcer().announced().get(1).removed()).containsExactly("b", "z");
    }

    @Test
    void anotherSubscriberIsRefusedAndNothingChangesButAnAdminMayActForThem() {
        String body = "{\"subscriberId\":\"victim\",\"userIds\":[\"spy\"]}";

        assertProblem(post("/v1/status/subscribe", Bearer.user("spy"), body), 403, "subscriberId");
        assertProblem(post("/v1/status/unsubscribe", Bearer.user("spy"), body), 403, "subscriberId");
        assertThat(grid.subscriptions().followed("victim")).isEmpty();
        assertThat(grid.announcer().announced()).isEmpty();

        assertThat(post("/v1/status/subscribe", Bearer.admin("ops"), body)).hasStatusOk();
        assertThat(grid.subscriptions().followed("victim")).containsExactly("spy");
    }

    @ParameterizedTest
    @CsvSource({
            "'{\"subscriberId\":\"val\",\"userIds\":[]}', userIds",
            "'{\"subscriberId\":\"val\"}', userIds",
            "'{\"subscriberId\":\"val\",\"userIds\":[\"ok\",\"no way\"]}', userIds[1]",
            "'{\"subscriberId\":\"val\",\"userIds\":[\"ok\",null]}', userIds[1]",
            "'{\"subscriberId\":\"v@l!\",\"userIds\":[\"ok\"]}', subscriberId",
            "'{\"userIds\":[\"ok\"]}', subscriberId",
            "'{\"subscriberId\":\"val\",\"userIds\":\"ok\"}', userIds"})
    void aBadRequestIsRefusedNamingTheFieldAndStoresNothing(String body, String field) {
        assertProblem(post("/v1/status/subscribe", Bearer.user("val"), body), 400, field);

        assertThat(grid.subscriptions().followed("val")).isEmpty();
    }

    @Test
    void oneRequestNamesAtMostAThousandUsers() {
        assertProblem(post("/v1/status/subscribe", Bearer.user("greedy"), request("greedy", ids(0, 1001))), 400, "userIds");
        assertThat(grid.subscriptions().followed("greedy")).isEmpty();
    }

    @Test
    void aSubscriberFollowsAtMostAThousandUsersAcrossRequests() {
        assertThat(post("/v1/status/subscribe", Bearer.user("hoarder"), request("hoarder", ids(0, 1000)))).hasStatusOk();

        assertProblem(post("/v1/status/subscribe", Bearer.user("hoarder"), request("hoarder", ids(1000, 1001))), 400, "userIds");
        assertThat(grid.subscriptions().followed("hoarder")).hasSize(1000).doesNotContain("u1000");
        assertThat(grid.announcer().announced()).hasSize(1);
    }

    @Test
    void theAnswerShowsEachFollowedUserAsTheirPrivacyShowsThemToTheSubscriber() {
        update("private", "busy");
        assertThat(mvc.put().uri("/v1/privacy/private").header("Authorization", Bearer.user("private"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"presence\":\"nobody\"}").exchange()).hasStatusOk();

        JsonNode answer = json(post("/v1/status/subscribe", Bearer.user("watcher"), request("watcher", List.of("private"))));

        assertThat(answer.path("presence").get(0).path("status").asString()).isEqualTo("offline");
        assertThat(answer.path("presence").get(0).path("devices")).isEmpty();
    }

    private void update(String userId, String status) {
        assertThat(post("/v1/status/update", Bearer.user(userId), "{\"userId\":\"" + userId + "\",\"status\":\"" + status + "\"}"))
                .hasStatusOk();
    }

    private MvcTestResult post(String path, String authorization, String body) {
        return mvc.post().uri(path).header("Authorization", authorization).contentType(MediaType.APPLICATION_JSON)
                .content(body).exchange();
    }

    private static String request(String subscriberId, List<String> userIds) {
        return "{\"subscriberId\":\"" + subscriberId + "\",\"userIds\":["
                + userIds.stream().map(id -> "\"" + id + "\"").collect(Collectors.joining(",")) + "]}";
    }

    private static List<String> ids(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "u" + i).toList();
    }
}
