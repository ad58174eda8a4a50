package io.presencegrid.api.presence;

import static io.presencegrid.api.fakes.ProblemJson.assertProblem;
import static io.presencegrid.api.fakes.ProblemJson.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.presencegrid.api.fakes.ApiSliceTest;
import io.presencegrid.api.fakes.Bearer;
import io.presencegrid.api.fakes.FakeGrid;
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

/** {@code /v1/status} through the real web layer, security and services, over a fake grid. */
@ApiSliceTest
class PresenceControllerTest {

    @Autowired
    private MockMvcTester mvc;

    @Autowired
    private FakeGrid grid;

    @Test
    void aUserUpdatesTheirOwnStatusAndGetsTheirView() {
        MvcTestResult answer = update(Bearer.user("ann"),
                "{\"userId\":\"ann\",\"status\":\"busy\",\"device\":\"phone\",\"message\":\"in a meeting\"}");

        assertThat(answer).hasStatusOk();
        JsonNode view = json(answer);
        assertThat(view.path("userId").asString()).isEqualTo("ann");
        assertThat(view.path("status").asString()).isEqualTo("busy");
        assertThat(view.path("message").asString()).isEqualTo("in a meeting");
        assertThat(view.path("devices").get(0).path("device").asString()).isEqualTo("phone");
        assertThat(view.path("version").asLong()).isEqualTo(1);
    }

    @Test
    void aRepeatedStatusIsAHeartbeatThatKeepsTheVersionAndAChangeRaisesIt() {
        long first = json(update(Bearer.user("beat"), "{\"userId\":\"beat\",\"status\":\"away\"}")).path("version").asLong();
        long repeated = json(update(Bearer.user("beat"), "{\"userId\":\"beat\",\"status\":\"away\"}")).path("version").asLong();
        JsonNode changed = json(update(Bearer.user("beat"), "{\"userId\":\"beat\",\"status\":\"online\"}"));

        assertThat(repeated).isEqualTo(first);
        assertThat(changed.path("version").asLong()).isGreaterThan(first);
        assertThat(changed.path("devices").get(0).path("device").asString()).isEqualTo(UpdateStatusRequest.DEFAULT_DEVICE);
    }

    @Test
    void anotherUserMayNeitherUpdateNorDeleteAUser() {
        update(Bearer.user("victim"), "{\"userId\":\"victim\",\"status\":\"online\",\"device\":\"phone\"}");

        assertProblem(update(Bearer.user("mallory"), "{\"userId\":\"victim\",\"status\":\"offline\",\"device\":\"phone\"}"), 403, "userId");
        assertProblem(mvc.delete().uri("/v1/status/victim").header("Authorization", Bearer.user("mallory")).exchange(), 403, "userId");

        assertThat(json(get("/v1/status/victim", Bearer.user("victim"))).path("status").asString()).isEqualTo("online");
    }

    @Test
    void theAdminScopeUpdatesAndDeletesAnyUser() {
        update(Bearer.user("member"), "{\"userId\":\"member\",\"status\":\"online\",\"device\":\"phone\"}");

        MvcTestResult byAdmin = update(Bearer.admin("ops"), "{\"userId\":\"member\",\"status\":\"away\",\"device\":\"phone\"}");
        MvcTestResult deleted = mvc.delete().uri("/v1/status/member").header("Authorization", Bearer.admin("ops")).exchange();

        assertThat(byAdmin).hasStatusOk();
        assertThat(json(byAdmin).path("status").asString()).isEqualTo("away");
        assertThat(deleted).hasStatus(204);
        assertProblem(get("/v1/status/member", Bearer.user("member")), 404, "userId");
    }

    @Test
    void aUserDeletesThemselvesAsOftenAsTheyLike() {
        update(Bearer.user("leaver"), "{\"userId\":\"leaver\",\"status\":\"online\"}");

        assertThat(mvc.delete().uri("/v1/status/leaver").header("Authorization", Bearer.user("leaver")).exchange()).hasStatus(204);
        assertThat(mvc.delete().uri("/v1/status/leaver").header("Authorization", Bearer.user("leaver")).exchange()).hasStatus(204);
        assertProblem(get("/v1/status/leaver", Bearer.user("someone")), 404, "userId");
    }

    @Test
    void anInvisibleUserSeesInvisibleAndEveryoneElseIncludingAnAdminSeesOffline() {
        update(Bearer.user("ghost"), "{\"userId\":\"ghost\",\"status\":\"online\",\"device\":\"phone\"}");
        update(Bearer.user("ghost"), "{\"userId\":\"ghost\",\"status\":\"invisible\",\"device\":\"phone\",\"message\":\"hiding\"}");

        JsonNode own = json(get("/v1/status/ghost", Bearer.user("ghost")));
        JsonNode other = json(get("/v1/status/ghost", Bearer.user("seeker")));
        JsonNode admin = json(get("/v1/status/ghost", Bearer.admin("ops")));

        assertThat(own.path("status").asString()).isEqualTo("invisible");
        assertThat(own.path("message").asString()).isEqualTo("hiding");
        for (JsonNode outside : new JsonNode[] {other, admin}) {
            assertThat(outside.path("status").asString()).isEqualTo("offline");
            assertThat(outside.path("devices")).isEmpty();
            assertThat(outside.path("message").isNull()).isTrue();
        }
    }

    @Test
    void aUserOnlyEverInvisibleIsUnknownToEveryoneElse() {
        update(Bearer.user("lurker"), "{\"userId\":\"lurker\",\"status\":\"invisible\"}");

        assertThat(get("/v1/status/lurker", Bearer.user("lurker"))).hasStatusOk();
        assertProblem(get("/v1/status/lurker", Bearer.user("seeker")), 404, "userId");
        assertThat(json(get("/v1/status?userIds=lurker", Bearer.user("seeker"))).path("presence").get(0).path("lastSeenAt").isNull())
                .isTrue();
    }

    @ParameterizedTest
    @CsvSource({
            "'{\"userId\":\"val\",\"status\":\"sleeping\"}', status",
            "'{\"userId\":\"val\"}', status",
            "'{\"userId\":\"no spaces\",\"status\":\"online\"}', userId",
            "'{\"status\":\"online\"}', userId",
            "'{\"userId\":\"val\",\"status\":\"online\",\"device\":\"a/b\"}', device",
            "'{\"userId\":\"val\",\"status\":\"online\",\"meta\":{\"nested\":{\"x\":1}}}', meta",
            "'{\"userId\":{\"id\":\"val\"},\"status\":\"online\"}', userId",
            "'{\"userId\":\"val\",\"status\":', request body"})
    void aBadUpdateIsRefusedNamingItsFieldAndWritesNothing(String body, String field) {
        assertProblem(update(Bearer.user("val"), body), 400, field);

        assertProblem(get("/v1/status/val", Bearer.user("val")), 404, "userId");
    }

    @Test
    void aMessageMayHave140CharactersAndNoMore() {
        String longest = "m".repeat(StatusRules.MESSAGE_MAX_LENGTH);

        MvcTestResult accepted = update(Bearer.user("talker"), "{\"userId\":\"talker\",\"status\":\"online\",\"message\":\"" + longest + "\"}");
        MvcTestResult refused = update(Bearer.user("talker"), "{\"userId\":\"talker\",\"status\":\"online\",\"message\":\"" + longest + "m\"}");

        assertThat(accepted).hasStatusOk();
        assertProblem(refused, 400, "message");
        assertThat(json(get("/v1/status/talker", Bearer.user("talker"))).path("message").asString()).isEqualTo(longest);
    }

    @Test
    void anIdBeyondTheRuleInThePathIsRefusedNamingUserId() {
        assertProblem(get("/v1/status/" + "u".repeat(65), Bearer.user("reader")), 400, "userId");
        assertProblem(get("/v1/status/bad!id", Bearer.user("reader")), 400, "userId");
    }

    @Test
    void aBatchReadKeepsTheRequestOrderAndAnswersUnknownIdsOffline() {
        update(Bearer.user("b1"), "{\"userId\":\"b1\",\"status\":\"online\"}");
        update(Bearer.user("b2"), "{\"userId\":\"b2\",\"status\":\"away\"}");

        JsonNode presence = json(get("/v1/status?userIds=b2,nobody,b1", Bearer.user("reader"))).path("presence");

        assertThat(presence).hasSize(3);
        assertThat(presence.get(0).path("status").asString()).isEqualTo("away");
        assertThat(presence.get(1).path("userId").asString()).isEqualTo("nobody");
        assertThat(presence.get(1).path("status").asString()).isEqualTo("offline");
        assertThat(presence.get(1).path("lastSeenAt").isNull()).isTrue();
        assertThat(presence.get(2).path("status").asString()).isEqualTo("online");
    }

    @Test
    void aBatchReadTakes500IdsAndNoMore() {
        assertThat(get("/v1/status?userIds=" + ids(PresenceController.MAX_BATCH), Bearer.user("reader"))).hasStatusOk();

        assertProblem(get("/v1/status?userIds=" + ids(PresenceController.MAX_BATCH + 1), Bearer.user("reader")), 400, "userIds");
        assertProblem(get("/v1/status?userIds=fine,not%20fine", Bearer.user("reader")), 400, "userIds");
        assertProblem(get("/v1/status?userIds=fine,,also", Bearer.user("reader")), 400, "userIds");
    }

    @Test
    void whileTheGridIsDownEveryCallIs503WithRetryAfter() {
        grid.goDown();

        MvcTestResult read = get("/v1/status/anyone", Bearer.user("reader"));
        MvcTestResult write = update(Bearer.user("writer"), "{\"userId\":\"writer\",\"status\":\"online\"}");

        for (MvcTestResult answer : new MvcTestResult[] {read, write}) {
            assertProblem(answer, 503);
            assertThat(answer).hasHeader("Retry-After", "1");
        }
    }

    private MvcTestResult update(String authorization, String body) {
        return mvc.post().uri("/v1/status/update").header("Authorization", authorization)
                .contentType(MediaType.APPLICATION_JSON).content(body).exchange();
    }

    private MvcTestResult get(String path, String authorization) {
        return mvc.get().uri(path).header("Authorization", authorization).exchange();
    }

    private static String ids(int count) {
        return IntStream.range(0, count).mapToObj(i -> "u" + i).collect(Collectors.joining(","));
    }
}
