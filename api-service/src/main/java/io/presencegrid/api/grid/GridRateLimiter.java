package io.presencegrid.api.grid;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.grid.ignite.thick.Bucket4jIgniteThick;
import io.presencegrid.api.ratelimit.RateLimitProperties;
import io.presencegrid.api.ratelimit.RateLimiter;
import io.presencegrid.schema.CacheNames;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Per-user token buckets in the grid's RATE_LIMIT cache, so the limit holds across every API node.
 * Each check is Bucket4j's entry processor, run on the bucket's primary node: one round trip, no lock.
 * If the grid cannot answer, the request is let through: presence staying up matters more than the
 * limit holding for a moment.
 */
@Component
class GridRateLimiter implements RateLimiter {

    private static final Logger LOG = LoggerFactory.getLogger(GridRateLimiter.class);

    private final ProxyManager<String> buckets;
    private final BucketConfiguration perUser;

    GridRateLimiter(Ignite ignite, RateLimitProperties properties) {
        this.buckets = Bucket4jIgniteThick.INSTANCE
                .entryProcessorBasedBuilder(ignite.<String, byte[]>cache(CacheNames.RATE_LIMIT))
                .build();
        // Capacity twice the rate (the burst), refilled smoothly at the rate.
        this.perUser = BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(properties.burst())
                        .refillGreedy(properties.perSecond(), Duration.ofSeconds(1)))
                .build();
    }

    @Override
    public Decision tryAcquire(String userId) {
        try {
            ConsumptionProbe probe = buckets.builder().build(userId, () -> perUser).tryConsumeAndReturnRemaining(1);
            if (probe.isConsumed()) {
                return new Decision(true, 0);
            }
            long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
            return new Decision(false, seconds);
        } catch (IgniteException | javax.cache.CacheException e) {
            LOG.warn("Rate limit not checked, grid unavailable: {}", e.getMessage());
            return new Decision(true, 0);
        }
    }
}
