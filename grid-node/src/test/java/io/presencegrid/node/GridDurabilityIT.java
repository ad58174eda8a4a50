package io.presencegrid.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.presencegrid.schema.CacheNames;
import io.presencegrid.schema.DeviceState;
import io.presencegrid.schema.PresenceStatus;
import io.presencegrid.schema.Subscription;
import io.presencegrid.schema.SubscriptionKey;
import io.presencegrid.schema.UserPresence;
import io.presencegrid.testing.GridTestCluster;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cluster.ClusterState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Nothing acknowledged is lost when a node dies or the whole grid restarts. The tests run in order on
 * one grid: each leaves all three nodes running again for the next.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GridDurabilityIT {

    private static final Instant SEEN = Instant.parse("2026-11-01T10:15:30.123Z");

    private static GridTestCluster grid;

    @BeforeAll
    static void startGrid() {
        // The rows list devices whose sessions never existed (sessions live in memory), so the sweeper
        // would rightly end them within one period of a restart; this class checks what the disk keeps,
        // so the sweeper stays out of its way.
        grid = GridTestCluster.create("durability", ServerAssembly::configuration).withSweepSeconds(3_600).startActive(3);
    }

    @AfterAll
    static void stopGrid() {
        grid.close();
    }

    @Test
    @Order(1)
    void killingOneNodeLosesNoEntry() {
        Map<String, UserPresence> written = presenceRows("kill", 2_000);
        grid.node(0).<String, UserPresence>cache(CacheNames.PRESENCE).putAll(written);

        grid.killNode(2);

        IgniteCache<String, UserPresence> survivors = grid.node(0).cache(CacheNames.PRESENCE);
        assertThat(survivors.lostPartitions()).isEmpty();
        assertThat(survivors.getAll(written.keySet())).isEqualTo(written);

        grid.startNode(2);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(grid.node(0).cluster().forServers().nodes()).hasSize(3));
    }

    @Test
    @Order(2)
    void fullRestartBringsBackPresenceAndSubscriptionsExactly() {
        Map<String, UserPresence> written = presenceRows("restart", 500);
        grid.node(1).<String, UserPresence>cache(CacheNames.PRESENCE).putAll(written);
        SubscriptionKey follows = new SubscriptionKey("restart-1", "restart-2");
        grid.node(1).cache(CacheNames.SUBSCRIPTION).put(follows, new Subscription(SEEN));

        grid.stopAll();
        grid.startNodes(3);

        // With every baseline node back, a persistent cluster activates by itself.
        await().atMost(Duration.ofSeconds(60)).until(() -> grid.node(0).cluster().state() == ClusterState.ACTIVE);
        IgniteCache<String, UserPresence> presence = grid.node(2).cache(CacheNames.PRESENCE);
        assertThat(presence.getAll(written.keySet())).isEqualTo(written);
        assertThat(grid.node(2).cache(CacheNames.SUBSCRIPTION).get(follows)).isEqualTo(new Subscription(SEEN));
    }

    private static Map<String, UserPresence> presenceRows(String prefix, int count) {
        Map<String, UserPresence> rows = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            Instant lastSeen = SEEN.plus(i, ChronoUnit.SECONDS);
            PresenceStatus status = PresenceStatus.values()[i % PresenceStatus.values().length];
            Map<String, DeviceState> devices = status == PresenceStatus.OFFLINE
                    ? Map.of()
                    : Map.of("phone-" + i, new DeviceState(status, lastSeen));
            rows.put(prefix + "-" + i, UserPresence.visible(status, "note " + i, devices, lastSeen, lastSeen, 1000L + i));
        }
        return rows;
    }
}
