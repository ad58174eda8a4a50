package io.presencegrid.tasks.presence;

import io.presencegrid.schema.CacheNames;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.cache.expiry.ExpiryPolicy;
import org.apache.ignite.Ignite;
import org.apache.ignite.configuration.CacheConfiguration;

/**
 * The device-session TTL the grid runs with, read from DEVICE_SESSION's own expiry policy: the one value
 * PRESENCE_TTL_SECONDS set when the cache was created, rather than a second copy of it. Read once per
 * node, since a cache's configuration is fixed once the cache exists.
 */
final class SessionTtl {

    private static final Map<java.util.UUID, Duration> BY_NODE = new ConcurrentHashMap<>();

    private SessionTtl() {
    }

    static Duration of(Ignite ignite) {
        return BY_NODE.computeIfAbsent(ignite.cluster().localNode().id(), node -> read(ignite));
    }

    @SuppressWarnings("unchecked")
    private static Duration read(Ignite ignite) {
        CacheConfiguration<?, ?> sessions = ignite.cache(CacheNames.DEVICE_SESSION).getConfiguration(CacheConfiguration.class);
        javax.cache.expiry.Duration ttl = ((ExpiryPolicy) sessions.getExpiryPolicyFactory().create()).getExpiryForUpdate();
        return Duration.ofMillis(ttl.getTimeUnit().toMillis(ttl.getDurationAmount()));
    }
}
