package io.presencegrid.api.socket;

import io.presencegrid.schema.PresenceCaches;
import io.presencegrid.tasks.presence.HeldSessions;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code presence.socket.ttl-seconds}: the grid's session TTL, so this node's lease, which keeps its device
 * sockets' sessions alive, is rewritten well inside it.
 * {@code presence.socket.max-per-user}: sockets one user may hold open on one API node ({@link SocketQuota}).
 * {@code presence.socket.disconnect-grace-seconds}: how long a device whose socket closed without saying
 * offline stays, so a reload or a short network drop shows followers nothing; 0 ends it at once.
 */
@ConfigurationProperties("presence.socket")
public record SocketProperties(int ttlSeconds, @DefaultValue("50") int maxPerUser,
                               @DefaultValue("5") int disconnectGraceSeconds) {

    /** Longer than a TTL would keep a closed socket's device longer than a silent one's: a ghost. */
    public SocketProperties {
        if (disconnectGraceSeconds < 0 || (ttlSeconds > 0 && disconnectGraceSeconds > ttlSeconds)) {
            throw new IllegalArgumentException("presence.socket.disconnect-grace-seconds (PRESENCE_DISCONNECT_GRACE_SECONDS)"
                    + " must be 0 to the session TTL (" + ttlSeconds + " s), not " + disconnectGraceSeconds);
        }
    }

    /**
     * How often a device socket's session is rewritten: a third of a held session's long TTL. What keeps it
     * alive within the session TTL is this node's lease ({@link #leaseMillis}, {@link HeldSessions}).
     */
    public long refreshMillis() {
        return Math.max(500, ttlSeconds * 1000L * HeldSessions.TTL_FACTOR / 3);
    }

    /** How often this node rewrites its lease: a third of the lease's TTL, so two failed writes are survived. */
    public long leaseMillis() {
        return Math.max(500, PresenceCaches.apiNodeLeaseTtl(ttlSeconds).toMillis() / 3);
    }

    public Duration disconnectGrace() {
        return Duration.ofSeconds(disconnectGraceSeconds);
    }
}
