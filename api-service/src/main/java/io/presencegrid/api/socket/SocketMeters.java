package io.presencegrid.api.socket;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * The WebSocket tier's meters on this API node (docs/operations.md, "Metrics"): events written to
 * sockets, the lag from the grid's write to that write, open sockets and the users they follow.
 */
@Component
class SocketMeters {

    private final MeterRegistry meters;
    private final Counter events;
    private final Timer lag;

    SocketMeters(MeterRegistry meters) {
        this.meters = meters;
        this.events = Counter.builder("presence.socket.events")
                .description("Presence event frames written to sockets (one per socket per change)")
                .register(meters);
        this.lag = Timer.builder("presence.notification.lag")
                .description("From the change's updatedAt, stamped by the grid node that wrote it, to the socket write")
                .publishPercentileHistogram()
                // Fan-out is measured in tens of milliseconds; past 30 s the socket is long closed as too slow.
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(30))
                .register(meters);
    }

    /**
     * One presence frame went out on a socket.
     *
     * @param gridAt when the grid wrote the change, or {@code null} when the grid stamped no time (a
     *               deletion): such a frame counts as an event but has no lag to measure
     */
    void eventSent(Instant gridAt) {
        events.increment();
        if (gridAt != null) {
            // A negative span (the grid node's clock ahead of this one) is dropped by the timer.
            lag.record(Duration.between(gridAt, Instant.now()));
        }
    }

    void gaugeOpenSockets(Map<?, ?> connections) {
        Gauge.builder("presence.sockets.open", connections, Map::size)
                .description("WebSockets open on this API node").register(meters);
    }

    void gaugeFollowedUsers(Supplier<Number> followedUsers) {
        Gauge.builder("presence.sockets.followed.users", followedUsers)
                .description("Distinct users followed by this API node's sockets (the interest records it holds)")
                .register(meters);
    }
}
