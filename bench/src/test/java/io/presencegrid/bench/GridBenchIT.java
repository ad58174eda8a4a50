package io.presencegrid.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencegrid.schema.CacheNames;
import io.presencegrid.schema.DeviceSessionKey;
import io.presencegrid.schema.PresenceStatus;
import io.presencegrid.schema.UserPresence;
import io.presencegrid.tasks.stats.NodeRegionUsage;
import io.presencegrid.testing.GridTestCluster;
import io.presencegrid.node.ServerAssembly;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.CachePeekMode;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The grid-side measurements against a 3-node test grid built like the servers (persistence, backups=2,
 * FULL_SYNC, TRANSACTIONAL), joined through the same client node the command line uses, on test ports.
 */
class GridBenchIT {

    private static final int USERS = 5_000;

    private static GridTestCluster grid;
    private static BenchClientNode client;

    @BeforeAll
    static void startGrid() {
        // Over TLS and with authentication, as scripts/bench.sh runs against the cluster 'up' starts.
        grid = GridTestCluster.create("grid-bench", ServerAssembly::configuration).withTls()
                .withAuth("operator-" + UUID.randomUUID(), "analyst-" + UUID.randomUUID()).startActive(3);
        client = BenchClientNode.join(grid.ports().discoveryAddresses(), GridTestCluster.clientCommunicationPort(0),
                11840 + GridTestCluster.PORT_SHIFT, Optional.of(grid.certificates().node("bench")), true);
    }

    @AfterAll
    static void stopGrid() {
        if (client != null) {
            client.close();
        }
        grid.close();
    }

    @Test
    void fairCeilingOverwritesItsLoadedKeysThroughTheWalFromEveryThreadAndDestroysItsCache() {
        long walBefore = GridStorage.walWrittenBytes(client.ignite());

        PutLoop.Measured result;
        PutLoop.Measured again;
        try (FairPutCeiling ceiling = FairPutCeiling.open(client.ignite(), 2_000)) {
            result = ceiling.measure(Duration.ofSeconds(1), Duration.ofSeconds(3), 4, thisJvm());
            again = ceiling.measure(Duration.ZERO, Duration.ofSeconds(1), 4, thisJvm());
        }

        assertThat(result.puts().puts()).isPositive();
        assertThat(result.puts().failures()).isZero();
        assertThat(result.putsPerSecond()).isPositive();
        assertThat(result.puts().p99Ms()).isGreaterThanOrEqualTo(result.puts().p50Ms()).isPositive();
        assertThat(result.cpu().operations()).isEqualTo(result.puts().puts());
        assertThat(result.cpu().totalMicrosPerOperation()).as("the servers run in this JVM: it does all the work").isPositive();
        assertThat(again.puts().puts()).as("one cache serves every measurement of a run").isPositive();
        assertThat(again.puts().failures()).isZero();
        assertThat(GridStorage.walWrittenBytes(client.ignite()) - walBefore)
                .as("each put's 100-byte value is logged by all three copies: the cache is in the persistent region")
                .isGreaterThan((result.puts().puts() + again.puts().puts()) * 3 * FairPutCeiling.VALUE_BYTES);
        assertThat(FairPutCeiling.machineLine(result.puts())).matches("fair_put_per_s=\\d+ fair_put_p50_ms=[\\d.]+ fair_put_p99_ms=[\\d.]+");
        assertThat(client.ignite().cacheNames()).doesNotContain(FairPutCeiling.CACHE_NAME);
        assertThat(grid.node(0).cacheNames()).doesNotContain(FairPutCeiling.CACHE_NAME);
    }

    @Test
    void sessionCachePutsWriteTheProductsSessionsFromEveryThreadAndLeaveTheirCacheUntilItIsDropped() throws Exception {
        PutLoop.Measured result = SessionCachePuts.measure(client.ignite(), 2_000, Duration.ofSeconds(1), Duration.ofSeconds(3), 4, thisJvm());

        assertThat(result.puts().puts()).isPositive();
        assertThat(result.puts().failures()).isZero();
        assertThat(result.cpu().totalMicrosPerOperation()).isPositive();
        assertThat(grid.node(0).cache(SessionCachePuts.CACHE_NAME).sizeLong(CachePeekMode.PRIMARY))
                .as("the copy stays loaded until the run's end drops it").isEqualTo(2_000);

        assertThat(SessionCachePuts.drop(client.ignite(), Duration.ofSeconds(30))).isTrue();
        assertThat(SessionCachePuts.drop(client.ignite(), Duration.ofSeconds(30))).as("dropping what is gone").isTrue();
        assertThat(client.ignite().cacheNames()).doesNotContain(SessionCachePuts.CACHE_NAME);
        assertThat(grid.node(0).cacheNames()).doesNotContain(SessionCachePuts.CACHE_NAME);
    }

    @Test
    void gridMemoryPerUserIsPlausibleAndTheBenchUsersAreGoneAfterwards() {
        Ignite server = grid.node(0);
        long presenceRowsBefore = server.cache(CacheNames.PRESENCE).sizeLong(CachePeekMode.PRIMARY);
        long sessionsBefore = server.cache(CacheNames.DEVICE_SESSION).sizeLong(CachePeekMode.PRIMARY);

        GridMemoryPerUser.Result result = GridMemoryPerUser.measure(client.ignite(), USERS);

        assertThat(result.copies()).isEqualTo(3);
        assertThat(result.bytesPerUserCopy()).isBetween(50.0, 5_000.0);
        assertThat(result.presenceBytesPerUserCopy()).isPositive();
        assertThat(result.sessionBytesPerUserCopy()).isPositive();
        assertThat(result.machineLine()).matches("grid_bytes_per_user_copy=\\d+ presence_bytes=\\d+ session_bytes=\\d+");

        Set<String> userIds = new HashSet<>();
        Set<DeviceSessionKey> sessionKeys = new HashSet<>();
        for (int i = 0; i < USERS; i++) {
            userIds.add(GridMemoryPerUser.userId(i));
            sessionKeys.add(GridMemoryPerUser.sessionKey(i));
        }
        assertThat(server.cache(CacheNames.PRESENCE).getAll(userIds).size()).as("bench users left in PRESENCE").isZero();
        assertThat(server.cache(CacheNames.DEVICE_SESSION).getAll(sessionKeys).size()).as("bench sessions left").isZero();
        assertThat(server.cache(CacheNames.PRESENCE).sizeLong(CachePeekMode.PRIMARY)).isEqualTo(presenceRowsBefore);
        assertThat(server.cache(CacheNames.DEVICE_SESSION).sizeLong(CachePeekMode.PRIMARY)).isEqualTo(sessionsBefore);
    }

    private static CpuMeter thisJvm() {
        return new CpuMeter(Map.of("test JVM", ProcessHandle.current().pid()), ProcessCpu.clockTicksPerSecond());
    }

    @Test
    void everyServerReportsTheWalBytesItWroteAndWritesGrowThem() {
        List<NodeRegionUsage> before = GridStorage.perServer(client.ignite());
        IgniteCache<String, UserPresence> presence = client.ignite().cache(CacheNames.PRESENCE);
        for (int i = 0; i < 200; i++) {
            presence.put("wal-user-" + i, UserPresence.visible(PresenceStatus.OFFLINE, null, Map.of(), Instant.now(), Instant.now(), 1));
        }

        List<NodeRegionUsage> after = GridStorage.perServer(client.ignite());

        assertThat(after).hasSize(3);
        for (int node = 0; node < 3; node++) {
            assertThat(after.get(node).getConsistentId()).isEqualTo(before.get(node).getConsistentId());
            assertThat(after.get(node).getWalWrittenBytes())
                    .as("every node holds a copy of each row (backups=2), so each one logs the 200 puts")
                    .isGreaterThan(before.get(node).getWalWrittenBytes() + 200 * 20);
        }
        presence.removeAll(IntStream.range(0, 200).mapToObj(i -> "wal-user-" + i).collect(Collectors.toSet()));
    }
}
