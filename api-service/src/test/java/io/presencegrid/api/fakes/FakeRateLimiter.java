package io.presencegrid.api.fakes;

import io.presencegrid.api.ratelimit.RateLimiter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A budget of requests per user that never refills: unlimited unless a test sets one, so only tests of
 * the limit meet it. The refill arithmetic is LocalRateLimiter's, tested on its own.
 */
public final class FakeRateLimiter implements RateLimiter {

    private final Map<String, AtomicLong> spent = new ConcurrentHashMap<>();
    private volatile long budget = Long.MAX_VALUE;
    private volatile long retryAfterSeconds = 1;

    /** From now on each user may make {@code requests} more requests, then waits {@code retryAfterSeconds}. */
    public void allow(long requests, long retryAfterSeconds) {
        spent.clear();
        this.budget = requests;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    public Decision tryAcquire(String userId) {
        long used = spent.computeIfAbsent(userId, user -> new AtomicLong()).incrementAndGet();
        return used <= budget ? new Decision(true, 0) : new Decision(false, retryAfterSeconds);
    }

    void clear() {
        spent.clear();
        budget = Long.MAX_VALUE;
        retryAfterSeconds = 1;
    }
}
