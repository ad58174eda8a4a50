package io.presencegrid.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.presencegrid.api.support.Tokens;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

class CachingJwtDecoderTest {

    private static final Duration SKEW = Duration.ofSeconds(5);

    private final AtomicInteger verified = new AtomicInteger();
    private final MovableClock clock = new MovableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private final JwtDecoder verifier = SecurityConfiguration.hs256Verifier(Tokens.SECRET.getBytes(StandardCharsets.UTF_8), clock);
    private final JwtDecoder decoder = new CachingJwtDecoder(token -> {
        verified.incrementAndGet();
        return verifier.decode(token);
    }, SKEW, clock);

    @Test
    void aTokenSentAgainIsVerifiedOnce() {
        String token = Tokens.user("alice");

        assertThat(decoder.decode(token).getSubject()).isEqualTo("alice");
        assertThat(decoder.decode(token).getSubject()).isEqualTo("alice");

        assertThat(verified).hasValue(1);
    }

    @Test
    void aTokenAlteredAfterItsGenuineSelfWasKeptIsStillRejected() {
        String token = Tokens.user("alice");
        decoder.decode(token);
        String[] parts = token.split("\\.");
        String otherSignature = Tokens.signedWith("another-secret-0123456789abcdef-0123456", "alice").split("\\.")[2];

        assertThatThrownBy(() -> decoder.decode(parts[0] + "." + parts[1] + "." + otherSignature)).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> decoder.decode(Tokens.signedWith("another-secret-0123456789abcdef-0123456", "alice")))
                .isInstanceOf(JwtException.class);
    }

    @Test
    void aKeptTokenIsRejectedOnceItExpires() {
        String token = Tokens.expiringAt("alice", clock.instant().plusSeconds(60));
        decoder.decode(token);

        clock.advance(Duration.ofSeconds(60).plus(SKEW));
        assertThat(decoder.decode(token).getSubject()).as("still within the skew").isEqualTo("alice");

        clock.advance(Duration.ofSeconds(1));
        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtException.class);
    }

    /** A clock the test moves: expiry without waiting. */
    private static final class MovableClock extends Clock {

        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
