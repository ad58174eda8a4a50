package io.presencegrid.api.socket;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code presence.socket.ttl-seconds}: the grid's session TTL, so device sockets refresh well inside it. */
@ConfigurationProperties("presence.socket")
public record SocketProperties(int ttlSeconds) {

    public long refreshMillis() {
        return Math.max(500, ttlSeconds * 1000L / 3);
    }
}
