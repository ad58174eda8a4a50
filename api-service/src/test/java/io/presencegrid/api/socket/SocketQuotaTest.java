package io.presencegrid.api.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SocketQuotaTest {

    private final SocketQuota quota = new SocketQuota(new SocketProperties(60, 2, 5));

    @Test
    void aUserGetsAsManySocketsAsTheCapAndOneMoreWhenOneCloses() {
        assertThat(quota.tryOpen("a")).isTrue();
        assertThat(quota.full("a")).isFalse();
        assertThat(quota.tryOpen("a")).isTrue();
        assertThat(quota.full("a")).isTrue();
        assertThat(quota.tryOpen("a")).isFalse();
        assertThat(quota.tryOpen("b")).as("another user's sockets are their own").isTrue();

        quota.closed("a");

        assertThat(quota.full("a")).isFalse();
        assertThat(quota.tryOpen("a")).isTrue();
        assertThat(quota.tryOpen("a")).isFalse();
    }

    @Test
    void aRefusedSocketIsNotCountedSoItsCloseFreesNothing() {
        quota.tryOpen("a");
        quota.tryOpen("a");
        quota.tryOpen("a");

        quota.closed("a");
        quota.closed("a");

        assertThat(quota.tryOpen("a")).isTrue();
        assertThat(quota.tryOpen("a")).isTrue();
        assertThat(quota.tryOpen("a")).isFalse();
    }

    @Test
    void handshakesRacingForTheLastPlacesGetNoMoreThanTheCap() {
        SocketQuota wide = new SocketQuota(new SocketProperties(60, 100, 5));
        AtomicInteger counted = new AtomicInteger();

        CompletableFuture.allOf(IntStream.range(0, 8).mapToObj(thread -> CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 1_000; i++) {
                if (wide.tryOpen("racer")) {
                    counted.incrementAndGet();
                }
            }
        })).toArray(CompletableFuture[]::new)).join();

        assertThat(counted).hasValue(100);
    }

    @Test
    void aCapBelowOneIsAConfigurationError() {
        assertThatThrownBy(() -> new SocketQuota(new SocketProperties(60, 0, 5))).hasMessageContaining("presence.socket.max-per-user");
    }
}
