package io.presencegrid.api.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.presencegrid.api.auth.Caller;
import io.presencegrid.api.presence.PresenceServices;
import io.presencegrid.api.presence.PresenceStore;
import io.presencegrid.tasks.presence.PresenceSnapshot;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which socket's close releases a device, and that the release does not hold the closing thread. */
class HeldDevicesTest {

    private final List<String> released = new CopyOnWriteArrayList<>();
    private final CountDownLatch releasing = new CountDownLatch(1);
    private final CountDownLatch gridAnswers = new CountDownLatch(1);
    private final HeldDevices devices = new HeldDevices(PresenceServices.over(store()), new SocketProperties(60, 50, 5));

    @AfterEach
    void stop() throws InterruptedException {
        gridAnswers.countDown();
        devices.stop();
    }

    @Test
    void aCloseReturnsWhileItsReleaseWaitsForTheGrid() throws InterruptedException {
        SocketConnection phone = socket("ann", "phone");
        devices.opened(phone);

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> devices.closed(phone));
        assertThat(releasing.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(released).isEmpty();
        gridAnswers.countDown();
        devices.stop();
        assertThat(released).containsExactly("ann/phone");
    }

    @Test
    void onlyTheLastSocketOfADeviceReleasesIt() throws InterruptedException {
        gridAnswers.countDown();
        SocketConnection firstTab = socket("bob", "web");
        SocketConnection secondTab = socket("bob", "web");
        devices.opened(firstTab);
        devices.opened(secondTab);

        devices.closed(firstTab);
        devices.closed(secondTab);
        devices.stop();

        assertThat(released).containsExactly("bob/web");
    }

    @Test
    void aDeviceWithASocketStillOpenIsNotReleased() throws InterruptedException {
        gridAnswers.countDown();
        SocketConnection oldTab = socket("cy", "web");
        devices.opened(oldTab);
        devices.opened(socket("cy", "web"));

        devices.closed(oldTab);
        devices.stop();

        assertThat(released).isEmpty();
    }

    private static SocketConnection socket(String userId, String device) {
        return new SocketConnection(OpenSessions.answering((method, args) -> {
            throw new UnsupportedOperationException(method);
        }), Runnable::run, new SocketMeters(new SimpleMeterRegistry()), new Caller(userId, false), device);
    }

    /** Opens answer at once; a release is recorded once the grid answers. */
    private PresenceStore store() {
        return (PresenceStore) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {PresenceStore.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "openHeldSession" -> new PresenceSnapshot("someone", null, Map.of());
                    case "releaseHeldSession" -> {
                        releasing.countDown();
                        gridAnswers.await();
                        released.add(args[0] + "/" + args[1]);
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
