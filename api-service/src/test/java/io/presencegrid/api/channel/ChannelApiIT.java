package io.presencegrid.api.channel;

import org.springframework.beans.factory.annotation.Autowired;
import io.presencegrid.api.support.ApiGridTest;
import static io.presencegrid.api.support.ProblemAssertions.assertBadRequestNaming;
import static io.presencegrid.api.support.TestJwt.TOKENS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.presencegrid.clienttools.api.ApiAnswer;
import io.presencegrid.clienttools.api.ApiClient;
import io.presencegrid.clienttools.api.PresenceSocket;
import io.presencegrid.schema.CacheNames;
import io.presencegrid.schema.ChannelMemberKey;
import io.presencegrid.testing.GridTestCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.ignite.cache.query.ScanQuery;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Channels through the API on a real grid: an online device joins, the channel lists its users with
 * their devices and presence, and every way a device leaves presence (offline, expiry, deletion) takes it
 * out of its channels; limits, permissions, paging, privacy and bad input; a socket watching a channel
 * gets its members and then their joins, changes and leaves.
 */
@ApiGridTest(name = "api-channels", ttlSeconds = ChannelApiIT.TTL_SECONDS, sweepSeconds = 1, properties = "presence.rate-limit.per-second=100000")
class ChannelApiIT {

    /** Short, so that an expiry is seen within the test; every test's devices are fresh. */
    static final int TTL_SECONDS = 6;

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
    void anOnlineDeviceJoinsAndTheChannelListsItsUsersWithDevicesAndPresence() {
        assertThat(join("room-a", "ca-alice", "laptop").status()).as("offline devices do not join").isEqualTo(409);
        assertThat(join("room-a", "ca-alice", "laptop").json().path("detail").asText()).startsWith("device:");

        online("ca-alice", "laptop");
        online("ca-alice", "phone");
        online("ca-bob", "web");
        assertThat(join("room-a", "ca-alice", "laptop").json().path("occupancy").asLong()).isEqualTo(1);
        assertThat(join("room-a", "ca-alice", "phone").json().path("occupancy").asLong()).as("a user counts once").isEqualTo(1);
        JsonNode bobJoined = join("room-a", "ca-bob", "web").json();
        assertThat(bobJoined.path("channelId").asText()).isEqualTo("room-a");
        assertThat(bobJoined.path("occupancy").asLong()).isEqualTo(2);
        assertThat(join("room-a", "ca-bob", "web").json().path("occupancy").asLong()).as("a repeated join").isEqualTo(2);

        JsonNode room = api.get("/v1/channels/room-a", TOKENS.user("ca-carol")).json();
        assertThat(room.path("occupancy").asLong()).isEqualTo(2);
        assertThat(room.path("next").isNull()).isTrue();
        assertThat(userIds(room)).containsExactly("ca-alice", "ca-bob");
        assertThat(room.path("members").get(0).path("devices").toString()).isEqualTo("[\"laptop\",\"phone\"]");
        assertThat(room.path("members").get(1).path("presence").path("status").asText()).isEqualTo("online");
        assertThat(room.path("members").get(1).path("presence").path("version").asLong()).isPositive();
    }

    @Test
    void onlyTheUserOrAnAdminJoinsAndLeavesForTheUser() {
        online("cp-owner", "phone");

        assertThat(join("room-p", "cp-owner", "phone", TOKENS.user("cp-other")).status()).isEqualTo(403);
        assertThat(join("room-p", "cp-owner", "phone", TOKENS.admin("cp-ops")).status()).isEqualTo(200);
        assertThat(leave("room-p", "cp-owner", "phone", TOKENS.user("cp-other")).status()).isEqualTo(403);
        assertThat(occupancy("room-p")).isEqualTo(1);
        assertThat(api.get("/v1/channels/room-p", null).status()).isEqualTo(401);
    }

    @Test
    void leavingGoingOfflineExpiringAndDeletionEachEndAMembership() {
        online("cl-leaver", "phone");
        online("cl-dropper", "phone");
        online("cl-dropper", "laptop");
        online("cl-lapser", "phone");
        online("cl-deleted", "phone");
        for (String user : List.of("cl-leaver", "cl-dropper", "cl-lapser", "cl-deleted")) {
            join("room-l", user, "phone");
        }
        join("room-l", "cl-dropper", "laptop");
        assertThat(occupancy("room-l")).isEqualTo(4);

        assertThat(leave("room-l", "cl-leaver", "phone", TOKENS.user("cl-leaver")).json().path("occupancy").asLong()).isEqualTo(3);
        assertThat(leave("room-l", "cl-leaver", "phone", TOKENS.user("cl-leaver")).status()).as("leaving twice").isEqualTo(200);

        api.update(TOKENS.user("cl-dropper"), "cl-dropper", "phone", "offline").expect(200);
        assertThat(members("room-l")).as("one device offline, the other still in").contains("cl-dropper");
        api.update(TOKENS.user("cl-dropper"), "cl-dropper", "laptop", "offline").expect(200);
        assertThat(members("room-l")).doesNotContain("cl-dropper");

        assertThat(api.delete("/v1/status/cl-deleted", TOKENS.user("cl-deleted")).status()).isEqualTo(204);
        assertThat(members("room-l")).doesNotContain("cl-deleted");

        // cl-lapser stops sending: its session expires a TTL later and takes the membership with it.
        await().atMost(Duration.ofSeconds(TTL_SECONDS + 5)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(occupancy("room-l")).isZero());
        assertThat(memberRows("room-l")).isEmpty();
    }

    @Test
    void aDeviceThatComesBackIsNoMemberUntilItJoinsAgain() {
        online("cb-user", "phone");
        join("room-b", "cb-user", "phone");
        api.update(TOKENS.user("cb-user"), "cb-user", "phone", "offline").expect(200);
        online("cb-user", "phone");

        assertThat(occupancy("room-b")).isZero();
        assertThat(join("room-b", "cb-user", "phone").json().path("occupancy").asLong()).isEqualTo(1);
    }

    @Test
    void aDeviceIsInAtMostAHundredChannels() {
        online("cm-busy", "phone");
        for (int i = 0; i < 100; i++) {
            assertThat(join("many-" + i, "cm-busy", "phone").status()).isEqualTo(200);
        }

        ApiAnswer refused = join("many-100", "cm-busy", "phone");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().path("detail").asText()).contains("device:", "100 channels");
        assertThat(occupancy("many-100")).isZero();
        assertThat(join("many-99", "cm-busy", "phone").status()).as("a channel it is in already").isEqualTo(200);
    }

    @Test
    void aViewerSeesOnlyTheMembersTheirPrivacyShowsButCountsThemAll() {
        online("cv-open", "phone");
        online("cv-shy", "phone");
        online("cv-ghost", "phone");
        api.update(TOKENS.user("cv-ghost"), "cv-ghost", "phone", "invisible").expect(200);
        assertThat(api.send("PUT", "/v1/privacy/cv-shy", TOKENS.user("cv-shy"), "application/json",
                "{\"presence\":\"nobody\"}").status()).isEqualTo(200);
        for (String user : List.of("cv-open", "cv-shy", "cv-ghost")) {
            join("room-v", user, "phone");
        }

        JsonNode byStranger = api.get("/v1/channels/room-v", TOKENS.user("cv-stranger")).json();
        JsonNode byShy = api.get("/v1/channels/room-v", TOKENS.user("cv-shy")).json();

        assertThat(byStranger.path("occupancy").asLong()).isEqualTo(3);
        assertThat(userIds(byStranger)).containsExactly("cv-open");
        assertThat(byStranger.toString()).doesNotContain("cv-shy", "cv-ghost");
        assertThat(userIds(byShy)).as("a user sees themselves").containsExactly("cv-open", "cv-shy");
    }

    @Test
    void aChannelIsListedInPagesAndBadInputNamesItsField() {
        List<String> users = List.of("cg-1", "cg-2", "cg-3", "cg-4", "cg-5");
        for (String user : users) {
            online(user, "phone");
            join("room-g", user, "phone");
        }

        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            JsonNode page = api.get("/v1/channels/room-g?limit=2" + (after == null ? "" : "&after=" + after), TOKENS.user("cg-1")).json();
            seen.addAll(userIds(page));
            after = page.path("next").isNull() ? null : page.path("next").asText();
            pages++;
        } while (after != null);

        assertThat(seen).containsExactlyElementsOf(users);
        assertThat(pages).isEqualTo(3);
        assertBadRequestNaming(api.get("/v1/channels/room-g?limit=0", TOKENS.user("cg-1")), "limit");
        assertBadRequestNaming(api.get("/v1/channels/room-g?limit=501", TOKENS.user("cg-1")), "limit");
        assertBadRequestNaming(api.get("/v1/channels/room-g?limit=ten", TOKENS.user("cg-1")), "limit");
        assertBadRequestNaming(api.get("/v1/channels/room-g?after=bad%20id", TOKENS.user("cg-1")), "after");
        assertBadRequestNaming(api.get("/v1/channels/bad%20room", TOKENS.user("cg-1")), "channelId");
        assertBadRequestNaming(join("bad%20room", "cg-1", "phone"), "channelId");
        assertBadRequestNaming(api.post("/v1/channels/room-g/join", TOKENS.user("cg-1"), "{\"userId\":\"cg 1\"}"), "userId");
        assertBadRequestNaming(api.post("/v1/channels/room-g/join", TOKENS.user("cg-1"), "{\"userId\":\"cg-1\",\"device\":\"\"}"), "device");
        assertThat(occupancy("room-g")).isEqualTo(5);
    }

    @Test
    void aDeviceSocketJoinsAndLeavesByFrameAndClosingItEndsTheMembershipAfterTheGrace() throws Exception {
        PresenceSocket laptop = PresenceSocket.device(port, TOKENS.user("cw-user"), "laptop");
        PresenceSocket observer = PresenceSocket.observe(port, TOKENS.user("cw-user"));
        try {
            laptop.next("snapshot", Duration.ofSeconds(5));
            await().atMost(Duration.ofSeconds(5)).until(() -> api.get("/v1/status/cw-user", TOKENS.user("cw-user")).status() == 200);
            laptop.send("{\"type\":\"join\",\"channel\":\"room-w\"}");
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(members("room-w")).containsExactly("cw-user"));
            assertThat(memberDevices("room-w")).isEqualTo("[\"laptop\"]");

            laptop.send("{\"type\":\"join\",\"channel\":\"bad room\"}");
            assertThat(laptop.next("error", Duration.ofSeconds(5)).path("message").asText()).startsWith("channel:");
            observer.send("{\"type\":\"join\",\"channel\":\"room-w\"}");
            JsonNode noDevice = observer.next("error", Duration.ofSeconds(5));
            assertThat(noDevice.path("code").asText()).isEqualTo("bad_frame");
            assertThat(noDevice.path("message").asText()).startsWith("device:");

            laptop.send("{\"type\":\"leave\",\"channel\":\"room-w\"}");
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(occupancy("room-w")).isZero());
            laptop.send("{\"type\":\"join\",\"channel\":\"room-w\"}");
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(occupancy("room-w")).isEqualTo(1));
        } finally {
            laptop.close();
            observer.close();
        }
        // Closed without an offline: the device goes after the disconnect grace, and its membership with it.
        await().atMost(Duration.ofSeconds(TTL_SECONDS + 10)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(occupancy("room-w")).isZero());
    }

    @Test
    void aSocketJoinOfAnOfflineDeviceIsAConflictFrame() {
        PresenceSocket phone = PresenceSocket.device(port, TOKENS.user("cx-user"), "phone");
        try {
            phone.next("snapshot", Duration.ofSeconds(5));
            phone.send("{\"type\":\"status\",\"status\":\"offline\"}");
            await().atMost(Duration.ofSeconds(5)).until(() ->
                    api.get("/v1/status/cx-user", TOKENS.user("cx-user")).json().path("devices").isEmpty());
            phone.send("{\"type\":\"join\",\"channel\":\"room-x\"}");

            JsonNode refused = phone.next("error", Duration.ofSeconds(5));

            assertThat(refused.path("code").asText()).isEqualTo("conflict");
            assertThat(refused.path("message").asText()).startsWith("device: phone of cx-user is not online");
            assertThat(occupancy("room-x")).isZero();
        } finally {
            phone.close();
        }
    }

    @Test
    void aWatcherGetsTheMembersThenEveryJoinChangeAndLeaveWithTheOccupancy() throws Exception {
        online("ww-bob", "web");
        join("room-ww", "ww-bob", "web");
        PresenceSocket watcher = PresenceSocket.observe(port, TOKENS.user("ww-carol"));
        try {
            watcher.next("snapshot", Duration.ofSeconds(5));
            watcher.send("{\"type\":\"watch\",\"channel\":\"room-ww\"}");
            JsonNode members = watcher.next("members", Duration.ofSeconds(10));
            assertThat(members.path("channel").asText()).isEqualTo("room-ww");
            assertThat(members.path("occupancy").asLong()).isEqualTo(1);
            assertThat(members.path("members").get(0).path("userId").asText()).isEqualTo("ww-bob");
            assertThat(members.path("members").get(0).path("devices").toString()).isEqualTo("[\"web\"]");
            assertThat(members.path("members").get(0).path("presence").path("status").asText()).isEqualTo("online");

            online("ww-dan", "phone");
            join("room-ww", "ww-dan", "phone");
            JsonNode joined = watcher.next("member", Duration.ofSeconds(10));
            assertThat(joined.path("userId").asText()).isEqualTo("ww-dan");
            assertThat(joined.path("event").asText()).isEqualTo("joined");
            assertThat(joined.path("occupancy").asLong()).isEqualTo(2);
            assertThat(joined.path("presence").path("status").asText()).isEqualTo("online");

            // A second device coming online changes the member's presence; its joining the channel changes
            // who is in it for no one, so the frame after that is the next change.
            online("ww-dan", "laptop");
            JsonNode secondDevice = watcher.next("member", Duration.ofSeconds(10));
            assertThat(secondDevice.path("event").asText()).isEqualTo("updated");
            assertThat(secondDevice.path("presence").path("devices")).hasSize(2);
            join("room-ww", "ww-dan", "laptop");
            api.update(TOKENS.user("ww-dan"), "ww-dan", "laptop", "busy").expect(200);
            JsonNode updated = watcher.next("member", Duration.ofSeconds(10));
            assertThat(updated.path("event").asText()).isEqualTo("updated");
            assertThat(updated.path("presence").path("status").asText()).isEqualTo("busy");
            assertThat(updated.path("occupancy").asLong()).isEqualTo(2);

            leave("room-ww", "ww-dan", "phone", TOKENS.user("ww-dan"));
            leave("room-ww", "ww-dan", "laptop", TOKENS.user("ww-dan"));
            JsonNode left = watcher.next("member", Duration.ofSeconds(10));
            assertThat(left.path("userId").asText()).isEqualTo("ww-dan");
            assertThat(left.path("event").asText()).isEqualTo("left");
            assertThat(left.path("occupancy").asLong()).isEqualTo(1);

            // Going offline is leaving too.
            api.update(TOKENS.user("ww-bob"), "ww-bob", "web", "offline").expect(200);
            JsonNode offline = watcher.next("member", Duration.ofSeconds(10));
            assertThat(offline.path("userId").asText()).isEqualTo("ww-bob");
            assertThat(offline.path("event").asText()).isEqualTo("left");
            assertThat(offline.path("occupancy").asLong()).isZero();

            watcher.send("{\"type\":\"unwatch\",\"channel\":\"room-ww\"}");
            join("room-ww", "ww-dan", "phone");
            watcher.send("{\"type\":\"ping\"}");
            assertThat(watcher.next(Duration.ofSeconds(5)).path("type").asText()).as("nothing after unwatch").isEqualTo("pong");
        } finally {
            watcher.close();
        }
    }

    /** Watchers are added on the channel's own thread: an unwatch sent right behind the watch still wins. */
    @Test
    void aWatchUnwatchedAtOnceHearsNothingMore() throws Exception {
        online("wu-amy", "phone");
        join("room-wu", "wu-amy", "phone");
        PresenceSocket quitter = PresenceSocket.observe(port, TOKENS.user("wu-quitter"));
        PresenceSocket stayer = PresenceSocket.observe(port, TOKENS.user("wu-stayer"));
        try {
            quitter.next("snapshot", Duration.ofSeconds(5));
            stayer.next("snapshot", Duration.ofSeconds(5));
            stayer.send("{\"type\":\"watch\",\"channel\":\"room-wu\"}");
            stayer.next("members", Duration.ofSeconds(10));

            quitter.send("{\"type\":\"watch\",\"channel\":\"room-wu\"}");
            quitter.send("{\"type\":\"unwatch\",\"channel\":\"room-wu\"}");
            assertThat(quitter.next("members", Duration.ofSeconds(10)).path("occupancy").asLong()).isEqualTo(1);
            online("wu-bo", "web");
            join("room-wu", "wu-bo", "web");
            // The stayer hears of the join once it has gone out to every watcher of the channel on this node.
            assertThat(stayer.next("member", Duration.ofSeconds(10)).path("userId").asText()).isEqualTo("wu-bo");
            quitter.send("{\"type\":\"ping\"}");
            assertThat(quitter.next(Duration.ofSeconds(5)).path("type").asText()).as("nothing after unwatch").isEqualTo("pong");
        } finally {
            quitter.close();
            stayer.close();
        }
    }

    @Test
    void aMemberHiddenFromAWatcherCountsButSendsThemNothingAndGoingInvisibleIsLeaving() throws Exception {
        online("wh-shy", "phone");
        assertThat(api.send("PUT", "/v1/privacy/wh-shy", TOKENS.user("wh-shy"), "application/json",
                "{\"presence\":\"nobody\"}").status()).isEqualTo(200);
        join("room-wh", "wh-shy", "phone");
        PresenceSocket watcher = PresenceSocket.observe(port, TOKENS.user("wh-viewer"));
        try {
            watcher.next("snapshot", Duration.ofSeconds(5));
            watcher.send("{\"type\":\"watch\",\"channel\":\"room-wh\"}");
            JsonNode members = watcher.next("members", Duration.ofSeconds(10));
            assertThat(members.path("occupancy").asLong()).isEqualTo(1);
            assertThat(members.path("members").isEmpty()).isTrue();

            api.update(TOKENS.user("wh-shy"), "wh-shy", "phone", "busy").expect(200);
            online("wh-open", "web");
            join("room-wh", "wh-open", "web");
            JsonNode first = watcher.next("member", Duration.ofSeconds(10));
            assertThat(first.path("userId").asText()).as("nothing of the hidden member").isEqualTo("wh-open");
            assertThat(first.path("occupancy").asLong()).isEqualTo(2);

            api.update(TOKENS.user("wh-open"), "wh-open", "web", "invisible").expect(200);
            JsonNode invisible = watcher.next("member", Duration.ofSeconds(10));
            assertThat(invisible.path("userId").asText()).isEqualTo("wh-open");
            assertThat(invisible.path("event").asText()).isEqualTo("left");
            assertThat(invisible.path("occupancy").asLong()).as("still in the channel").isEqualTo(2);
            api.update(TOKENS.user("wh-open"), "wh-open", "web", "online").expect(200);
            assertThat(watcher.next("member", Duration.ofSeconds(10)).path("event").asText()).isEqualTo("joined");
        } finally {
            watcher.close();
        }
    }

    @Test
    void aWatchNamesABadChannelAndASocketWatchesAtMostAHundredChannels() {
        PresenceSocket watcher = PresenceSocket.observe(port, TOKENS.user("wl-user"));
        try {
            watcher.next("snapshot", Duration.ofSeconds(5));
            watcher.send("{\"type\":\"watch\",\"channel\":\"bad room\"}");
            JsonNode bad = watcher.next("error", Duration.ofSeconds(5));
            assertThat(bad.path("code").asText()).isEqualTo("bad_frame");
            assertThat(bad.path("message").asText()).startsWith("channel:");

            for (int i = 0; i < 100; i++) {
                watcher.send("{\"type\":\"watch\",\"channel\":\"room-wl-" + i + "\"}");
                assertThat(watcher.next("members", Duration.ofSeconds(10)).path("channel").asText()).isEqualTo("room-wl-" + i);
            }
            watcher.send("{\"type\":\"watch\",\"channel\":\"room-wl-100\"}");
            JsonNode refused = watcher.next("error", Duration.ofSeconds(5));
            assertThat(refused.path("code").asText()).isEqualTo("conflict");
            assertThat(refused.path("message").asText()).startsWith("channel:");

            watcher.send("{\"type\":\"unwatch\",\"channel\":\"room-wl-0\"}");
            watcher.send("{\"type\":\"watch\",\"channel\":\"room-wl-100\"}");
            assertThat(watcher.next("members", Duration.ofSeconds(10)).path("channel").asText()).isEqualTo("room-wl-100");
        } finally {
            watcher.close();
        }
    }

    private String memberDevices(String channelId) {
        return api.get("/v1/channels/" + channelId, TOKENS.admin("c-ops")).json().path("members").get(0).path("devices").toString();
    }

    private void online(String userId, String device) {
        api.update(TOKENS.user(userId), userId, device, "online").expect(200);
    }

    private ApiAnswer join(String channelId, String userId, String device) {
        return join(channelId, userId, device, TOKENS.user(userId));
    }

    private ApiAnswer join(String channelId, String userId, String device, String token) {
        return api.post("/v1/channels/" + channelId + "/join", token, "{\"userId\":\"" + userId + "\",\"device\":\"" + device + "\"}");
    }

    private ApiAnswer leave(String channelId, String userId, String device, String token) {
        return api.post("/v1/channels/" + channelId + "/leave", token, "{\"userId\":\"" + userId + "\",\"device\":\"" + device + "\"}");
    }

    private long occupancy(String channelId) {
        return api.get("/v1/channels/" + channelId, TOKENS.admin("c-ops")).json().path("occupancy").asLong();
    }

    private List<String> members(String channelId) {
        return userIds(api.get("/v1/channels/" + channelId, TOKENS.admin("c-ops")).json());
    }

    /** The member rows themselves, read on a server: what analysts see as CHANNEL_MEMBER (tested with SQL in grid-node). */
    private List<ChannelMemberKey> memberRows(String channelId) {
        List<ChannelMemberKey> rows = new ArrayList<>();
        grid.node(0).<ChannelMemberKey, Object>cache(CacheNames.CHANNEL_MEMBER)
                .query(new ScanQuery<ChannelMemberKey, Object>((key, member) -> key.channelId().equals(channelId)))
                .forEach(row -> rows.add(row.getKey()));
        return rows;
    }

    private static List<String> userIds(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("members").forEach(member -> ids.add(member.path("userId").asText()));
        return ids;
    }
}
