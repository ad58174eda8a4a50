package io.presencegrid.tasks.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PresenceStatsTest {

    @Test
    void everyStatusIsPresentEvenWhenNobodyHasIt() {
        PresenceStats stats = new PresenceStats(2, 0, Map.of("offline", 2L), Map.of(), 0, 50);

        assertThat(stats.getByStatus()).containsExactly(Map.entry("online", 0L), Map.entry("away", 0L),
                Map.entry("busy", 0L), Map.entry("invisible", 0L), Map.entry("offline", 2L));
    }

    @Test
    void nodesAddUpAndTheLargestDevicesAreNamedFirst() {
        PresenceStats node0 = new PresenceStats(3, 4, Map.of("online", 2L, "away", 1L), Map.of("web", 1L, "phone", 3L), 0, 200);
        PresenceStats node1 = new PresenceStats(2, 2, Map.of("busy", 1L, "offline", 1L), Map.of("web", 2L), 0, 200);

        PresenceStats grid = PresenceStats.sum(List.of(node0, node1), 50);

        assertThat(grid.getUsers()).isEqualTo(5);
        assertThat(grid.getSessions()).isEqualTo(6);
        assertThat(grid.getByStatus()).containsEntry("online", 2L).containsEntry("away", 1L)
                .containsEntry("busy", 1L).containsEntry("offline", 1L).containsEntry("invisible", 0L);
        // phone 3 and web 3: equal counts are ordered by name, whatever order the nodes answered in.
        assertThat(grid.getByDevice()).containsExactly(Map.entry("phone", 3L), Map.entry("web", 3L));
        assertThat(grid.getOtherDevices()).isZero();
    }

    @Test
    void devicesBeyondTheLimitAreSummedAsOtherDevices() {
        Map<String, Long> devices = new LinkedHashMap<>();
        long sessions = 0;
        for (int i = 1; i <= 60; i++) {
            devices.put("device-" + i, (long) i);
            sessions += i;
        }

        PresenceStats stats = new PresenceStats(60, sessions, Map.of(), devices, 7, 50);

        assertThat(stats.getByDevice()).hasSize(50);
        assertThat(stats.getByDevice().keySet()).first().isEqualTo("device-60");
        assertThat(stats.getByDevice()).doesNotContainKey("device-10").containsKey("device-11");
        // the 10 smallest (1..10 = 55 sessions) plus what the node could not track (7)
        assertThat(stats.getOtherDevices()).isEqualTo(55 + 7);
        long named = stats.getByDevice().values().stream().mapToLong(Long::longValue).sum();
        assertThat(named + stats.getOtherDevices()).isEqualTo(sessions + 7);
    }
}
