package io.presencegrid.api.ratelimit;

/** Per-user request budget, shared by every API node. */
public interface RateLimiter {

    /** Takes one request from {@code userId}'s budget. */
    Decision tryAcquire(String userId);

    /** @param retryAfterSeconds whole seconds until a request would pass; 0 when allowed */
    record Decision(boolean allowed, long retryAfterSeconds) {
    }
}
