package io.presencegrid.api.socket;

import io.presencegrid.api.presence.PresenceService;
import io.presencegrid.schema.PresenceStatus;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The devices this API node's sockets hold, and how many sockets hold each: a device may have several
 * (tabs of one browser, a reload whose new socket opens before the old one's close arrives). The grid
 * records a session's holder per API node, so the node releases a device only when its last socket of
 * that device closes. Opening and closing one device take turns, so a close that releases the session
 * cannot overtake an open that just took it over.
 */
class HeldDevices {

    private static final Logger LOG = LoggerFactory.getLogger(HeldDevices.class);
    private static final int STRIPES = 256;

    private final PresenceService presence;
    private final Duration disconnectGrace;
    private final Map<DeviceOfUser, AtomicInteger> sockets = new ConcurrentHashMap<>();
    private final Object[] turns = new Object[STRIPES];

    HeldDevices(PresenceService presence, Duration disconnectGrace) {
        this.presence = presence;
        this.disconnectGrace = disconnectGrace;
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
        synchronized (turn(device)) {
            AtomicInteger open = sockets.get(device);
            if (open != null && open.decrementAndGet() > 0) {
                return;
            }
            sockets.remove(device);
            try {
                presence.closeSocketDevice(socket.caller(), socket.device(), disconnectGrace);
            } catch (RuntimeException e) {
                // The session then ends by expiry, or when the grid sees this node go.
                LOG.warn("Could not release the device session of a closed socket: {}", e.getMessage());
            }
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
