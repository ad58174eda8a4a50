package io.presencegrid.api.socket;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * A stopping API node closes its sockets itself, with 1001 (going away), while the grid client is still up:
 * each device socket then hands its session to the disconnect grace, and a client that opens its device again
 * on another API node within the grace continues the session with nobody seeing a change, as in a rolling
 * restart. Left to the web server, the sockets were dropped without a close frame (1006 at the client) only
 * after the grid client had stopped, so their releases failed and the servers cut every session of the
 * departed node at once.
 *
 * <p>Stops before the web server's graceful shutdown (phase {@code DEFAULT_PHASE - 1024}), which would stop
 * the connector the close frames go out through.
 */
@Component
class SocketsGoingAway implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(SocketsGoingAway.class);
    /**
     * How long the closes get to go out. Tomcat reports a socket closed (and the handler releases its device)
     * once its close frame is sent, not when the client answers; a socket still open after this had its
     * frame stuck behind a client that does not read.
     */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final SocketRegistry sockets;
    private final PresenceSocketHandler handler;
    private volatile boolean running;

    SocketsGoingAway(SocketRegistry sockets, PresenceSocketHandler handler) {
        this.sockets = sockets;
        this.handler = handler;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        sockets.closeForGood(SocketProtocol.GOING_AWAY.withReason("this API node is stopping; reconnect"));
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        while (sockets.count() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        int unanswered = sockets.count();
        if (unanswered > 0) {
            // Released here, while the grid can still hear it.
            LOG.info("{} sockets still had their close to send after {} s; releasing their devices now", unanswered,
                    CLOSE_WAIT.toSeconds());
            sockets.sessionIds().forEach(handler::forget);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return DEFAULT_PHASE - 512;
    }
}
