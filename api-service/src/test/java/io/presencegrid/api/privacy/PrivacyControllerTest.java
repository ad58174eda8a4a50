package io.presencegrid.api.privacy;

import static io.presencegrid.api.fakes.ProblemJson.assertProblem;
import static io.presencegrid.api.fakes.ProblemJson.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.presencegrid.api.fakes.ApiSliceTest;
import io.presencegrid.api.fakes.Bearer;
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

/** {@code /v1/privacy}: who may read and change it, what is refused, and what it hides on every read. */
@ApiSliceTest
class PrivacyControllerTest {

    @Autowired
    private MockMvcTester mvc;

    @Test
    void aUserReadsTheDefaultAndReplacesTheWholeSetting() {
        JsonNode before = json(get("/v1/privacy/owner", Bearer.user("owner")));
        JsonNode stored = json(put("owner", Bearer.user("owner"),
                "{\"presence\":\"allowed\",\"allowed\":[\"zoe\",\"amy\",\"zoe\"],\"blocked\":[\"max\"]}"));
        JsonNode replaced = json(put("owner", Bearer.user("owner"), "{\"lastSeen\":\"nobody\"}"));

        assertThat(before.path("presence").asString()).isEqualTo("everyone");
        assertThat(before.path("allowed")).isEmpty();
        assertThat(stored.path("allowed").toString()).isEqualTo("[\"amy\",\"zoe\"]");
        assertThat(replaced.path("presence").asString()).as("left out, so back to the default").isEqualTo("everyone");
        assertThat(replaced.path("lastSeen").asString()).isEqualTo("nobody");
        assertThat(json(get("/v1/privacy/owner", Bearer.user("owner"))).path("blocked")).isEmpty();
    }

    @Test
    void anotherUserMayNeitherReadNorReplaceItButAnAdminMay() {
        put("guarded", Bearer.user("guarded"), "{\"presence\":\"nobody\"}");

        assertProblem(get("/v1/privacy/guarded", Bearer.user("snoop")), 403, "userId");
        assertProblem(put("guarded", Bearer.user("snoop"), "{\"presence\":\"everyone\"}"), 403, "userId");
        assertThat(json(get("/v1/privacy/guarded", Bearer.admin("ops"))).path("presence").asString()).isEqualTo("nobody");

        assertThat(put("guarded", Bearer.admin("ops"), "{\"presence\":\"allowed\"}")).hasStatusOk();
        assertThat(json(get("/v1/privacy/guarded", Bearer.user("guarded"))).path("presence").asString()).isEqualTo("allowed");
    }

    @ParameterizedTest
    @CsvSource({
            "'{\"presence\":\"friends\"}', presence",
            "'{\"lastSeen\":\"\"}', lastSeen",
            "'{\"blocked\":[\"no spaces\"]}', blocked[0]",
            "'{\"blocked\":[null]}', blocked[0]",
            "'{\"blocked\":\"mallory\"}', blocked",
            "'[]', request body"})
    void badPrivacyIsRefusedNamingTheFieldAndChangesNothing(String body, String field) {
        put("strict", Bearer.user("strict"), "{\"presence\":\"nobody\"}");

        assertProblem(put("strict", Bearer.user("strict"), body), 400, field);

        assertThat(json(get("/v1/privacy/strict", Bearer.user("strict"))).path("presence").asString()).isEqualTo("nobody");
    }

    @Test
    void aListHoldsAtMostAThousandIds() {
        String ids = IntStream.range(0, 1001).mapToObj(i -> "\"u" + i + "\"").collect(Collectors.joining(","));

        assertProblem(put("popular", Bearer.user("popular"), "{\"allowed\":[" + ids + "]}"), 400, "allowed");
    }

    @Test
    void aBadUserIdInThePathIsRefusedNamingIt() {
        assertProblem(mvc.get().uri("/v1/privacy/{userId}", "bad id").header("Authorization", Bearer.user("reader")).exchange(),
                400, "userId");
        assertProblem(get("/v1/privacy/" + "u".repeat(65), Bearer.user("reader")), 400, "userId");
    }

    @Test
    void aHiddenUserLooksNeverActiveToThoseTheirPrivacyLeavesOutAndAsTheyAreToTheRest() {
        update("star", "{\"userId\":\"star\",\"status\":\"busy\",\"device\":\"phone\",\"message\":\"on stage\"}");
        put("star", Bearer.user("star"),
                "{\"presence\":\"allowed\",\"lastSeen\":\"nobody\",\"allowed\":[\"friend\",\"foe\"],\"blocked\":[\"foe\"]}");

        for (String outsider : new String[] {"stranger", "foe"}) {
            JsonNode hidden = json(get("/v1/status/star", Bearer.user(outsider)));
            assertThat(hidden.path("status").asString()).as(outsider).isEqualTo("offline");
            assertThat(hidden.path("devices")).as(outsider).isEmpty();
            assertThat(hidden.path("message").isNull()).as(outsider).isTrue();
            assertThat(hidden.path("lastSeenAt").isNull()).as(outsider).isTrue();
            assertThat(hidden.path("version").asLong()).as(outsider).isZero();
            JsonNode inBatch = json(get("/v1/status?userIds=star", Bearer.user(outsider))).path("presence").get(0);
            assertThat(inBatch).as(outsider + " in a batch").isEqualTo(hidden);
        }
        for (String insider : new String[] {"friend", "star"}) {
            JsonNode seen = json(get("/v1/status/star", Bearer.user(insider)));
            assertThat(seen.path("status").asString()).as(insider).isEqualTo("busy");
            assertThat(seen.path("message").asString()).as(insider).isEqualTo("on stage");
        }
        assertThat(json(get("/v1/status/star", Bearer.admin("ops"))).path("status").asString()).isEqualTo("busy");
        assertThat(json(get("/v1/status/star", Bearer.user("friend"))).path("lastSeenAt").isNull())
                .as("lastSeen is nobody's").isTrue();
    }

    @Test
    void privacySetBeforeAUserIsEverSeenKeepsThemUnknown() {
        put("newcomer", Bearer.user("newcomer"), "{\"presence\":\"nobody\"}");

        assertProblem(get("/v1/status/newcomer", Bearer.user("stranger")), 404, "userId");
        assertThat(json(get("/v1/privacy/newcomer", Bearer.user("newcomer"))).path("presence").asString()).isEqualTo("nobody");
    }

    private MvcTestResult put(String userId, String authorization, String body) {
        return mvc.put().uri("/v1/privacy/" + userId).header("Authorization", authorization)
                .contentType(MediaType.APPLICATION_JSON).content(body).exchange();
    }

    private void update(String userId, String body) {
        assertThat(mvc.post().uri("/v1/status/update").header("Authorization", Bearer.user(userId))
                .contentType(MediaType.APPLICATION_JSON).content(body).exchange()).hasStatusOk();
    }

    private MvcTestResult get(String path, String authorization) {
        return mvc.get().uri(path).header("Authorization", authorization).exchange();
    }
}
