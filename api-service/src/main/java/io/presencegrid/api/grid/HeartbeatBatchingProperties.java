package io.presencegrid.api.grid;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code presence.heartbeats.linger-millis} (PRESENCE_HEARTBEAT_LINGER_MILLIS, default 3): how long the
 * drain thread waits for more REST heartbeats to gather before it sends the batch that queued behind
 * a call on its way. 0 sends each such batch as soon as the call before it has been answered. A quiet
 * node never waits: a heartbeat that finds no call on its way goes out at once.
 */
@ConfigurationProperties("presence.heartbeats")
public record HeartbeatBatchingProperties(long lingerMillis) {

    /** Beyond this a heartbeat's own wait would show in its latency more than it saves in CPU. */
    static final long MAX_LINGER_MILLIS = 100;

    public HeartbeatBatchingProperties {
        if (lingerMillis < 0 || lingerMillis > MAX_LINGER_MILLIS) {
            throw new IllegalStateException("PRESENCE_HEARTBEAT_LINGER_MILLIS must be 0 to " + MAX_LINGER_MILLIS + ", was "
                    + lingerMillis);
        }
    }
}
