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
        assertThat(node2.ports().restPort(2)).isEqualTo(8093);
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
        assertThat(ServerNodeSettings.fromEnvironment(0, Map.of("PRESENCE_NODE_HOST", " ")).host())
                .as("blank means unset").isEqualTo("127.0.0.1");
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
    void connectionRecoveryIsOneSecondUnlessSet() {
        assertThat(ServerNodeSettings.fromEnvironment(0, Map.of()).placeholders())
                .containsEntry("presence.discovery.recovery.millis", 1_000L);
        assertThat(ServerNodeSettings.fromEnvironment(0, Map.of("PRESENCE_CONNECTION_RECOVERY_MILLIS", "10000")).placeholders())
                .containsEntry("presence.discovery.recovery.millis", 10_000L);
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
        assertThatThrownBy(() -> ServerNodeSettings.fromEnvironment(10, Map.of()))
                .hasMessageContaining("node index");
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

        assertThat(defaults.placeholders())
                .containsEntry("presence.retention.days", 90)
                .containsEntry("presence.purge.period.seconds", 86_400L);
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
