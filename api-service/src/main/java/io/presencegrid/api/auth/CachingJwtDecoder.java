package io.presencegrid.api.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Tokens already verified, by their exact text, so a client that sends the same token with every
 * request pays for its signature and its JSON once: verifying was about 8% of the API's CPU per status
 * update. Only a token that verified is kept, under all of its characters (signature included), so an
 * altered or forged token never matches one; a kept token is used only until the moment its rules would
 * refuse it ({@code exp}, or the maximum age, with the same clock skew), and after that goes back to the
 * verifier, which rejects it. Bounded in count and age, so a flood of distinct valid tokens cannot grow
 * the heap.
 */
final class CachingJwtDecoder implements JwtDecoder {

    private static final int MAX_TOKENS = 10_000;
    private static final Duration MAX_AGE = Duration.ofMinutes(10);

    private final JwtDecoder verifier;
    private final Function<Jwt, Instant> usableUntil;
    private final Clock clock;
    private final Cache<String, Jwt> verified = Caffeine.newBuilder().maximumSize(MAX_TOKENS).expireAfterWrite(MAX_AGE).build();

    CachingJwtDecoder(JwtDecoder verifier, Function<Jwt, Instant> usableUntil, Clock clock) {
        this.verifier = verifier;
        this.usableUntil = usableUntil;
        this.clock = clock;
    }

    @Override
    public Jwt decode(String token) {
        Jwt known = verified.getIfPresent(token);
        if (known != null && !clock.instant().isAfter(usableUntil.apply(known))) {
            return known;
        }
        Jwt jwt = verifier.decode(token);
        verified.put(token, jwt);
        return jwt;
    }
}
