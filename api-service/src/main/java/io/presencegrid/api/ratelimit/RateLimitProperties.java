package io.presencegrid.api.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code presence.rate-limit.per-second} (PRESENCE_RATE_LIMIT_PER_SECOND, default 20): requests a
 * user may make per second, across all API nodes, with bursts up to twice that.
 */
@ConfigurationProperties("presence.rate-limit")
public record RateLimitProperties(int perSecond) {

    public RateLimitProperties {
        if (perSecond < 1) {
            throw new IllegalStateException("PRESENCE_RATE_LIMIT_PER_SECOND must be at least 1, was " + perSecond);
        }
    }

    public int burst() {
        return perSecond * 2;
    }
}
