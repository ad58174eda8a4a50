package io.presencegrid.tasks.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.presencegrid.schema.CacheNames;
import io.presencegrid.schema.PresenceStatus;
import io.presencegrid.schema.UserPresence;
import io.presencegrid.testing.GridTestCluster;
import io.presencegrid.node.ServerAssembly;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.ignite.Ignite;
import org.apache.ignite.services.ServiceDescriptor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The retention purge as a cluster singleton on a 3-node grid with a 2-second purge period: one
 * instance in the cluster, purging on its schedule, and after its node leaves, one instance on another
 * node that keeps purging.
 */
class RetentionPurgeServiceIT {

    private static final long PURGE_PERIOD_SECONDS = 2;
    private static final Duration ONE_PERIOD_AND_SLACK = Duration.ofSeconds(PURGE_PERIOD_SECONDS * 3 + 10);

    private static GridTestCluster grid;
    private static final List<Integer> RUNNING = new ArrayList<>(List.of(0, 1, 2));

    @BeforeAll
    static void startGrid() {
        grid = GridTestCluster.create("retention-service", ServerAssembly::configuration)
                .withRetention(90, PURGE_PERIOD_SECONDS).startActive(3);
    }

    @AfterAll
    static void stopGrid() {
        grid.close();
    }

    @Test
    void theSingletonKeepsPurgingOnAnotherNodeAfterItsNodeLeaves() {
        UUID firstHost = awaitSingleHost();
        seedInactive("before-failover");
        await().atMost(ONE_PERIOD_AND_SLACK).until(() -> !anyNode().cache(CacheNames.PRESENCE).containsKey("before-failover"));

        int hostIndex = indexOf(firstHost);
        grid.stopNode(hostIndex);
        RUNNING.remove(Integer.valueOf(hostIndex));

        UUID secondHost = awaitSingleHost();
        assertThat(secondHost).isNotEqualTo(firstHost);
        assertThat(RUNNING.stream().map(i -> grid.node(i).cluster().localNode().id())).contains(secondHost);
        seedInactive("after-failover");
        await().atMost(ONE_PERIOD_AND_SLACK).until(() -> !anyNode().cache(CacheNames.PRESENCE).containsKey("after-failover"));
        // The proxy finds the moved service too, and it keeps recent users.
        seedRecent("still-here");
        PurgeResult onDemand = anyNode().services().serviceProxy(RetentionPurge.SERVICE_NAME, RetentionPurge.class, false)
                .purgeNow();
        assertThat(onDemand.cutoff()).isBefore(Instant.now().minus(Duration.ofDays(89)));
        assertThat(anyNode().cache(CacheNames.PRESENCE).containsKey("still-here")).isTrue();
    }

    /** Waits until exactly one node hosts the service, and answers that node's id. */
    private static UUID awaitSingleHost() {
        return await().atMost(Duration.ofSeconds(30)).until(RetentionPurgeServiceIT::hosts, hosts -> hosts.size() == 1)
                .iterator().next();
    }

    private static Set<UUID> hosts() {
        for (ServiceDescriptor service : anyNode().services().serviceDescriptors()) {
            if (service.name().equals(RetentionPurge.SERVICE_NAME)) {
                return service.topologySnapshot().entrySet().stream().filter(host -> host.getValue() > 0)
                        .map(Map.Entry::getKey).collect(Collectors.toSet());
            }
        }
        return Set.of();
    }

    private static int indexOf(UUID nodeId) {
        return RUNNING.stream().filter(i -> grid.node(i).cluster().localNode().id().equals(nodeId)).findFirst()
                .orElseThrow(() -> new AssertionError("no running node has id " + nodeId));
    }

    private static Ignite anyNode() {
        return grid.node(RUNNING.get(RUNNING.size() - 1));
    }

    private static void seedInactive(String userId) {
        Instant lastSeen = Instant.now().minus(Duration.ofDays(91));
        anyNode().cache(CacheNames.PRESENCE).put(userId,
                UserPresence.visible(PresenceStatus.OFFLINE, null, Map.of(), lastSeen, lastSeen, 1));
    }

    private static void seedRecent(String userId) {
        Instant lastSeen = Instant.now().minus(Duration.ofDays(89));
        anyNode().cache(CacheNames.PRESENCE).put(userId,
                UserPresence.visible(PresenceStatus.OFFLINE, null, Map.of(), lastSeen, lastSeen, 1));
    }
}
