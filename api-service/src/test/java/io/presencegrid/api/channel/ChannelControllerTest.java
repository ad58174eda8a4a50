package io.presencegrid.api.channel;

import static io.presencegrid.api.fakes.ProblemJson.assertProblem;
import static io.presencegrid.api.fakes.ProblemJson.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.presencegrid.api.fakes.ApiSliceTest;
import io.presencegrid.api.fakes.Bearer;
import io.presencegrid.api.fakes.FakeGrid;
import io.presencegrid.schema.DeviceChannels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;

/** {@code /v1/channels} through the web layer, over a fake grid. */
@ApiSliceTest
class ChannelControllerTest {

    @Autowired
    private MockMvcTester mvc;

    @Autowired
    private FakeGrid grid;

    @Test
    void anOnlineDeviceJoinsAndTheChannelListsItsUserWithDevicesAndPresence() {
        online("ann", "laptop");

        MvcTestResult joined = post("/v1/channels/room/join", Bearer.user("ann"), "{\"userId\":\"ann\",\"device\":\"laptop\"}");
        JsonNode listing = json(get("/v1/channels/room", Bearer.user("reader")));

        assertThat(joined).hasStatusOk();
        assertThat(json(joined).path("occupancy").asLong()).isEqualTo(1);
        assertThat(listing.path("occupancy").asLong()).isEqualTo(1);
        JsonNode member = listing.path("members").get(0);
        assertThat(member.path("userId").asString()).isEqualTo("ann");
        assertThat(member.path("devices").toString()).isEqualTo("[\"laptop\"]");
        assertThat(member.path("presence").path("status").asString()).isEqualTo("online");
        assertThat(listing.path("next").isNull()).isTrue();
    }

    @Test
    void anotherUserMayNeitherJoinNorLeaveForAUserButAnAdminMay() {
        online("bob", "default");

        assertProblem(post("/v1/channels/room/join", Bearer.user("mallory"), "{\"userId\":\"bob\"}"), 403, "userId");
        assertThat(json(get("/v1/channels/room", Bearer.user("bob"))).path("occupancy").asLong()).isZero();

        assertThat(post("/v1/channels/room/join", Bearer.admin("ops"), "{\"userId\":\"bob\"}")).hasStatusOk();
        assertProblem(post("/v1/channels/room/leave", Bearer.user("mallory"), "{\"userId\":\"bob\"}"), 403, "userId");
        assertThat(json(get("/v1/channels/room", Bearer.user("bob"))).path("occupancy").asLong()).isEqualTo(1);

        assertThat(json(post("/v1/channels/room/leave", Bearer.admin("ops"), "{\"userId\":\"bob\"}")).path("occupancy").asLong())
                .isZero();
    }

    @Test
    void aDeviceThatIsNotOnlineCannotJoin() {
        assertProblem(post("/v1/channels/room/join", Bearer.user("carl"), "{\"userId\":\"carl\",\"device\":\"phone\"}"), 409, "device");

        online("carl", "laptop");
        assertProblem(post("/v1/channels/room/join", Bearer.user("carl"), "{\"userId\":\"carl\",\"device\":\"phone\"}"), 409, "device");
    }

    @Test
    void aDeviceInAHundredChannelsCannotJoinAnother() {
        online("busy-bee", "phone");
        for (int i = 0; i < DeviceChannels.MAX_CHANNELS; i++) {
            grid.channels().join("room-" + i, "busy-bee", "phone");
        }

        MvcTestResult refused = post("/v1/channels/one-more/join", Bearer.user("busy-bee"), "{\"userId\":\"busy-bee\",\"device\":\"phone\"}");

        assertThat(assertProblem(refused, 409, "device").path("detail").asString()).contains("100 channels");
    }

    @Test
    void leavingAChannelOneIsNotInIsNoFailure() {
        MvcTestResult left = post("/v1/channels/room/leave", Bearer.user("dan"), "{\"userId\":\"dan\"}");

        assertThat(left).hasStatusOk();
        assertThat(json(left).path("occupancy").asLong()).isZero();
    }

    @Test
    void aMemberHiddenFromTheViewerCountsButIsNotListed() {
        online("open", "default");
        online("shy", "default");
        post("/v1/channels/room/join", Bearer.user("open"), "{\"userId\":\"open\"}");
        post("/v1/channels/room/join", Bearer.user("shy"), "{\"userId\":\"shy\"}");
        assertThat(mvc.put().uri("/v1/privacy/shy").header("Authorization", Bearer.user("shy"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"presence\":\"nobody\"}").exchange()).hasStatusOk();

        JsonNode byStranger = json(get("/v1/channels/room", Bearer.user("stranger")));
        JsonNode byShy = json(get("/v1/channels/room", Bearer.user("shy")));

        assertThat(byStranger.path("occupancy").asLong()).isEqualTo(2);
        assertThat(byStranger.path("members")).hasSize(1);
        assertThat(byStranger.path("members").get(0).path("userId").asString()).isEqualTo("open");
        assertThat(byShy.path("members")).hasSize(2);
    }

    @Test
    void aListingComesInPagesByUserId() {
        for (String user : new String[] {"u3", "u1", "u2"}) {
            online(user, "default");
            post("/v1/channels/paged/join", Bearer.user(user), "{\"userId\":\"" + user + "\"}");
        }

        JsonNode first = json(get("/v1/channels/paged?limit=2", Bearer.user("reader")));
        JsonNode second = json(get("/v1/channels/paged?limit=2&after=" + first.path("next").asString(), Bearer.user("reader")));

        assertThat(first.path("members").get(0).path("userId").asString()).isEqualTo("u1");
        assertThat(first.path("next").asString()).isEqualTo("u2");
        assertThat(second.path("members")).hasSize(1);
        assertThat(second.path("members").get(0).path("userId").asString()).isEqualTo("u3");
        assertThat(second.path("next").isNull()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "501", "ten", "-1"})
    void aPageLimitOutside1To500IsRefusedNamingLimit(String limit) {
        assertProblem(get("/v1/channels/room?limit=" + limit, Bearer.user("reader")), 400, "limit");
    }

    @Test
    void badIdsAreRefusedNamingTheirField() {
        assertProblem(get("/v1/channels/room?after=no!", Bearer.user("reader")), 400, "after");
        assertProblem(get("/v1/channels/" + "c".repeat(65), Bearer.user("reader")), 400, "channelId");
        assertProblem(post("/v1/channels/room/join", Bearer.user("eve"), "{\"userId\":\"eve\",\"device\":\"a b\"}"), 400, "device");
        assertProblem(post("/v1/channels/room/join", Bearer.user("eve"), "{\"device\":\"phone\"}"), 400, "userId");
    }

    @Test
    void whileTheGridIsDownAJoinIs503() {
        online("late", "default");
        grid.goDown();

        assertProblem(post("/v1/channels/room/join", Bearer.user("late"), "{\"userId\":\"late\"}"), 503);
    }

    private void online(String userId, String device) {
        assertThat(post("/v1/status/update", Bearer.user(userId),
                "{\"userId\":\"" + userId + "\",\"status\":\"online\",\"device\":\"" + device + "\"}")).hasStatusOk();
    }

    private MvcTestResult post(String path, String authorization, String body) {
        return mvc.post().uri(path).header("Authorization", authorization).contentType(MediaType.APPLICATION_JSON)
                .content(body).exchange();
    }

    private MvcTestResult get(String path, String authorization) {
        return mvc.get().uri(path).header("Authorization", authorization).exchange();
    }
}
