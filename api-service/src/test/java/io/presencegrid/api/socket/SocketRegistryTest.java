package io.presencegrid.api.socket;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.presencegrid.api.auth.Caller;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.socket.CloseStatus;

/** A stopping node closes its sockets for good: those open, and any that opens after. */
class SocketRegistryTest {

    private final SocketMeters meters = new SocketMeters(new SimpleMeterRegistry());
    private final SocketRegistry registry = new SocketRegistry(meters);
    private final List<String> closes = new CopyOnWriteArrayList<>();
    private final ExecutorService senders = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopSenders() {
        senders.shutdownNow();
    }

    @Test
    void closingForGoodClosesTheOpenSocketsAndEveryOneOpenedAfter() throws InterruptedException {
        assertThat(registry.opened("before", socket("before"))).isTrue();

        registry.closeForGood(SocketProtocol.GOING_AWAY);
        assertThat(registry.opened("after", socket("after"))).as("nothing to start for it").isFalse();

        senders.shutdown();
        assertThat(senders.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        assertThat(closes).containsExactlyInAnyOrder("before 1001", "after 1001");
        assertThat(registry.sessionIds()).containsExactlyInAnyOrder("before", "after");
    }

    @Test
    void aSocketOpenedBeforeAnyCloseForGoodStaysOpen() throws InterruptedException {
        registry.closeAll(SocketProtocol.GRID_LOST);
        assertThat(registry.opened("later", socket("later"))).isTrue();

        senders.shutdown();
        assertThat(senders.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        assertThat(closes).as("a node that lost the grid takes new sockets once it is back").isEmpty();
        assertThat(registry.count()).isEqualTo(1);
    }

    private SocketConnection socket(String name) {
        return new SocketConnection(OpenSessions.answering((method, args) -> switch (method) {
            case "close" -> {
                closes.add(name + " " + ((CloseStatus) args[0]).getCode());
                yield null;
            }
            default -> throw new UnsupportedOperationException(method);
        }), senders, meters, new Caller(name, false), null);
    }
}
