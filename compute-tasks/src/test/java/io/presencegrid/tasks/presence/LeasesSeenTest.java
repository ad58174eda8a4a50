package io.presencegrid.tasks.presence;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencegrid.schema.DeviceSession;
import io.presencegrid.schema.PresenceStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeasesSeenTest {

    private static final Instant SESSION_WRITTEN = Instant.parse("2026-12-05T10:00:00Z");
    private static final Instant LEASE_WRITTEN = SESSION_WRITTEN.plusSeconds(30);

    private final List<Long> lookedUp = new ArrayList<>();
    private final LeasesSeen leases = new LeasesSeen(owner -> {
        lookedUp.add(owner);
        return Map.of(7L, LEASE_WRITTEN).get(owner);
    });

    @Test
    void eachApiNodesLeaseIsLookedUpOncePerPassWhetherOrNotItHasOne() {
        for (int session = 0; session < 3; session++) {
            assertThat(leases.activityOf(new DeviceSession(PresenceStatus.ONLINE, SESSION_WRITTEN, 7))).isEqualTo(LEASE_WRITTEN);
            assertThat(leases.leaseOf(9)).isNull();
        }

        assertThat(lookedUp).containsExactly(7L, 9L);
    }

    @Test
    void aSessionNoSocketHoldsIsAsActiveAsItsOwnLastWrite() {
        assertThat(leases.activityOf(new DeviceSession(PresenceStatus.ONLINE, SESSION_WRITTEN))).isEqualTo(SESSION_WRITTEN);
        assertThat(leases.activityOf(new DeviceSession(PresenceStatus.ONLINE, SESSION_WRITTEN, DeviceSession.releasedBy(7)))).isEqualTo(SESSION_WRITTEN);

        assertThat(lookedUp).isEmpty();
    }

    @Test
    void aHeldSessionWrittenAfterItsNodesLeaseKeepsItsOwnTime() {
        Instant later = LEASE_WRITTEN.plusSeconds(5);

        assertThat(leases.activityOf(new DeviceSession(PresenceStatus.BUSY, later, 7))).isEqualTo(later);
        assertThat(leases.activityOf(new DeviceSession(PresenceStatus.BUSY, SESSION_WRITTEN, 9))).isEqualTo(SESSION_WRITTEN);
    }
}
