package io.presencegrid.api.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LocalRateLimiterTest {

    private final AtomicInteger apiNodes = new AtomicInteger(1);
    private final LocalRateLimiter limiter = new LocalRateLimiter(new RateLimitProperties(10), apiNodes::get);

    @AfterEach
    void stop() {
        limiter.stop();
    }

    @Test
    void oneApiNodeGivesTheWholeBurstOfTwiceTheRate() {
        assertThat(allowedInARow("ann")).isEqualTo(20);
        RateLimiter.Decision refused = limiter.tryAcquire("ann");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);
        assertThat(limiter.tryAcquire("bo").allowed()).as("another user's budget").isTrue();
    }

    @Test
    void eachOfFourApiNodesGivesAQuarterAndWaitsLongerForARefill() {
        apiNodes.set(4);

        assertThat(allowedInARow("cy")).isEqualTo(5);
        assertThat(limiter.tryAcquire("cy").retryAfterSeconds()).as("a token every 0.4 s, rounded up").isEqualTo(1);
    }

    @Test
    void sharesAreRecutWhenApiNodesJoin() {
        allowedInARow("di");
        apiNodes.set(2);

        assertThat(allowedInARow("di")).as("a fresh bucket, cut for two nodes").isEqualTo(10);
    }

    @Test
    void aBucketThatFilledUpAgainIsForgotten() {
        limiter.tryAcquire("ed");
        limiter.tryAcquire("fi");
        assertThat(limiter.trackedUsers()).isEqualTo(2);

        allowedInARow("fi");

        // ed's one token is back within 0.1 s; fi needs 2 s to fill up again.
        await().atMost(Duration.ofSeconds(1)).until(() -> {
            limiter.forgetFullBuckets();
            return limiter.trackedUsers() == 1;
        });
    }

    private int allowedInARow(String userId) {
        int allowed = 0;
        while (limiter.tryAcquire(userId).allowed()) {
            allowed++;
        }
        return allowed;
    }
}
