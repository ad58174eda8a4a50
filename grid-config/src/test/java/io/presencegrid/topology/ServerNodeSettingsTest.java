package io.presencegrid.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerNodeSettingsTest {

    @Test
    void nodeIndexPicksPortsNamesAndWorkDirectory() {
        ServerNodeSettings node2 = ServerNodeSettings.fromEnvironment(2, Map.of("PRESENCE_HOME", "/data/presence"));

        assertThat(node2.placeholders())
                .containsEntry("presence.discovery.port", 47502)
                .containsEntry("presence.communication.port", 47102)
                .containsEntry("presence.client.port", 10802)
                .containsEntry("presence.discovery.addresses", "127.0.0.1:47500..47509")
                .containsEntry("presence.node.consistentId", "presence-node-2")
                .containsEntry("presence.node.workDirectory", "/data/presence/node-2")
                .containsEntry("presence.wal.mode", "LOG_ONLY")
                .containsEntry("presence.ttl.seconds", 60)
                .containsEntry("presence.region.bytes", 256L * 1024 * 1024);
        assertThat(node2.placement().restPort()).isEqualTo(8093);
        assertThat(node2.placement().metricsPort()).isEqualTo(9093);
        assertThat(node2.logFile()).isEqualTo(Path.of("/data/presence/logs/node-2.log"));
    }

    @Test
    void aNodeInANetworkNamespaceBindsItsOwnAddressAndListsTheOthers() {
        ServerNodeSettings loopback = ServerNodeSettings.fromEnvironment(1, Map.of());
        ServerNodeSettings namespaced = ServerNodeSettings.fromEnvironment(1, Map.of(
                "PRESENCE_NODE_HOST", "10.213.0.11",
                "PRESENCE_GRID_ADDRESSES", "10.213.0.10:47500, 10.213.0.11:47501,10.213.0.12:47502"));

        assertThat(loopback.placeholders()).containsEntry("presence.node.host", "127.0.0.1");
        assertThat(namespaced.placeholders())
                .containsEntry("presence.node.host", "10.213.0.11")
                .containsEntry("presence.discovery.addresses", "10.213.0.10:47500,10.213.0.11:47501,10.213.0.12:47502")
                .containsEntry("presence.discovery.port", 47501);
        assertThat(ServerNodeSettings.fromEnvironment(0, Map.of("PRESENCE_NODE_HOST", " ")).placement().bindHost())
                .as("blank means unset").isEqualTo("127.0.0.1");
    }

    /**
     * docs/capacity.md sizes clusters at 24 grid nodes: here eight hosts of three, with an API node on
     * each host, every grid node given what an operator would give it (its host's address, the ports of
     * its place on the host, the seed list). Every listener must be its own, clear of the API node's
     * defaults on the same host, and every node must keep its own identity and directory.
     */
    @Test
    void aTwentyFourNodePlanOnEightHostsGivesEveryNodeItsOwnAddressesAndIdentity() {
        String seeds = "10.20.0.1:47500..47502,10.20.0.2:47500..47502";
        java.util.Set<String> listeners = new java.util.HashSet<>();
        java.util.Set<String> identities = new java.util.HashSet<>();
        for (int index = 0; index < 24; index++) {
            String host = "10.20.0." + (index / 3 + 1);
            int place = index % 3;
            ServerNodeSettings node = ServerNodeSettings.fromEnvironment(index, Map.of(
                    "PRESENCE_NODE_HOST", host, "PRESENCE_GRID_ADDRESSES", seeds,
                    "PRESENCE_DISCOVERY_PORT", String.valueOf(47500 + place),
                    "PRESENCE_COMMUNICATION_PORT", String.valueOf(47100 + place),
                    "PRESENCE_CLIENT_PORT", String.valueOf(10800 + place),
                    "PRESENCE_REST_PORT", String.valueOf(8091 + place),
                    "PRESENCE_METRICS_PORT", String.valueOf(9091 + place)));
            NodePlacement placement = node.placement();
            assertThat(placement.bindHost()).isEqualTo(host);
            for (int port : new int[] {placement.discoveryPort(), placement.communicationPort(), placement.clientPort(), placement.restPort(),
                    placement.metricsPort()}) {
                assertThat(listeners.add(host + ":" + port)).as("node %d: %s:%d taken twice", index, host, port).isTrue();
                boolean apiNodesPort = (port >= 47120 && port <= 47139) || (port >= 10820 && port <= 10839) || port == 8080;
                assertThat(apiNodesPort).as("node %d: %d is in the API node's ranges on the host", index, port).isFalse();
            }
            assertThat(identities.add(node.consistentId())).isTrue();
            assertThat(node.workDirectory().getFileName()).hasToString("node-" + index);
            assertThat(node.placeholders()).containsEntry("presence.discovery.addresses", seeds);
        }
        assertThat(listeners).hasSize(24 * 5);
        assertThat(identities).hasSize(24);
    }

    @Test
    void anyNodeIndexWorksWhileItsDefaultPortsStayPorts() {
        NodePlacement node23 = ServerNodeSettings.fromEnvironment(23, Map.of()).placement();
        assertThat(node23.discoveryPort()).isEqualTo(47523);
        assertThat(node23.clientPort()).isEqualTo(10823);
        assertThat(node23.advertisedHost()).as("advertised where it binds").isEqualTo("127.0.0.1");
        assertThat(node23.addressResolver()).isEmpty();
    }

    @Test
    void writeQuorumIsNoneUnlessMajorityIsAsked() {
        assertThat(ServerNodeSettings.fromEnvironment(0, Map.of()).placeholders())
                .containsEntry("presence.write.majority", false);
        assertThat(ServerNodeSettings.fromEnvironment(0, Map.of("PRESENCE_WRITE_QUORUM", "Majority")).placeholders())
                .containsEntry("presence.write.majority", true);
        assertThatThrownBy(() -> ServerNodeSettings.fromEnvironment(0, Map.of("PRESENCE_WRITE_QUORUM", "two")))
                .hasMessageContaining("PRESENCE_WRITE_QUORUM");
    }

    @Test
    void connectionRecoveryIsIgnitesDefaultUnlessSet() {
        assertThat(ServerNodeSettings.fromEnvironment(0, Map.of()).placeholders())
                .containsEntry("presence.discovery.recovery.millis", 10_000L);
        assertThat(ServerNodeSettings.fromEnvironment(0, Map.of("PRESENCE_CONNECTION_RECOVERY_MILLIS", "1000")).placeholders())
                .containsEntry("presence.discovery.recovery.millis", 1_000L);
        assertThatThrownBy(() -> ServerNodeSettings.fromEnvironment(0, Map.of("PRESENCE_CONNECTION_RECOVERY_MILLIS", "0")))
                .hasMessageContaining("PRESENCE_CONNECTION_RECOVERY_MILLIS");
    }

    @Test
    void environmentOverridesTtlWalModeAndRegion() {
        ServerNodeSettings node = ServerNodeSettings.fromEnvironment(0, Map.of(
                "PRESENCE_TTL_SECONDS", "15", "PRESENCE_WAL_MODE", "fsync", "PRESENCE_DATA_REGION_MB", "512"));

        assertThat(node.ttlSeconds()).isEqualTo(15);
        assertThat(node.walMode()).isEqualTo("FSYNC");
        assertThat(node.regionMb()).isEqualTo(512);
    }

    @Test
    void walModesThatCanLoseAcknowledgedWritesAreRefused() {
        assertThatThrownBy(() -> ServerNodeSettings.fromEnvironment(0, Map.of("PRESENCE_WAL_MODE", "NONE")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PRESENCE_WAL_MODE");
        assertThatThrownBy(() -> ServerNodeSettings.fromEnvironment(0, Map.of("PRESENCE_WAL_MODE", "BACKGROUND")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PRESENCE_WAL_MODE");
    }

    @Test
    void nonsenseSettingsAreRefusedWithTheVariableName() {
        assertThatThrownBy(() -> ServerNodeSettings.fromEnvironment(-1, Map.of()))
                .hasMessageContaining("node index");
        assertThatThrownBy(() -> ServerNodeSettings.fromEnvironment(0, Map.of("PRESENCE_CLIENT_PORT", "70000")))
                .hasMessageContaining("PRESENCE_CLIENT_PORT");
        assertThatThrownBy(() -> ServerNodeSettings.fromEnvironment(0, Map.of("PRESENCE_REST_PORT", "http")))
                .hasMessageContaining("PRESENCE_REST_PORT");
        assertThatThrownBy(() -> ServerNodeSettings.fromEnvironment(30_000, Map.of()))
                .as("an index that pushes a port past 65535").hasMessageContaining("PRESENCE_DISCOVERY_PORT");
        assertThatThrownBy(() -> ServerNodeSettings.fromEnvironment(0, Map.of("PRESENCE_NODE_CONSISTENT_ID", "../node-1")))
                .hasMessageContaining("PRESENCE_NODE_CONSISTENT_ID");
        assertThatThrownBy(() -> ServerNodeSettings.fromEnvironment(0, Map.of("PRESENCE_TTL_SECONDS", "0")))
                .hasMessageContaining("PRESENCE_TTL_SECONDS");
        assertThatThrownBy(() -> ServerNodeSettings.fromEnvironment(0, Map.of("PRESENCE_DATA_REGION_MB", "8")))
                .hasMessageContaining("PRESENCE_DATA_REGION_MB");
        assertThatThrownBy(() -> ServerNodeSettings.fromEnvironment(0, Map.of("PRESENCE_TTL_SECONDS", "a minute")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PRESENCE_TTL_SECONDS");
    }

    @Test
    void retentionDefaultsToNinetyDaysPurgedDailyAndIsReadFromTheEnvironment() {
        ServerNodeSettings defaults = ServerNodeSettings.fromEnvironment(0, Map.of());
        ServerNodeSettings tuned = ServerNodeSettings.fromEnvironment(0, Map.of(
                "PRESENCE_RETENTION_DAYS", "30", "PRESENCE_PURGE_PERIOD_SECONDS", "3600"));

        assertThat(defaults.retentionDays()).isEqualTo(90);
        assertThat(defaults.purgePeriodSeconds()).isEqualTo(86_400L);
        assertThat(tuned.retentionDays()).isEqualTo(30);
        assertThat(tuned.purgePeriodSeconds()).isEqualTo(3600);
    }

    @Test
    void retentionOutsideOneDayToAHundredYearsIsRefused() {
        assertThatThrownBy(() -> ServerNodeSettings.fromEnvironment(0, Map.of("PRESENCE_RETENTION_DAYS", "0")))
                .hasMessageContaining("PRESENCE_RETENTION_DAYS");
        assertThatThrownBy(() -> ServerNodeSettings.fromEnvironment(0, Map.of("PRESENCE_RETENTION_DAYS", "36501")))
                .hasMessageContaining("PRESENCE_RETENTION_DAYS");
        assertThatThrownBy(() -> ServerNodeSettings.fromEnvironment(0, Map.of("PRESENCE_PURGE_PERIOD_SECONDS", "0")))
                .hasMessageContaining("PRESENCE_PURGE_PERIOD_SECONDS");
    }
}
