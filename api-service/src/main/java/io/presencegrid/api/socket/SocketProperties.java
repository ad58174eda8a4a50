package io.presencegrid.api.socket;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code presence.socket.ttl-seconds}: the grid's session TTL, so device sockets refresh well inside it.
 * {@code presence.socket.max-per-user}: sockets one user may hold open on one API node ({@link SocketQuota}).
 */
@ConfigurationProperties("presence.socket")
public record SocketProperties(int ttlSeconds, @DefaultValue("50") int maxPerUser) {

    public long refreshMillis() {
        return Math.max(500, ttlSeconds * 1000L / 3);
    }
}
