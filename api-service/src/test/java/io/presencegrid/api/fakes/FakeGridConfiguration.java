package io.presencegrid.api.fakes;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.presencegrid.api.admin.AdminStore;
import io.presencegrid.api.auth.AuthProperties;
import io.presencegrid.api.channel.ChannelStore;
import io.presencegrid.api.presence.PresenceStore;
import io.presencegrid.api.privacy.PrivacyStore;
import io.presencegrid.api.ratelimit.RateLimiter;
import io.presencegrid.api.subscription.SubscriptionAnnouncer;
import io.presencegrid.api.subscription.SubscriptionStore;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * What the sliced API gets in place of the grid package: the fake grid's stores, a rate limiter a test
 * can tighten, and an HS256 secret that {@link Bearer} signs with.
 */
@TestConfiguration(proxyBeanMethods = false)
class FakeGridConfiguration {

    @Bean
    FakeGrid fakeGrid() {
        return new FakeGrid();
    }

    @Bean
    PresenceStore presenceStore(FakeGrid grid) {
        return grid.presence();
    }

    @Bean
    PrivacyStore privacyStore(FakeGrid grid) {
        return grid.privacy();
    }

    @Bean
    SubscriptionStore subscriptionStore(FakeGrid grid) {
        return grid.subscriptions();
    }

    @Bean
    SubscriptionAnnouncer subscriptionAnnouncer(FakeGrid grid) {
        return grid.announcer();
    }

    @Bean
    ChannelStore channelStore(FakeGrid grid) {
        return grid.channels();
    }

    @Bean
    AdminStore adminStore(FakeGrid grid) {
        return grid.admin();
    }

    @Bean
    RateLimiter rateLimiter(FakeGrid grid) {
        return grid.rateLimiter();
    }

    @Bean
    MeterRegistry meterRegistry() {
        return new SimpleMeterRegistry();
    }

    @Bean
    AuthProperties authProperties() {
        return AuthProperties.ofSecret(Bearer.SECRET);
    }
}
