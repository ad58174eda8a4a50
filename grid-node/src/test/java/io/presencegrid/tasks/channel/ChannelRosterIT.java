package io.presencegrid.tasks.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencegrid.node.ServerAssembly;
import io.presencegrid.schema.CacheNames;
import io.presencegrid.schema.ChannelMember;
import io.presencegrid.schema.ChannelMemberKey;
import io.presencegrid.schema.ChannelUserDevices;
import io.presencegrid.schema.ChannelUserKey;
import io.presencegrid.schema.DeviceChannels;
import io.presencegrid.schema.DeviceSessionKey;
import io.presencegrid.testing.GridTestCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
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

    @BeforeAll
    static void startGrid() {
        grid = GridTestCluster.create("channels", ServerAssembly::configuration).withSweepSeconds(1).startActive(3);
        node = grid.node(1);
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

    private static long add(String channelId, String userId, String device) {
        return ChannelRoster.add(node, new ChannelMemberKey(channelId, userId, device), new ChannelMember(NOW));
    }

    private static long remove(String channelId, String userId, String device) {
        return ChannelRoster.remove(node, new ChannelMemberKey(channelId, userId, device));
    }

    private static ChannelCount count(String channelId, String userId) {
        return node.compute().affinityCall(ChannelCountJob.caches(), channelId, new ChannelCountJob(channelId, userId));
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
