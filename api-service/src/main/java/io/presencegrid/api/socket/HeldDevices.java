package io.presencegrid.api.socket;

import io.presencegrid.api.auth.Caller;
import io.presencegrid.api.presence.PresenceService;
import io.presencegrid.api.threads.DaemonThreads;
import io.presencegrid.schema.PresenceStatus;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The devices this API node's sockets hold, and how many sockets hold each: a device may have several
 * (tabs of one browser, a reload whose new socket opens before the old one's close arrives). The grid
 * records a session's holder per API node, so the node releases a device only when its last socket of
 * that device closes. Opening and closing one device take turns, so a close that releases the session
 * cannot overtake an open that just took it over.
 *
 * <p>A close is handled on threads of its own, not the container's: when thousands of sockets drop at
 * once (a network blip, a balancer's restart), each release is a grid call under its device's turn, and
 * on the container's threads those calls held up the handshakes of the very clients reconnecting (JFR,
 * 10,000 sockets closing: 5,087 waits for a turn, 431 ms on average, up to 3.6 s). Either order of a
 * queued close and a new open of the same device ends right: a close that comes first releases and the
 * open takes the session over; an open that comes first counts a second socket, and the close then only
 * counts it down.
 */
@Component
class HeldDevices {

    private static final Logger LOG = LoggerFactory.getLogger(HeldDevices.class);
    private static final int STRIPES = 256;
    private static final int RELEASE_THREADS = 8;

    private final PresenceService presence;
    private final Duration disconnectGrace;
    private final Map<DeviceOfUser, AtomicInteger> sockets = new ConcurrentHashMap<>();
    private final Object[] turns = new Object[STRIPES];
    private final ExecutorService releases = Executors.newFixedThreadPool(RELEASE_THREADS, DaemonThreads.named("device-release"));

    HeldDevices(PresenceService presence, SocketProperties properties) {
        this.presence = presence;
        this.disconnectGrace = properties.disconnectGrace();
        for (int i = 0; i < STRIPES; i++) {
            turns[i] = new Object();
        }
    }

    /**
     * A device socket opened: it continues the device's session as it stands, or starts one online.
     *
     * @return the device's status now; offline where the device holds offline
     */
    PresenceStatus opened(SocketConnection socket) {
        DeviceOfUser device = DeviceOfUser.of(socket);
        synchronized (turn(device)) {
            sockets.computeIfAbsent(device, key -> new AtomicInteger()).incrementAndGet();
            return presence.openSocketDevice(socket.caller(), socket.device());
        }
    }

    /** A device socket closed: the last one of its device on this node releases the session for the grace. */
    void closed(SocketConnection socket) {
        DeviceOfUser device = DeviceOfUser.of(socket);
        Caller caller = socket.caller();
        try {
            releases.execute(() -> release(device, caller));
        } catch (RejectedExecutionException stopping) {
            release(device, caller);
        }
    }

    private void release(DeviceOfUser device, Caller caller) {
        synchronized (turn(device)) {
            AtomicInteger open = sockets.get(device);
            if (open != null && open.decrementAndGet() > 0) {
                return;
            }
            sockets.remove(device);
            try {
                presence.closeSocketDevice(caller, device.device(), disconnectGrace);
            } catch (RuntimeException e) {
                // The session then ends by expiry, or when the grid sees this node go.
                LOG.warn("Could not release the device session of a closed socket: {}", e.getMessage());
            }
        }
    }

    /** The releases already queued still reach the grid, which is stopped after this node's sockets. */
    @PreDestroy
    void stop() throws InterruptedException {
        releases.shutdown();
        if (!releases.awaitTermination(10, TimeUnit.SECONDS)) {
            LOG.warn("Device releases still queued at shutdown; those sessions end by expiry");
            releases.shutdownNow();
        }
    }

    private Object turn(DeviceOfUser device) {
        return turns[Math.floorMod(device.hashCode(), STRIPES)];
    }

    private record DeviceOfUser(String userId, String device) {
        static DeviceOfUser of(SocketConnection socket) {
            return new DeviceOfUser(socket.caller().userId(), socket.device());
        }
    }
}
