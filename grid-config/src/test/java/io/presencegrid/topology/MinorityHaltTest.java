package io.presencegrid.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.ignite.cluster.BaselineNode;
import org.apache.ignite.cluster.ClusterMetrics;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.events.EventType;
import org.apache.ignite.lang.IgniteFuture;
import org.apache.ignite.lang.IgniteProductVersion;
import org.apache.ignite.spi.discovery.DiscoveryNotification;
import org.apache.ignite.spi.discovery.DiscoverySpiListener;
import org.junit.jupiter.api.Test;

class MinorityHaltTest {

    private final List<String> halts = new ArrayList<>();
    private final List<Integer> told = new ArrayList<>();
    private final DiscoverySpiListener ignite = new DiscoverySpiListener() {
        @Override
        public void onLocalNodeInitialized(ClusterNode localNode) {
        }

        @Override
        public IgniteFuture<?> onDiscovery(DiscoveryNotification notification) {
            told.add(notification.type());
            return null;
        }
    };

    private static final Node A = new Node("a", false);
    private static final Node B = new Node("b", false);
    private static final Node C = new Node("c", false);
    private static final Node API = new Node("api", true);

    private MinorityHalt guard(Collection<BaselineNode> baseline) {
        return new MinorityHalt(ignite, () -> baseline, node -> false, halts::add);
    }

    private static DiscoveryNotification event(int type, ClusterNode node, ClusterNode... left) {
        return new DiscoveryNotification(type, 9, node, List.of(left));
    }

    @Test
    void aFailureThatLeavesAMajorityHaltsNothing() {
        guard(List.of(A, B, C)).onDiscovery(event(EventType.EVT_NODE_FAILED, C, A, B, API));

        assertThat(halts).isEmpty();
        assertThat(told).containsExactly(EventType.EVT_NODE_FAILED);
    }

    @Test
    void aFailureThatLeavesAMinorityHaltsBeforeIgniteHearsOfIt() {
        MinorityHalt guard = new MinorityHalt(ignite, () -> List.of(A, B, C), node -> false, reason -> {
            halts.add(reason);
            assertThat(told).as("Ignite not told yet").isEmpty();
        });

        guard.onDiscovery(event(EventType.EVT_NODE_FAILED, B, A, API));

        assertThat(halts).singleElement().asString().contains("1 of 3");
    }

    @Test
    void theSurvivorOfTwoCrashedNodesCarriesOn() {
        new MinorityHalt(ignite, () -> List.of(A, B, C), node -> node.equals(B), halts::add)
                .onDiscovery(event(EventType.EVT_NODE_FAILED, B, A, API));

        assertThat(halts).isEmpty();
        assertThat(told).containsExactly(EventType.EVT_NODE_FAILED);
    }

    @Test
    void leavingClientsAndAnInactiveClusterHaltNothing() {
        guard(List.of(A, B, C)).onDiscovery(event(EventType.EVT_NODE_LEFT, B, A));
        guard(List.of(A, B, C)).onDiscovery(event(EventType.EVT_NODE_FAILED, API, A));
        guard(List.of()).onDiscovery(event(EventType.EVT_NODE_FAILED, B, A));
        guard(null).onDiscovery(event(EventType.EVT_NODE_FAILED, B, A));

        assertThat(halts).isEmpty();
        assertThat(told).hasSize(4);
    }

    /** Just enough of a node for the guard: its consistent id, id and kind. */
    private record Node(String name, boolean client) implements ClusterNode {
        @Override public UUID id() { return UUID.nameUUIDFromBytes(name.getBytes()); }
        @Override public Object consistentId() { return name; }
        @Override public boolean isClient() { return client; }
        @Override public <T> T attribute(String name) { return null; }
        @Override public ClusterMetrics metrics() { return null; }
        @Override public Map<String, Object> attributes() { return Map.of(); }
        @Override public Collection<String> addresses() { return List.of(); }
        @Override public Collection<String> hostNames() { return List.of(); }
        @Override public long order() { return 0; }
        @Override public IgniteProductVersion version() { return null; }
        @Override public boolean isLocal() { return false; }
    }
}
