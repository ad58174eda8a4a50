package io.presencegrid.api.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.presencegrid.api.threads.DaemonThreads;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * The per-user limit, charged on this API node alone: no grid round trip on any request. Each of the
 * cluster's N API nodes gives a user 1/N of the budget (the rate refilled over N seconds, a burst of a
 * N-th of twice the rate), so a user whose requests a load balancer spreads over the nodes gets the whole
 * budget and no more. The price: a user pinned to one node of several gets a share only, and the shares
 * are recut (buckets start full) when API nodes join or leave. The grid-wide bucket this replaces cost a
 * round trip to the bucket's primary on every request, a third of a request's waiting.
 *
 * <p>A bucket that has filled up again is forgotten, so memory follows the users active in the last
 * few seconds, not every user ever seen.
 */
@Component
class LocalRateLimiter implements RateLimiter {

    private static final long CLEAN_EVERY_SECONDS = 10;

    private final RateLimitProperties properties;
    private final ApiNodeCount apiNodes;
    private final Map<String, UserBucket> buckets = new ConcurrentHashMap<>();
    private final ScheduledExecutorService cleaner = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("rate-limit-cleaner"));

    LocalRateLimiter(RateLimitProperties properties, ApiNodeCount apiNodes) {
        this.properties = properties;
        this.apiNodes = apiNodes;
        cleaner.scheduleWithFixedDelay(this::forgetFullBuckets, CLEAN_EVERY_SECONDS, CLEAN_EVERY_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public Decision tryAcquire(String userId) {
        int nodes = Math.max(1, apiNodes.current());
        UserBucket bucket = buckets.compute(userId, (user, existing) ->
                existing != null && existing.nodes() == nodes ? existing : UserBucket.sharedBy(nodes, properties));
        ConsumptionProbe probe = bucket.bucket().tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return new Decision(true, 0);
        }
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
        return new Decision(false, seconds);
    }

    /** Users tracked right now: those whose bucket is not full. */
    int trackedUsers() {
        return buckets.size();
    }

    void forgetFullBuckets() {
        buckets.values().removeIf(UserBucket::isFull);
    }

    @PreDestroy
    void stop() {
        cleaner.shutdownNow();
    }

    /** One user's bucket on this node, cut for {@code nodes} API nodes. */
    private record UserBucket(int nodes, long capacity, Bucket bucket) {

        static UserBucket sharedBy(int nodes, RateLimitProperties properties) {
            long capacity = Math.max(1, (properties.burst() + nodes - 1) / nodes);
            Bucket bucket = Bucket.builder()
                    .addLimit(limit -> limit.capacity(capacity)
                            .refillGreedy(properties.perSecond(), Duration.ofSeconds(nodes)))
                    .build();
            return new UserBucket(nodes, capacity, bucket);
        }

        boolean isFull() {
            return bucket.getAvailableTokens() >= capacity;
        }
    }
}
