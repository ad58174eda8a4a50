package io.presencegrid.api.auth;

import static io.presencegrid.api.support.TestJwt.TOKENS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.presencegrid.api.support.TestJwt;
import io.presencegrid.clienttools.token.PresenceTokens;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

class CachingJwtDecoderTest {

    private static final Duration SKEW = TokenRules.CLOCK_SKEW;

    private final AtomicInteger verified = new AtomicInteger();
    private final MovableClock clock = new MovableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private final TokenKeys keys = new TokenKeys(List.of(new SecretKeySpec(TestJwt.SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256")), null, null);
    private final JwtDecoder decoder = caching(new TokenRules(null, null, Duration.ZERO, clock));

    @Test
    void aTokenSentAgainIsVerifiedOnce() {
        String token = TOKENS.user("alice");

        assertThat(decoder.decode(token).getSubject()).isEqualTo("alice");
        assertThat(decoder.decode(token).getSubject()).isEqualTo("alice");

        assertThat(verified).hasValue(1);
    }

    @Test
    void aTokenAlteredAfterItsGenuineSelfWasKeptIsStillRejected() {
        String token = TOKENS.user("alice");
        decoder.decode(token);
        String[] parts = token.split("\\.");
        String otherSignature = new PresenceTokens("another-secret-0123456789abcdef-0123456").user("alice").split("\\.")[2];

        assertThatThrownBy(() -> decoder.decode(parts[0] + "." + parts[1] + "." + otherSignature)).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> decoder.decode(new PresenceTokens("another-secret-0123456789abcdef-0123456").user("alice")))
                .isInstanceOf(JwtException.class);
    }

    @Test
    void aKeptTokenIsRejectedOnceItExpires() {
        String token = TOKENS.expiringAt("alice", clock.instant().plusSeconds(60));
        decoder.decode(token);

        clock.advance(Duration.ofSeconds(60).plus(SKEW));
        assertThat(decoder.decode(token).getSubject()).as("still within the skew").isEqualTo("alice");

        clock.advance(Duration.ofSeconds(1));
        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtException.class);
    }

    @Test
    void aKeptTokenIsRejectedOnceItOutlivesTheMaximumAge() {
        JwtDecoder youngOnly = caching(new TokenRules(null, null, Duration.ofSeconds(30), clock));
        String token = TOKENS.expiringAt("alice", clock.instant().plusSeconds(600));
        youngOnly.decode(token);

        clock.advance(Duration.ofSeconds(30));
        assertThat(youngOnly.decode(token).getSubject()).as("issued 30 s ago, within the skew").isEqualTo("alice");

        // Two seconds, not one: the token's iat is the wall clock's second, which may be one past the test clock's.
        clock.advance(SKEW.plusSeconds(2));
        assertThatThrownBy(() -> youngOnly.decode(token)).isInstanceOf(JwtException.class).hasMessageContaining("iat");
    }

    private JwtDecoder caching(TokenRules rules) {
        JwtDecoder verifier = TokenDecoders.verifier(keys, rules);
        return new CachingJwtDecoder(token -> {
            verified.incrementAndGet();
            return verifier.decode(token);
        }, rules::usableUntil, clock);
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
