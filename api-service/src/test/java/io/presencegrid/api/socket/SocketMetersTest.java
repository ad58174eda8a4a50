package io.presencegrid.api.socket;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SocketMetersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final SocketMeters meters = new SocketMeters(registry);

    @Test
    void anEventCountsAndItsLagRunsFromTheGridsTimestamp() {
        meters.eventSent(Instant.now().minusMillis(250));

        assertThat(registry.get("presence.socket.events").counter().count()).isEqualTo(1);
        assertThat(registry.get("presence.notification.lag").timer().totalTime(TimeUnit.MILLISECONDS)).isBetween(250.0, 5_000.0);
    }

    @Test
    void aDeletionOrAGridClockAheadCountsAsAnEventButLeavesTheLagAlone() {
        meters.eventSent(null);
        meters.eventSent(Instant.now().plusSeconds(5));

        assertThat(registry.get("presence.socket.events").counter().count()).isEqualTo(2);
        assertThat(registry.get("presence.notification.lag").timer().count()).isZero();
    }

    @Test
    void openSocketsFollowTheConnectionMap() {
        Map<String, String> connections = new java.util.concurrent.ConcurrentHashMap<>();
        meters.gaugeOpenSockets(connections);
        connections.put("a", "socket");

        assertThat(registry.get("presence.sockets.open").gauge().value()).isEqualTo(1);
    }
}
