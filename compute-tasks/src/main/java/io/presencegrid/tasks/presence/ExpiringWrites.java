package io.presencegrid.tasks.presence;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.cache.expiry.ModifiedExpiryPolicy;
import org.apache.ignite.IgniteCache;

/**
 * A cache whose writes made through it expire {@code ttl} after the write, in place of the cache's own TTL:
 * what a disconnect grace and a held session's long life need, on their writes only.
 */
final class ExpiringWrites {

    private ExpiringWrites() {
    }

    static <K, V> IgniteCache<K, V> after(IgniteCache<K, V> cache, Duration ttl) {
        return cache.withExpiryPolicy(new ModifiedExpiryPolicy(new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS, ttl.toMillis())));
    }
}
