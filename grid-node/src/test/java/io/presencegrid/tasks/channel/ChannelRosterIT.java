package io.presencegrid.tasks.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencegrid.node.ServerAssembly;
import io.presencegrid.schema.CacheNames;
import io.presencegrid.schema.ChangeReason;
import io.presencegrid.schema.ChannelMember;
import io.presencegrid.schema.ChannelMemberKey;
import io.presencegrid.schema.ChannelUserDevices;
import io.presencegrid.schema.ChannelUserKey;
import io.presencegrid.schema.DeviceChannels;
import io.presencegrid.schema.DeviceSessionKey;
import io.presencegrid.schema.PresenceStatus;
import io.presencegrid.tasks.presence.PresenceUpdate;
import io.presencegrid.tasks.presence.PresenceWrites;
import io.presencegrid.testing.GridTestCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.lang.IgniteCallable;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A channel's count of users kept beside its member rows on a 3-node grid: a join or leave moves it in a
 * few single-entry writes, a user counts once whatever their devices, and what a crashed writer left
 * wrong is set from the rows by the sweepers' recount.
 */
class ChannelRosterIT {

    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    private static GridTestCluster grid;
    private static Ignite node;
    private static PresenceWrites writes;

    @BeforeAll
    static void startGrid() {
        grid = GridTestCluster.create("channels", ServerAssembly::configuration).withSweepSeconds(1).startActive(3);
        node = grid.node(1);
        writes = new PresenceWrites(grid.node(2));
    }

    @AfterAll
    static void stopGrid() {
        grid.close();
    }

    @Test
    void aUserCountsOnceWhateverTheirDevicesAndLeavesWithTheLastOne() {
        assertThat(add("lobby", "ann", "phone")).isEqualTo(1);
        assertThat(add("lobby", "ann", "web")).as("a second device of ann").isEqualTo(1);
        assertThat(add("lobby", "ann", "web")).as("the same device again").isEqualTo(1);
        assertThat(add("lobby", "bob", "phone")).isEqualTo(2);
        assertThat(count("lobby", "ann")).extracting(ChannelCount::occupancy, ChannelCount::userIsMember).containsExactly(2L, true);

        assertThat(remove("lobby", "ann", "phone")).as("ann is still in on the web").isEqualTo(2);
        assertThat(remove("lobby", "ann", "web")).isEqualTo(1);
        assertThat(remove("lobby", "ann", "web")).as("nothing left to remove").isEqualTo(1);
        assertThat(count("lobby", "ann")).extracting(ChannelCount::occupancy, ChannelCount::userIsMember).containsExactly(1L, false);
        assertThat(remove("lobby", "bob", "phone")).isZero();
        assertThat(occupancies().containsKey("lobby")).as("an empty channel keeps no count").isFalse();
    }

    @Test
    void devicesJoiningAtOnceCountTheirUsersExactly() throws Exception {
        int users = 40;
        CyclicBarrier start = new CyclicBarrier(8);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> joins = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                String device = "device-" + (t % 4);
                joins.add(threads.submit(() -> {
                    start.await();
                    for (int u = 0; u < users; u++) {
                        add("rush", "user-" + u, device);
                    }
                    return null;
                }));
            }
            for (Future<?> join : joins) {
                join.get();
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(count("rush", null).occupancy()).isEqualTo(users);
        assertThat(users().get(new ChannelUserKey("rush", "user-7")).devices())
                .containsExactly("device-0", "device-1", "device-2", "device-3");
    }

    @Test
    void aDeviceThatExitsLeavesEachOfItsChannelsCount() {
        add("room-a", "cat", "phone");
        add("room-b", "cat", "phone");
        add("room-b", "dan", "phone");
        add("room-c", "cat", "phone");
        add("room-c", "cat", "web");
        node.<DeviceSessionKey, DeviceChannels>cache(CacheNames.DEVICE_CHANNELS)
                .put(new DeviceSessionKey("cat", "phone"), DeviceChannels.of("room-a").with("room-b").with("room-c"));

        // cat has no presence row here, so the exit goes through.
        assertThat(ChannelExits.leaveAll(node, "cat", "phone")).containsExactly("room-a", "room-b", "room-c");

        assertThat(count("room-a", "cat")).extracting(ChannelCount::occupancy, ChannelCount::userIsMember).containsExactly(0L, false);
        assertThat(count("room-b", "cat")).extracting(ChannelCount::occupancy, ChannelCount::userIsMember).containsExactly(1L, false);
        assertThat(count("room-c", "cat")).as("cat is still in room-c on the web")
                .extracting(ChannelCount::occupancy, ChannelCount::userIsMember).containsExactly(1L, true);
        assertThat(members().containsKey(new ChannelMemberKey("room-c", "cat", "phone"))).isFalse();
    }

    @Test
    void whatAWriterLeftWrongIsSetFromTheRows() {
        add("drift", "eve", "phone");
        add("drift", "fay", "phone");
        // A writer that died between the row and the rest, and counts knocked off by retries.
        members().put(new ChannelMemberKey("drift", "gus", "phone"), new ChannelMember(NOW));
        users().put(new ChannelUserKey("drift", "eve"), ChannelUserDevices.of("phone").with("ghost"));
        users().put(new ChannelUserKey("drift", "nobody"), ChannelUserDevices.of("phone"));
        occupancies().put("drift", 7L);
        occupancies().put("deserted", 3L);

        Awaitility.await().atMost(Duration.ofSeconds(2L * ChannelRecount.SLICES + 20)).untilAsserted(() -> {
            assertThat(occupancies().get("drift")).isEqualTo(3L);
            assertThat(occupancies().containsKey("deserted")).isFalse();
            assertThat(users().get(new ChannelUserKey("drift", "gus"))).isEqualTo(ChannelUserDevices.of("phone"));
            assertThat(users().get(new ChannelUserKey("drift", "eve"))).isEqualTo(ChannelUserDevices.of("phone"));
            assertThat(users().containsKey(new ChannelUserKey("drift", "nobody"))).isFalse();
        });
        assertThat(remove("drift", "gus", "phone")).as("the repaired count moves on as any other").isEqualTo(2);
    }

    @Test
    void aFullChannelRefusesANewUserAndTakesBackTheirDevicesEntryButTakesAMembersOtherDevice() {
        fill("packed");
        online("newcomer", "phone");
        online("crowd-0", "laptop");

        assertThat(join("packed", "newcomer", "phone")).extracting(ChannelJoined::outcome, ChannelJoined::occupancy)
                .containsExactly(ChannelJoin.CHANNEL_FULL, (long) ChannelMember.MAX_PER_CHANNEL);
        assertThat(entryNames("newcomer", "phone", "packed")).as("the refused join's entry, taken back").isFalse();
        assertThat(members().containsKey(new ChannelMemberKey("packed", "newcomer", "phone"))).isFalse();

        assertThat(join("packed", "crowd-0", "laptop")).extracting(ChannelJoined::outcome, ChannelJoined::occupancy)
                .containsExactly(ChannelJoin.JOINED, (long) ChannelMember.MAX_PER_CHANNEL);
        assertThat(entryNames("crowd-0", "laptop", "packed")).isTrue();
        assertThat(members().containsKey(new ChannelMemberKey("packed", "crowd-0", "laptop"))).isTrue();
    }

    @Test
    void aJoinWhoseDeviceExitedBeforeTheChannelsHalfTakesItsRowBack() {
        add("den", "ivy", "phone");
        // The device's entry was written, then its exit took it before the channel's half ran.
        ChannelJoined joined = atChannel("den", new ChannelJoinJob("den", "hal", "phone", ChannelJoin.JOINED));

        assertThat(joined).extracting(ChannelJoined::outcome, ChannelJoined::occupancy).containsExactly(ChannelJoin.DEVICE_OFFLINE, 1L);
        assertThat(members().containsKey(new ChannelMemberKey("den", "hal", "phone"))).isFalse();
        assertThat(count("den", "hal")).extracting(ChannelCount::occupancy, ChannelCount::userIsMember).containsExactly(1L, false);
    }

    @Test
    void aLeaveRemovesTheRowTheCountAndTheDevicesEntry() {
        online("jay", "phone");
        online("kim", "phone");
        assertThat(join("hall", "jay", "phone").outcome()).isEqualTo(ChannelJoin.JOINED);
        assertThat(join("hall", "kim", "phone").occupancy()).isEqualTo(2);
        assertThat(join("hall", "kim", "phone")).as("a repeated join").extracting(ChannelJoined::outcome, ChannelJoined::occupancy)
                .containsExactly(ChannelJoin.ALREADY_MEMBER, 2L);

        assertThat(atChannel("hall", new ChannelLeaveJob("hall", "jay", "phone"))).isEqualTo(1);

        assertThat(members().containsKey(new ChannelMemberKey("hall", "jay", "phone"))).isFalse();
        assertThat(count("hall", "jay").userIsMember()).isFalse();
        assertThat(entryNames("jay", "phone", "hall")).isFalse();
        assertThat(atChannel("hall", new ChannelLeaveJob("hall", "jay", "phone"))).as("nothing left to leave").isEqualTo(1);
    }

    private static long add(String channelId, String userId, String device) {
        return ChannelRoster.add(node, new ChannelMemberKey(channelId, userId, device), new ChannelMember(NOW));
    }

    private static long remove(String channelId, String userId, String device) {
        return ChannelRoster.remove(node, new ChannelMemberKey(channelId, userId, device));
    }

    /** What the API node's join does: the device's entry, then the channel's half on its primary. */
    private static ChannelJoined join(String channelId, String userId, String device) {
        ChannelJoin recorded = deviceChannels().invoke(new DeviceSessionKey(userId, device), new JoinChannel(channelId));
        if (recorded != ChannelJoin.JOINED && recorded != ChannelJoin.ALREADY_MEMBER) {
            return new ChannelJoined(recorded, 0);
        }
        return atChannel(channelId, new ChannelJoinJob(channelId, userId, device, recorded));
    }

    private static <T> T atChannel(String channelId, IgniteCallable<T> job) {
        return node.compute().affinityCall(ChannelRoster.caches(), channelId, job);
    }

    private static void online(String userId, String device) {
        writes.update(new PresenceUpdate(userId, device, PresenceStatus.ONLINE, null, ChangeReason.UPDATE), 42);
    }

    /** A channel of the most users it may hold, each with a phone in it, written as the roster would. */
    private static void fill(String channelId) {
        Map<ChannelMemberKey, ChannelMember> rows = new TreeMap<>();
        Map<ChannelUserKey, ChannelUserDevices> channelUsers = new TreeMap<>();
        for (int i = 0; i < ChannelMember.MAX_PER_CHANNEL; i++) {
            rows.put(new ChannelMemberKey(channelId, "crowd-" + i, "phone"), new ChannelMember(NOW));
            channelUsers.put(new ChannelUserKey(channelId, "crowd-" + i), ChannelUserDevices.of("phone"));
        }
        members().putAll(rows);
        users().putAll(channelUsers);
        occupancies().put(channelId, (long) ChannelMember.MAX_PER_CHANNEL);
    }

    private static ChannelCount count(String channelId, String userId) {
        Long occupancy = occupancies().get(channelId);
        return new ChannelCount(occupancy == null ? 0 : occupancy,
                userId != null && users().containsKey(new ChannelUserKey(channelId, userId)));
    }

    private static boolean entryNames(String userId, String device, String channelId) {
        DeviceChannels channels = deviceChannels().get(new DeviceSessionKey(userId, device));
        return channels != null && channels.contains(channelId);
    }

    private static IgniteCache<DeviceSessionKey, DeviceChannels> deviceChannels() {
        return node.cache(CacheNames.DEVICE_CHANNELS);
    }

    private static IgniteCache<ChannelMemberKey, ChannelMember> members() {
        return node.cache(CacheNames.CHANNEL_MEMBER);
    }

    private static IgniteCache<ChannelUserKey, ChannelUserDevices> users() {
        return node.cache(CacheNames.CHANNEL_USER);
    }

    private static IgniteCache<String, Long> occupancies() {
        return node.cache(CacheNames.CHANNEL_OCCUPANCY);
    }
}
